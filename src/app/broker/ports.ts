/**
 * The key broker's ports: its storage (SQLite or PostgreSQL), the key-encryption key that seals data keys at rest
 * (the operator's master key, or a KMS), the verifier of signed requests, and the sealing of a released key for its
 * requester. The broker's use cases see only these, so every one runs the same against either store.
 */
import type { AccessPolicy } from '../../core/encryption/access-policy.js';
import type { ArtifactId, WrappedKey } from '../../core/encryption/protocol.js';
import type { Logger, VerifiedBundle } from '../ports.js';

/** One registered data key, as stored: the key itself only sealed under the key-encryption key. */
export interface StoredKey {
  artifact: ArtifactId;
  /** The data key sealed by the key-encryption key `kekId` (base64), bound to `artifact`. */
  sealedKey: string;
  kekId: string;
  /** The decryption policy's text, as the publisher signed its digest. */
  policy: string;
  publisherIdentity: string;
  publisherIssuer: string;
  plaintextName: string;
  plaintextSha256: string;
  keyCommitment: string;
  createdAt: string;
}

/** Who asked, as far as the verified certificate says (absent when the request did not verify). */
export interface Requester {
  identity?: string;
  issuer?: string;
  repository?: string;
  workflow?: string;
  ref?: string;
  environment?: string;
}

/** One decision of the broker: who, which artifact, what was asked, and allowed or why not. Never a key. */
export interface AuditEntry extends Requester {
  time: string;
  /** Which broker instance decided (several may share one database). */
  instance: string;
  action: 'register' | 'release';
  artifact?: ArtifactId;
  allowed: boolean;
  code?: string;
  reason?: string;
}

export type NonceState = 'fresh' | 'unknown' | 'used' | 'expired';

export interface BrokerStore {
  addNonce(nonce: string, issuedAt: Date, expiresAt: Date): Promise<void>;
  /** Marks the nonce used, atomically (two instances racing on one nonce: one gets `fresh`), and says what it was. */
  useNonce(nonce: string, now: Date): Promise<NonceState>;
  /** Stores a key unless the artifact has one: `exists` then, and the stored one is left untouched. */
  putKey(key: StoredKey): Promise<'created' | 'exists'>;
  getKey(artifact: ArtifactId): Promise<StoredKey | undefined>;
  audit(entry: AuditEntry): Promise<void>;
  /** Every audit entry, oldest first (for the operator's `broker audit` and for tests). */
  auditEntries(): Promise<AuditEntry[]>;
  close(): Promise<void>;
}

/**
 * The key-encryption key: seals data keys at rest. The local implementation holds the operator's master key; a KMS
 * implementation (AWS KMS Encrypt/Decrypt, Google Cloud KMS, Vault transit) sends the data key to the KMS and keeps
 * only what it answers. `artifact` is bound to the sealed key, so a stored row moved to another artifact does not
 * open.
 */
export interface KeyEncryptionKey {
  /** Names the key (and version) that sealed a row, so rotation can find what to re-seal. */
  readonly id: string;
  seal(dataKey: Buffer, artifact: ArtifactId): Promise<string>;
  open(sealed: string, artifact: ArtifactId): Promise<Buffer>;
}

export interface BrokerPorts {
  store: BrokerStore;
  kek: KeyEncryptionKey;
  /** Checks a request bundle's cryptography against the broker's trusted root; throws a ProvenantError if it fails. */
  verifyRequest(bundle: unknown): VerifiedBundle;
  wrapForRecipient(dataKey: Buffer, recipientPublicKey: string, artifact: ArtifactId): WrappedKey;
  /** Who may register keys. */
  publisherPolicy: AccessPolicy;
  newNonce(): string;
  now(): Date;
  nonceTtlMs: number;
  instance: string;
  log: Logger;
}
