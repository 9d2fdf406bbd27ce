import { DIGEST_ALGORITHMS, type DigestSet } from '../digest.js';
import { BUNDLE_LIMITS, jsonShapeExceeds, overLimit } from '../bundle-limits.js';
import { isProvenantError, ProvenantError } from '../errors.js';
import { IN_TOTO_PAYLOAD_TYPE } from '../statement.js';

const STATEMENT_TYPES = new Set(['https://in-toto.io/Statement/v1', 'https://in-toto.io/Statement/v0.1']);

/**
 * The parts of an in-toto statement verification reads. The payload is attacker-chosen bytes until the signature
 * is checked, and signer-chosen after: parse defensively, keep unknown fields as `unknown`.
 */
export interface StatementView {
  subjects: { name: string; digest: DigestSet }[];
  predicateType: string;
  predicate: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function digestSet(raw: unknown): DigestSet {
  const out: DigestSet = {};
  if (!isRecord(raw)) return out;
  for (const [name, value] of Object.entries(DIGEST_ALGORITHMS)) {
    const hex = raw[name];
    if (typeof hex === 'string' && hex.length === value && /^[0-9a-fA-F]+$/.test(hex)) {
      out[name as keyof DigestSet] = hex.toLowerCase();
    }
  }
  return out;
}

/**
 * A statement is signer-chosen JSON: millions of empty objects parse into gigabytes. Its shape is counted first, in
 * one pass, against limits no real statement comes near.
 */
function refuseCostlyShape(text: string, where: string): void {
  const L = BUNDLE_LIMITS;
  const shape = jsonShapeExceeds(text, {
    depth: L.jsonDepth,
    values: L.statementJsonValues,
    containers: L.statementJsonContainers,
  });
  if (shape === 'depth') throw overLimit(where, 'levels of nesting in the statement', L.jsonDepth, 'more');
  if (shape === 'values')
    throw overLimit(where, 'JSON values in the statement', L.statementJsonValues, 'more');
  if (shape) throw overLimit(where, 'objects and arrays in the statement', L.statementJsonContainers, 'more');
}

/** Parses a DSSE payload of type in-toto. Throws BUNDLE_INVALID when it is not a statement at all. */
export function parseStatement(payloadType: string, payload: Uint8Array, where: string): StatementView {
  if (payloadType !== IN_TOTO_PAYLOAD_TYPE) {
    throw new ProvenantError(
      'BUNDLE_INVALID',
      `${where}: expected a DSSE payload of type ${IN_TOTO_PAYLOAD_TYPE}, got ${JSON.stringify(payloadType)}. ` +
        'Only in-toto statements name the artifacts they cover; sign an in-toto statement instead.',
    );
  }
  let parsed: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(payload);
    refuseCostlyShape(text, where);
    parsed = JSON.parse(text);
  } catch (e) {
    if (isProvenantError(e)) throw e;
    throw new ProvenantError(
      'BUNDLE_INVALID',
      `${where}: expected the DSSE payload to be UTF-8 JSON, got ${(e as Error).message}.`,
    );
  }
  if (!isRecord(parsed) || typeof parsed._type !== 'string' || !STATEMENT_TYPES.has(parsed._type)) {
    throw new ProvenantError(
      'BUNDLE_INVALID',
      `${where}: expected an in-toto statement (_type ${[...STATEMENT_TYPES].join(' or ')}), got ${
        isRecord(parsed) ? JSON.stringify(parsed._type) : typeof parsed
      }.`,
    );
  }
  const subjects = Array.isArray(parsed.subject)
    ? parsed.subject
        .filter(isRecord)
        .map((s) => ({ name: typeof s.name === 'string' ? s.name : '', digest: digestSet(s.digest) }))
    : [];
  return {
    subjects,
    predicateType: typeof parsed.predicateType === 'string' ? parsed.predicateType : '',
    predicate: parsed.predicate,
  };
}
