/**
 * The data key on its way to the one platform that asked for it: ECIES over X25519. The requester makes a one-time
 * key pair and names its public half in the signed key request; the broker makes its own one-time pair, derives a key
 * from the two (HKDF-SHA256, bound to both public keys and the artifact's digest) and seals the data key with it
 * (AES-256-GCM, the digest as associated data). Only the holder of the requester's private key, which never leaves
 * its process, can open it; a released key sealed for one artifact does not open as another's.
 */
import {
  createCipheriv,
  createDecipheriv,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { ProvenantError } from '../../core/errors.js';
import type { WrappedKey } from '../../core/encryption/protocol.js';

const INFO = Buffer.from('provenant key release v1', 'utf8');

export interface OneTimeKey {
  /** SPKI DER, base64: what the key request names. */
  publicKey: string;
  privateKey: KeyObject;
}

export function oneTimeKey(): OneTimeKey {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return { publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'), privateKey };
}

export function parseRecipient(spkiBase64: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(spkiBase64, 'base64'), format: 'der', type: 'spki' });
  } catch (e) {
    throw new ProvenantError(
      'KEY_REQUEST_INVALID',
      `recipient key: expected an X25519 public key (SPKI DER, base64), got one that does not parse.`,
      { cause: e },
    );
  }
  if (key.asymmetricKeyType !== 'x25519')
    throw new ProvenantError(
      'KEY_REQUEST_INVALID',
      `recipient key: expected an X25519 public key, got ${key.asymmetricKeyType ?? 'another kind'}.`,
    );
  return key;
}

function derive(secret: Buffer, ephemeral: string, recipient: string, artifact: string): Buffer {
  const salt = Buffer.concat([Buffer.from(ephemeral, 'base64'), Buffer.from(recipient, 'base64')]);
  return Buffer.from(
    hkdfSync('sha256', secret, salt, Buffer.concat([INFO, Buffer.from(artifact, 'utf8')]), 32),
  );
}

/** Seals `dataKey` for the recipient's public key, bound to `artifact` (`sha256:<hex>` of the ciphertext). */
export function wrapForRecipient(dataKey: Buffer, recipient: string, artifact: string): WrappedKey {
  const eph = generateKeyPairSync('x25519');
  const ephemeral = eph.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  const secret = diffieHellman({ privateKey: eph.privateKey, publicKey: parseRecipient(recipient) });
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derive(secret, ephemeral, recipient, artifact), iv);
  cipher.setAAD(Buffer.from(artifact, 'utf8'));
  const sealed = Buffer.concat([cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
  return {
    algorithm: 'X25519-HKDF-SHA256-A256GCM',
    ephemeralPublicKey: ephemeral,
    iv: iv.toString('base64'),
    sealed: sealed.toString('base64'),
  };
}

/** Opens what the broker sealed for `own`; refuses anything that was not sealed for this key and artifact. */
export function unwrapWithOwnKey(wrapped: WrappedKey, own: OneTimeKey, artifact: string): Buffer {
  try {
    const secret = diffieHellman({
      privateKey: own.privateKey,
      publicKey: parseRecipient(wrapped.ephemeralPublicKey),
    });
    const sealed = Buffer.from(wrapped.sealed, 'base64');
    const decipher = createDecipheriv(
      'aes-256-gcm',
      derive(secret, wrapped.ephemeralPublicKey, own.publicKey, artifact),
      Buffer.from(wrapped.iv, 'base64'),
    );
    decipher.setAAD(Buffer.from(artifact, 'utf8'));
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
  } catch (e) {
    throw new ProvenantError(
      'KEY_REQUEST_INVALID',
      `the broker's answer: expected a data key sealed for this request's one-time key and artifact ${artifact}, got one that does not open.`,
      { cause: e },
    );
  }
}
