/** What encrypting and decrypting need from the outside: the cipher, the broker's HTTP API and the signer. */
import type { KeyRelease, WrappedKey } from '../../core/encryption/protocol.js';
import type { IdentityPort, Logged, SigningSession, VerifiedBundle } from '../ports.js';

/** The digests one pass through the cipher saw: of what it read and of what it wrote. */
export interface CipherPass {
  inputSha256: string;
  outputSha256: string;
  outputBytes: number;
}

/** A key pair made for one key request; its private half never leaves the object. */
export interface OneTimeKeyPort {
  /** SPKI DER, base64. */
  publicKey: string;
  /** Opens the data key the broker sealed for this key and artifact. */
  open(wrapped: WrappedKey, artifact: string): Buffer;
}

export interface CipherPort {
  newDataKey(): Buffer;
  encryptFile(input: string, output: string, key: Buffer): Promise<CipherPass>;
  /** Writes `output` only after every chunk authenticated and `accept` (the digests' check) returned. */
  decryptFile(
    input: string,
    output: string,
    key: Buffer,
    accept: (pass: CipherPass) => void,
  ): Promise<CipherPass>;
  oneTimeKey(): OneTimeKeyPort;
  sha256(data: Buffer | string): string;
  remove(path: string): Promise<void>;
}

export interface BrokerClientPort {
  readonly url: string;
  nonce(): Promise<string>;
  register(request: { bundle: unknown; policy: string; key: string }): Promise<void>;
  requestKey(request: { bundle: unknown; artifact: string }): Promise<KeyRelease>;
}

export interface EncryptionPorts extends Logged {
  cipher: CipherPort;
  broker: BrokerClientPort;
  signing: IdentityPort;
}

export interface DecryptionPorts extends EncryptionPorts {
  /** Loads a provenance bundle and checks its cryptography against the trusted root. */
  verifyProvenance(bundlePath: string): Promise<VerifiedBundle>;
}

export type { SigningSession };
