/**
 * What the Rekor v2 log does with a write before it is sequenced, as rekor-tiles does: read the
 * `hashedRekordRequestV002` (protobuf JSON: bytes in base64, enums by name), check that the key details name the
 * verifier's key and a prehashing algorithm, that the digest has that hash's length, and that the signature
 * verifies over the digest; then build the log entry, `hashedrekord` 0.0.2, canonicalised (RFC 8785) as the
 * leaf the tree hashes and the `canonicalizedBody` clients get back.
 */
import {
  constants,
  createPublicKey,
  publicDecrypt,
  timingSafeEqual,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import { verifyEcdsaPrehashed } from '../../src/core/bundle-prehashed.js';

type HashName = 'SHA2_256' | 'SHA2_384';

interface Algorithm {
  readonly hash: HashName;
  readonly digestBytes: number;
  /** Whether `key` is the kind of key these details name. */
  readonly fits: (key: KeyObject) => boolean;
}

const ec = (curve: string) => (key: KeyObject) =>
  key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === curve;
const rsa = (bits: number) => (key: KeyObject) =>
  key.asymmetricKeyType === 'rsa' && key.asymmetricKeyDetails?.modulusLength === bits;

/** The algorithms this log accepts (rekor-tiles' default registry, less the ones Node cannot check prehashed). */
const ALGORITHMS: Readonly<Record<string, Algorithm>> = {
  PKIX_ECDSA_P256_SHA_256: { hash: 'SHA2_256', digestBytes: 32, fits: ec('prime256v1') },
  PKIX_ECDSA_P384_SHA_384: { hash: 'SHA2_384', digestBytes: 48, fits: ec('secp384r1') },
  PKIX_RSA_PKCS1V15_2048_SHA256: { hash: 'SHA2_256', digestBytes: 32, fits: rsa(2048) },
  PKIX_RSA_PKCS1V15_3072_SHA256: { hash: 'SHA2_256', digestBytes: 32, fits: rsa(3072) },
  PKIX_RSA_PKCS1V15_4096_SHA256: { hash: 'SHA2_256', digestBytes: 32, fits: rsa(4096) },
};

export type EntryResult = { readonly body: Buffer } | { readonly refused: string };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Protobuf JSON bytes: standard or URL-safe base64, padded or not. */
function bytes(value: unknown, field: string): Buffer {
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(value)) {
    throw new Refusal(`${field} is not base64`);
  }
  return Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

class Refusal extends Error {}

function only(object: Json, allowed: string[], where: string): void {
  const unknown = Object.keys(object).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) throw new Refusal(`unknown field ${JSON.stringify(unknown[0])} in ${where}`);
}

/** The verifier's key, from a DER public key or a DER certificate. */
function verifierKey(verifier: Json): { key: KeyObject; json: Json } {
  only(verifier, ['publicKey', 'x509Certificate', 'keyDetails'], 'verifier');
  const { publicKey, x509Certificate } = verifier;
  if ((publicKey === undefined) === (x509Certificate === undefined)) {
    throw new Refusal('verifier must contain either a public key or an X.509 certificate');
  }
  const holder = publicKey ?? x509Certificate;
  if (!isObject(holder)) throw new Refusal('verifier key is not an object');
  const raw = bytes(holder['rawBytes'], 'verifier rawBytes');
  try {
    const key =
      publicKey !== undefined
        ? createPublicKey({ key: raw, format: 'der', type: 'spki' })
        : new X509Certificate(raw).publicKey;
    const which = publicKey !== undefined ? 'publicKey' : 'x509Certificate';
    return { key, json: { [which]: { rawBytes: raw.toString('base64') } } };
  } catch (e) {
    throw new Refusal(`parsing verifier: ${(e as Error).message}`);
  }
}

function verifies(key: KeyObject, algorithm: Algorithm, digest: Buffer, signature: Buffer): boolean {
  if (key.asymmetricKeyType === 'ec') {
    return verifyEcdsaPrehashed(key.export({ format: 'jwk' }), digest, signature);
  }
  try {
    // PKCS #1 v1.5: the signature opens to DigestInfo(SHA-256) || digest (RFC 8017 §9.2).
    const opened = publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, signature);
    const expected = Buffer.concat([Buffer.from('3031300d060960864801650304020105000420', 'hex'), digest]);
    return (
      algorithm.hash === 'SHA2_256' && opened.length === expected.length && timingSafeEqual(opened, expected)
    );
  } catch {
    return false;
  }
}

/** RFC 8785 for what a log entry holds: objects and strings only. */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (!isObject(value)) throw new Error('only objects and strings are canonicalised here');
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
}

function hashedRekord(request: Json): Buffer {
  only(request, ['digest', 'signature'], 'hashedRekordRequestV002');
  const signature = request['signature'];
  if (!isObject(signature) || signature['content'] === undefined) throw new Refusal('missing signature');
  only(signature, ['content', 'verifier'], 'signature');
  const content = bytes(signature['content'], 'signature content');
  if (content.length === 0) throw new Refusal('missing signature');
  const verifier = signature['verifier'];
  if (!isObject(verifier)) throw new Refusal('missing verifier');
  if (request['digest'] === undefined) throw new Refusal('missing digest');
  const digest = bytes(request['digest'], 'digest');
  const { key, json: keyJson } = verifierKey(verifier);
  const details = verifier['keyDetails'];
  const algorithm = typeof details === 'string' ? ALGORITHMS[details] : undefined;
  if (!algorithm) throw new Refusal(`unsupported key details ${JSON.stringify(details)}`);
  if (!algorithm.fits(key)) throw new Refusal(`the verifier's key is not a ${String(details)} key`);
  if (digest.length !== algorithm.digestBytes) {
    throw new Refusal(
      `digest length (${digest.length}) does not match ${algorithm.digestBytes} for ${algorithm.hash}`,
    );
  }
  if (!verifies(key, algorithm, digest, content)) throw new Refusal('verifying signature: invalid signature');
  const entry = {
    apiVersion: '0.0.2',
    kind: 'hashedrekord',
    spec: {
      hashedRekordV002: {
        data: { algorithm: algorithm.hash, digest: digest.toString('base64') },
        signature: {
          content: content.toString('base64'),
          verifier: { ...keyJson, keyDetails: details as string },
        },
      },
    },
  };
  return Buffer.from(canonicalJson(entry), 'utf8');
}

/** A `CreateEntryRequest` in protobuf JSON to the entry the log appends, or the reason it is refused. */
export function toLogEntry(body: Buffer): EntryResult {
  let request: unknown;
  try {
    request = JSON.parse(body.toString('utf8'));
  } catch {
    return { refused: 'request is not JSON' };
  }
  if (!isObject(request)) return { refused: 'request is not a JSON object' };
  // Rekor v2 accepts hashedrekord only: DSSE entries are gone (a DSSE envelope is logged as hashedrekord).
  if (!isObject(request['hashedRekordRequestV002']) || Object.keys(request).length !== 1) {
    return { refused: 'invalid type, must be hashedrekord' };
  }
  try {
    return { body: hashedRekord(request['hashedRekordRequestV002']) };
  } catch (e) {
    if (e instanceof Refusal) return { refused: `invalid hashedrekord request: ${e.message}` };
    throw e;
  }
}
