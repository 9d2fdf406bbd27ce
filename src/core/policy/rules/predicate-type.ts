import type { Rule } from '../types.js';

/**
 * --predicate-type: what an attestation (a DSSE statement) attests. A message signature has no statement and so no
 * predicate: it signs the artifact's digest itself, and the certificate rules decide who signed it.
 */
export const predicateTypeRule: Rule = (input, policy) => {
  if (policy.predicateType === undefined || input.statement === undefined) return undefined;
  const got = input.statement.predicateType;
  if (got === policy.predicateType) return undefined;
  return {
    code: 'PREDICATE_TYPE_MISMATCH',
    rule: 'predicate-type',
    message:
      `expected predicate type ${policy.predicateType}, got ${JSON.stringify(got)}. ` +
      'Pass --predicate-type with the type this bundle attests, or use the bundle that carries the provenance.',
  };
};
