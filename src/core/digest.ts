import { inputError, quote } from './errors.js';

/** The digest algorithms a subject may carry, with their hex lengths. Names follow in-toto's DigestSet. */
export const DIGEST_ALGORITHMS = { sha256: 64, sha384: 96, sha512: 128 } as const;
export type DigestAlgorithm = keyof typeof DIGEST_ALGORITHMS;

export type DigestSet = Partial<Record<DigestAlgorithm, string>>;

export function isDigestAlgorithm(name: string): name is DigestAlgorithm {
  return Object.hasOwn(DIGEST_ALGORITHMS, name);
}

export function parseAlgorithm(name: string, where: string): DigestAlgorithm {
  const lower = name.toLowerCase();
  if (!isDigestAlgorithm(lower)) {
    throw inputError(
      'DIGEST_ALGORITHM_UNKNOWN',
      `${where}: expected a digest algorithm of ${Object.keys(DIGEST_ALGORITHMS).join(', ')}, got ${quote(name)}. ` +
        'Use one of those (sha256 is what GitHub and cosign expect).',
    );
  }
  return lower;
}

/** Checks a hex digest for its algorithm and returns it lower-cased. */
export function normaliseHex(algorithm: DigestAlgorithm, hex: string, where: string): string {
  const want = DIGEST_ALGORITHMS[algorithm];
  if (hex.length !== want || !/^[0-9a-fA-F]+$/.test(hex)) {
    throw inputError(
      'DIGEST_INVALID',
      `${where}: expected a ${algorithm} digest of ${want} hexadecimal characters, got ${quote(hex)} ` +
        `(${hex.length} characters). Copy the digest exactly as \`${algorithm}sum\` prints it.`,
    );
  }
  return hex.toLowerCase();
}

/** Parses `sha256:<hex>` (the form used by the CLI, cosign and the conformance suite). */
export function parseDigestRef(value: string, where: string): { algorithm: DigestAlgorithm; hex: string } {
  const colon = value.indexOf(':');
  if (colon <= 0) {
    throw inputError(
      'DIGEST_INVALID',
      `${where}: expected <algorithm>:<hex>, for example sha256:${'0'.repeat(64)}, got ${quote(value)}.`,
    );
  }
  const algorithm = parseAlgorithm(value.slice(0, colon), where);
  return { algorithm, hex: normaliseHex(algorithm, value.slice(colon + 1), where) };
}

export function looksLikeDigestRef(value: string): boolean {
  return /^(sha256|sha384|sha512):/i.test(value);
}
