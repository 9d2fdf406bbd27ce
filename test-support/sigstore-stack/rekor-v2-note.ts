/**
 * The log's signing key and its checkpoints: a C2SP tlog-checkpoint body (`<origin>\n<size>\n<base64 root>\n`)
 * wrapped in a C2SP signed note (`\n— <origin> <base64(key ID[0:4] || signature)>\n`).
 *
 * Key IDs as rekor-tiles computes them, and as the log's `logId` in a trusted root: for Ed25519 (what the public
 * shards use) SHA-256(origin || 0x0A || 0x01 || 32-byte key), the signed-note recommendation; for ECDSA the
 * SHA-256 of the DER SubjectPublicKeyInfo, without the origin (signature type 0x02 of the signed-note spec). The
 * note carries the first four bytes; the log ID is the whole hash.
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export type LogKeyType = 'ed25519' | 'ecdsa-p256';

export interface LogKey {
  readonly origin: string;
  readonly type: LogKeyType;
  /** DER SubjectPublicKeyInfo, as a trusted root's `publicKey.rawBytes`. */
  readonly spki: Buffer;
  /** The trusted root's `keyDetails` for this key. */
  readonly keyDetails: 'PKIX_ED25519' | 'PKIX_ECDSA_P256_SHA_256';
  /** The full key ID: the log ID entries and trusted roots carry; its first four bytes are the note's key hint. */
  readonly keyId: Buffer;
  readonly publicKey: KeyObject;
  readonly privateKey: KeyObject;
}

/** C2SP signed-note key names: non-empty, no Unicode spaces, no `+`. */
export function isValidOrigin(origin: string): boolean {
  return origin.length > 0 && !/[\s+]/u.test(origin);
}

export function generateLogKey(origin: string, type: LogKeyType = 'ed25519'): LogKey {
  if (!isValidOrigin(origin)) throw new Error(`invalid checkpoint origin ${JSON.stringify(origin)}`);
  const { publicKey, privateKey } =
    type === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  return {
    origin,
    type,
    spki,
    keyDetails: type === 'ed25519' ? 'PKIX_ED25519' : 'PKIX_ECDSA_P256_SHA_256',
    keyId: logKeyId(origin, type, spki),
    publicKey,
    privateKey,
  };
}

export function logKeyId(origin: string, type: LogKeyType, spki: Buffer): Buffer {
  const hash = createHash('sha256');
  if (type === 'ecdsa-p256') return hash.update(spki).digest();
  // An Ed25519 SubjectPublicKeyInfo ends with the 32-byte key (RFC 8410).
  return hash
    .update(`${origin}\n`)
    .update(Uint8Array.of(0x01))
    .update(spki.subarray(spki.length - 32))
    .digest();
}

export function checkpointBody(origin: string, size: number, root: Buffer): string {
  return `${origin}\n${size}\n${root.toString('base64')}\n`;
}

/** Signs `text` (which ends in a newline) as a signed note by the log's key. */
export function signNote(text: string, key: LogKey): string {
  const data = Buffer.from(text, 'utf8');
  // Ed25519 signs the text itself; ECDSA signs its SHA-256, DER-encoded (what Go's ecdsa signers produce).
  const signature =
    key.type === 'ed25519' ? sign(null, data, key.privateKey) : sign('sha256', data, key.privateKey);
  const line = Buffer.concat([key.keyId.subarray(0, 4), signature]).toString('base64');
  return `${text}\n\u2014 ${key.origin} ${line}\n`;
}
