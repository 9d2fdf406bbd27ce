/**
 * Cheap structural limits, checked before any expensive parsing: a hostile bundle is refused in milliseconds, with
 * an error naming the bundle and the limit, instead of costing minutes and gigabytes inside a library. Each limit is
 * far above what real bundles carry (measured on the real bundles of five projects and the conformance suite: one
 * log entry, at most one timestamp, chains of at most three certificates of under 3 KiB and 130 ASN.1 objects).
 */
import { ProvenantError } from './errors.js';

export const BUNDLE_LIMITS = {
  /** Nesting depth of any JSON document a bundle carries (the bundle, its statement). */
  jsonDepth: 64,
  /** JSON values in the bundle document itself: the statement travels base64-encoded, so a real one has ~60. */
  bundleJsonValues: 100_000,
  /** JSON values in a DSSE statement (a statement of 1,024 subjects has ~6,000; big SBOMs far fewer than this). */
  statementJsonValues: 1_000_000,
  /** Objects and arrays in a statement: each costs far more memory to parse than a number or a string. */
  statementJsonContainers: 200_000,
  /** Certificates in `x509CertificateChain` (leaf, intermediates, a superfluous root). */
  certificates: 8,
  /** Bytes of one DER certificate. */
  certificateBytes: 32 * 1024,
  /** ASN.1 objects (TLVs) in one certificate or timestamp. */
  asn1Objects: 4096,
  /** RFC 3161 timestamps, as sigstore-go bounds them. */
  timestamps: 32,
  /** Bytes of one RFC 3161 timestamp (its token carries the TSA's chain). */
  timestampBytes: 64 * 1024,
  /** Transparency-log entries, as sigstore-go bounds them. */
  tlogEntries: 32,
  /** Hashes in one inclusion proof: a tree of 2^64 leaves needs 64. */
  inclusionProofHashes: 64,
  /** DSSE signatures (Sigstore bundles carry exactly one). */
  dsseSignatures: 8,
} as const;

export type BundleLimit = keyof typeof BUNDLE_LIMITS;

export function overLimit(source: string, what: string, limit: number, got: number | string): ProvenantError {
  return new ProvenantError(
    'BUNDLE_TOO_LARGE',
    `${source}: expected at most ${limit} ${what}, got ${got}. Refused before parsing further: no Sigstore bundle ` +
      'carries that many; the file is damaged or built to exhaust the verifier.',
  );
}

/**
 * One linear pass over JSON text, skipping string contents: the deepest nesting, and the values and containers
 * (each comma separates two values; each `{` or `[` opens one). Stops as soon as a limit is passed.
 */
export function jsonShapeExceeds(
  text: string,
  limits: { depth: number; values?: number; containers?: number },
): 'depth' | 'values' | 'containers' | undefined {
  const values = limits.values ?? Infinity;
  const containers = limits.containers ?? Infinity;
  let depth = 0;
  let seenValues = 0;
  let seenContainers = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limits.depth) return 'depth';
      if (++seenContainers > containers) return 'containers';
      if (++seenValues > values) return 'values';
    } else if (c === 0x7d || c === 0x5d) depth--;
    else if (c === 0x2c && ++seenValues > values) return 'values';
  }
  return undefined;
}

/**
 * Counts the ASN.1 objects (tag-length-value triples) of DER bytes without building them, stopping past `limit`.
 * Iterative, so nesting cannot exhaust the stack; malformed lengths end the walk (the real parser reports them).
 */
export function asn1ObjectsExceed(der: Uint8Array, limit: number): boolean {
  let count = 0;
  const pending: [number, number][] = [[0, der.length]];
  while (pending.length > 0) {
    const [start, end] = pending.pop()!;
    let i = start;
    while (i < end) {
      const tag = der[i++]!;
      if ((tag & 0x1f) === 0x1f) while (i < end && der[i++]! & 0x80);
      let length = der[i++] ?? 0;
      if (length & 0x80) {
        const octets = length & 0x7f;
        if (octets > 4) return false;
        length = 0;
        for (let k = 0; k < octets; k++) length = length * 256 + (der[i++] ?? 0);
      }
      if (++count > limit) return true;
      if (tag & 0x20) pending.push([i, Math.min(i + length, end)]);
      i += length;
    }
  }
  return false;
}

type Json = Record<string, unknown>;
const record = (v: unknown): Json | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** The decoded size of a base64 string, from its length alone. */
const base64Bytes = (v: unknown): number => (typeof v === 'string' ? Math.floor((v.length * 3) / 4) : 0);

function atMost(source: string, what: string, limit: number, got: number): void {
  if (got > limit) throw overLimit(source, what, limit, got);
}

/** The certificates of a bundle's verification material, as base64 strings (v0.1–v0.3 spellings). */
function certificatesOf(material: Json): unknown[] {
  const single = record(material.certificate)?.rawBytes;
  const chain = list(record(material.x509CertificateChain)?.certificates).map((c) => record(c)?.rawBytes);
  return single !== undefined ? [single, ...chain] : chain;
}

/**
 * The counts and sizes of a bundle's parts, read from its JSON before the library decodes any of it: chain length
 * and certificate sizes, timestamps and their sizes, log entries and their proofs, DSSE signatures.
 */
export function checkBundleShape(json: Json, source: string): void {
  const L = BUNDLE_LIMITS;
  const material = record(json.verificationMaterial) ?? {};
  const certificates = certificatesOf(material);
  atMost(source, 'certificates in the chain', L.certificates, certificates.length);
  certificates.forEach((c, i) =>
    atMost(source, `bytes in certificate ${i}`, L.certificateBytes, base64Bytes(c)),
  );
  const timestamps = list(record(material.timestampVerificationData)?.rfc3161Timestamps);
  atMost(source, 'RFC 3161 timestamps', L.timestamps, timestamps.length);
  timestamps.forEach((t, i) =>
    atMost(source, `bytes in timestamp ${i}`, L.timestampBytes, base64Bytes(record(t)?.signedTimestamp)),
  );
  const entries = list(material.tlogEntries);
  atMost(source, 'transparency-log entries', L.tlogEntries, entries.length);
  entries.forEach((e, i) =>
    atMost(
      source,
      `hashes in the inclusion proof of log entry ${i}`,
      L.inclusionProofHashes,
      list(record(record(e)?.inclusionProof)?.hashes).length,
    ),
  );
  const signatures = list(record(json.dsseEnvelope)?.signatures);
  atMost(source, 'DSSE signatures', L.dsseSignatures, signatures.length);
}
