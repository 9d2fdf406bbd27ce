/**
 * What the encrypting publisher, the key broker and the decrypting platform say to each other. The two signed
 * requests are in-toto statements (so the verifier and its policy rules read them like any attestation) whose only
 * subject is the ciphertext; their predicates carry the broker's nonce and what the request is about. Everything read
 * here comes from a signed but signer-chosen payload: it is checked field by field.
 */
import { ProvenantError } from '../errors.js';
import type { StatementView } from '../policy/statement-view.js';
import { buildStatement, type Statement } from '../statement.js';

export const KEY_REQUEST_PREDICATE = 'https://github.com/provenant-org/provenant/key-request/v1';
export const KEY_REGISTRATION_PREDICATE = 'https://github.com/provenant-org/provenant/key-registration/v1';

/** `sha256:<hex>` of a ciphertext: the name an artifact's key is kept under. */
export type ArtifactId = string;

export const artifactId = (sha256Hex: string): ArtifactId => `sha256:${sha256Hex}`;

export interface KeyRequestPredicate {
  nonce: string;
  /** The one-time X25519 public key (SPKI DER, base64) the data key is to be sealed for. */
  recipient: { algorithm: 'X25519'; publicKey: string };
}

export interface KeyRegistrationPredicate {
  nonce: string;
  /** The plaintext the ciphertext decrypts to: what a consumer checks after decrypting. */
  plaintext: { name: string; digest: { sha256: string } };
  /** sha256 hex of the decryption policy's text as sent beside the request. */
  policySha256: string;
  /** sha256 hex of the data key under a label: binds the key sent beside the request to the signature. */
  keyCommitment: string;
}

export interface WrappedKey {
  algorithm: 'X25519-HKDF-SHA256-A256GCM';
  ephemeralPublicKey: string;
  iv: string;
  sealed: string;
}

/** The label the key commitment hashes the data key under (so it is never a bare hash of the key). */
export const KEY_COMMITMENT_LABEL = 'provenant data key commitment v1\n';

/** A broker's refusal as it goes over the wire: a stable code and the reason. */
export interface Refusal {
  code: string;
  message: string;
}

export interface KeyRelease {
  artifact: ArtifactId;
  wrappedKey: WrappedKey;
  /** Who registered the key, as the broker verified: a consumer expects the provenance to be signed by the same. */
  publisher: { identity: string; issuer: string };
  plaintext: { name: string; sha256: string };
}

const HEX64 = /^[0-9a-f]{64}$/;
const NONCE = /^[A-Za-z0-9_-]{16,128}$/;

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function refuse(message: string): ProvenantError {
  return new ProvenantError('KEY_REQUEST_INVALID', message);
}

export function keyRequestStatement(
  ciphertext: { name: string; sha256: string },
  predicate: KeyRequestPredicate,
): Statement<KeyRequestPredicate> {
  return buildStatement(
    [{ name: ciphertext.name, digest: { sha256: ciphertext.sha256 } }],
    KEY_REQUEST_PREDICATE,
    predicate,
  );
}

export function keyRegistrationStatement(
  ciphertext: { name: string; sha256: string },
  predicate: KeyRegistrationPredicate,
): Statement<KeyRegistrationPredicate> {
  return buildStatement(
    [{ name: ciphertext.name, digest: { sha256: ciphertext.sha256 } }],
    KEY_REGISTRATION_PREDICATE,
    predicate,
  );
}

/** The one artifact a signed request is about: a statement of the expected type with exactly one sha256 subject. */
export function requestedArtifact(statement: StatementView | undefined, predicateType: string): ArtifactId {
  if (!statement || statement.predicateType !== predicateType)
    throw refuse(
      `expected a signed statement of type ${predicateType}, got ${JSON.stringify(statement?.predicateType ?? 'none')}.`,
    );
  const [subject, ...rest] = statement.subjects;
  if (!subject || rest.length > 0 || !subject.digest.sha256)
    throw refuse(
      `expected exactly one subject with a sha256 digest (the ciphertext), got ${statement.subjects.length}.`,
    );
  return artifactId(subject.digest.sha256);
}

export function readNonce(predicate: Record<string, unknown>): string {
  const nonce = predicate.nonce;
  if (typeof nonce !== 'string' || !NONCE.test(nonce))
    throw refuse(
      `predicate.nonce: expected the nonce the broker issued, got ${typeof nonce === 'string' ? JSON.stringify(nonce.slice(0, 40)) : typeof nonce}.`,
    );
  return nonce;
}

export function readKeyRequest(statement: StatementView): KeyRequestPredicate {
  const p = record(statement.predicate);
  const recipient = record(p?.recipient);
  if (!p || !recipient || recipient.algorithm !== 'X25519' || typeof recipient.publicKey !== 'string')
    throw refuse('predicate.recipient: expected {"algorithm": "X25519", "publicKey": "<SPKI DER, base64>"}.');
  return { nonce: readNonce(p), recipient: { algorithm: 'X25519', publicKey: recipient.publicKey } };
}

export function readKeyRegistration(statement: StatementView): KeyRegistrationPredicate {
  const p = record(statement.predicate);
  if (!p) throw refuse('predicate: expected an object, got none.');
  const plain = record(p.plaintext);
  const digest = record(plain?.digest);
  const sha = digest?.sha256;
  if (!plain || typeof plain.name !== 'string' || typeof sha !== 'string' || !HEX64.test(sha))
    throw refuse('predicate.plaintext: expected {"name": NAME, "digest": {"sha256": HEX}}.');
  for (const field of ['policySha256', 'keyCommitment'] as const)
    if (typeof p[field] !== 'string' || !HEX64.test(p[field]))
      throw refuse(`predicate.${field}: expected 64 lowercase hexadecimal characters.`);
  return {
    nonce: readNonce(p),
    plaintext: { name: plain.name, digest: { sha256: sha } },
    policySha256: p.policySha256 as string,
    keyCommitment: p.keyCommitment as string,
  };
}
