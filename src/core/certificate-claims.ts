import { X509Certificate } from '@sigstore/core';

/**
 * The identity a Fulcio certificate proves: its SAN plus the OIDC claims Fulcio copied into extensions under
 * 1.3.6.1.4.1.57264.1. Only these (and verified timestamps) are unforgeable; the statement may claim anything.
 */
export interface CertificateClaims {
  subjectAlternativeName?: string;
  issuer?: string;
  buildSignerURI?: string;
  buildSignerDigest?: string;
  runnerEnvironment?: string;
  sourceRepositoryURI?: string;
  sourceRepositoryDigest?: string;
  sourceRepositoryRef?: string;
  sourceRepositoryIdentifier?: string;
  sourceRepositoryOwnerURI?: string;
  sourceRepositoryOwnerIdentifier?: string;
  buildConfigURI?: string;
  buildConfigDigest?: string;
  buildTrigger?: string;
  runInvocationURI?: string;
  sourceRepositoryVisibilityAtSigning?: string;
  /** The job's protected environment (`environment` claim), when it ran in one: what per-step identities key on. */
  deploymentEnvironment?: string;
  /** The token's raw `sub` claim, e.g. `repo:acme/widget:environment:release`. */
  tokenSubject?: string;
  /** Legacy (.2–.6) values, raw strings: only used when the DER-encoded successors are absent. */
  legacy: {
    githubWorkflowTrigger?: string;
    githubWorkflowSha?: string;
    githubWorkflowName?: string;
    githubWorkflowRepository?: string;
    githubWorkflowRef?: string;
  };
}

const FULCIO = '1.3.6.1.4.1.57264.1';

/** From .8 on Fulcio encodes each value as a DER UTF8String inside the extension's OCTET STRING. */
const DER_CLAIMS = {
  issuer: 8,
  buildSignerURI: 9,
  buildSignerDigest: 10,
  runnerEnvironment: 11,
  sourceRepositoryURI: 12,
  sourceRepositoryDigest: 13,
  sourceRepositoryRef: 14,
  sourceRepositoryIdentifier: 15,
  sourceRepositoryOwnerURI: 16,
  sourceRepositoryOwnerIdentifier: 17,
  buildConfigURI: 18,
  buildConfigDigest: 19,
  buildTrigger: 20,
  runInvocationURI: 21,
  sourceRepositoryVisibilityAtSigning: 22,
  deploymentEnvironment: 23,
  tokenSubject: 24,
} as const satisfies Record<string, number>;

/** .1–.6 predate the DER encoding: their extension value is the raw string bytes. */
const LEGACY_CLAIMS = {
  githubWorkflowTrigger: 2,
  githubWorkflowSha: 3,
  githubWorkflowName: 4,
  githubWorkflowRepository: 5,
  githubWorkflowRef: 6,
} as const satisfies Record<string, number>;
const LEGACY_ISSUER = 1;

/** Reads an extension's value bytes by OID (the OCTET STRING content), or undefined when absent. */
export type ExtensionReader = (oid: string) => Uint8Array | undefined;

/**
 * Decodes a DER UTF8String (tag 0x0c). Returns undefined for anything else, so a malformed extension reads as
 * "claim absent" and every policy rule that needs it fails closed.
 */
export function decodeDerUtf8String(bytes: Uint8Array): string | undefined {
  if (bytes.length < 2 || bytes[0] !== 0x0c) return undefined;
  const first = bytes[1]!;
  let length: number;
  let offset: number;
  if (first < 0x80) {
    length = first;
    offset = 2;
  } else {
    const count = first & 0x7f;
    // Four length bytes cover any certificate; more (or the indefinite form, count 0) is not DER we accept.
    if (count === 0 || count > 4 || bytes.length < 2 + count) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[2 + i]!;
    offset = 2 + count;
  }
  if (offset + length !== bytes.length) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(offset));
  } catch {
    return undefined;
  }
}

function decodeRaw(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Builds the claims from an extension reader and a SAN; the seam that keeps this testable without certificates. */
export function claimsFromExtensions(
  read: ExtensionReader,
  subjectAlternativeName: string | undefined,
): CertificateClaims {
  const claims: CertificateClaims = { legacy: {} };
  if (subjectAlternativeName !== undefined) claims.subjectAlternativeName = subjectAlternativeName;
  for (const [name, arc] of Object.entries(DER_CLAIMS) as [keyof typeof DER_CLAIMS, number][]) {
    const raw = read(`${FULCIO}.${arc}`);
    const value = raw === undefined ? undefined : decodeDerUtf8String(raw);
    if (value !== undefined) claims[name] = value;
  }
  for (const [name, arc] of Object.entries(LEGACY_CLAIMS) as [keyof typeof LEGACY_CLAIMS, number][]) {
    const raw = read(`${FULCIO}.${arc}`);
    const value = raw === undefined ? undefined : decodeRaw(raw);
    if (value !== undefined) claims.legacy[name] = value;
  }
  if (claims.issuer === undefined) {
    const raw = read(`${FULCIO}.${LEGACY_ISSUER}`);
    const value = raw === undefined ? undefined : decodeRaw(raw);
    if (value !== undefined) claims.issuer = value;
  }
  return claims;
}

/** Reads the claims of a leaf certificate (DER bytes or an already parsed certificate). */
export function certificateClaims(certificate: X509Certificate | Uint8Array): CertificateClaims {
  const cert =
    certificate instanceof X509Certificate ? certificate : X509Certificate.parse(Buffer.from(certificate));
  return claimsFromExtensions((oid) => {
    const ext = cert.extension(oid);
    return ext === undefined ? undefined : new Uint8Array(ext.value);
  }, cert.subjectAltName);
}
