import type { DigestSet } from './digest.js';
import type { Subject } from './subject.js';

export const IN_TOTO_STATEMENT_V1 = 'https://in-toto.io/Statement/v1';
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

export interface Statement<P = unknown> {
  _type: typeof IN_TOTO_STATEMENT_V1;
  subject: { name: string; digest: DigestSet }[];
  predicateType: string;
  predicate: P;
}

export function buildStatement<P>(
  subjects: readonly Subject[],
  predicateType: string,
  predicate: P,
): Statement<P> {
  return {
    _type: IN_TOTO_STATEMENT_V1,
    // Sizes are ours, not the statement's: in-toto subjects carry name and digest only.
    subject: subjects.map((s) => ({ name: s.name, digest: { ...s.digest } })),
    predicateType,
    predicate,
  };
}
