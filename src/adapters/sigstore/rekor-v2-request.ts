/**
 * What Rekor v2 is asked to log for a signature. It takes `hashedrekord` 0.0.2 entries only (DSSE entries were
 * dropped), so, as sigstore-go does, a DSSE envelope is logged as a hashedrekord over the digest of its
 * pre-authentication encoding (the bytes the signature covers) with the envelope's signature, and a message
 * signature as a hashedrekord over the artifact's digest. The verifier is the signing certificate (or key) with
 * the key details the log needs to check the signature over the digest.
 */
import type { SignatureBundle } from '@sigstore/sign';
import { dsse } from '@sigstore/core';
import { createHash, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { ProvenantError } from '../../core/errors.js';

type Hash = 'sha256' | 'sha384' | 'sha512';

interface KeyDetails {
  readonly name: string;
  readonly hash: Hash;
}

/** The protobuf-specs `PublicKeyDetails` for a key, with the hash its signatures are computed over. */
function keyDetailsOf(key: KeyObject): KeyDetails | string {
  const type = key.asymmetricKeyType;
  if (type === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === 'prime256v1') return { name: 'PKIX_ECDSA_P256_SHA_256', hash: 'sha256' };
    if (curve === 'secp384r1') return { name: 'PKIX_ECDSA_P384_SHA_384', hash: 'sha384' };
    if (curve === 'secp521r1') return { name: 'PKIX_ECDSA_P521_SHA_512', hash: 'sha512' };
    return `an ECDSA key on ${curve ?? 'an unnamed curve'}`;
  }
  if (type === 'rsa') {
    const bits = key.asymmetricKeyDetails?.modulusLength;
    if (bits === 2048 || bits === 3072 || bits === 4096) {
      return { name: `PKIX_RSA_PKCS1V15_${bits}_SHA256`, hash: 'sha256' };
    }
    return `a ${bits ?? 'unknown'}-bit RSA key`;
  }
  if (type === 'ed25519')
    return 'an Ed25519 key (it signs the message itself, and hashedrekord needs a digest)';
  return `a ${type ?? 'unknown'} key`;
}

export interface HashedRekordRequest {
  /** The `CreateEntryRequest` as protobuf JSON. */
  readonly body: { hashedRekordRequestV002: Record<string, unknown> };
  readonly digest: Buffer;
  readonly signature: Buffer;
}

function unsupported(detail: string): ProvenantError {
  return new ProvenantError(
    'SIGNING_FAILED',
    `Rekor v2: expected a signature it can log as hashedrekord (ECDSA P-256/P-384/P-521 or RSA PKCS#1 v1.5), got ${detail}.`,
  );
}

/** The verifier for a PEM certificate or public key (what sigstore-js hands a witness). */
function verifierOf(pem: string): { json: Record<string, unknown>; details: KeyDetails } {
  let key: KeyObject;
  let der: Buffer;
  const isCertificate = pem.includes('CERTIFICATE');
  try {
    if (isCertificate) {
      const cert = new X509Certificate(pem);
      [key, der] = [cert.publicKey, cert.raw];
    } else {
      key = createPublicKey(pem);
      der = key.export({ format: 'der', type: 'spki' });
    }
  } catch (e) {
    throw unsupported(
      `a verifier that is neither a PEM certificate nor a PEM public key (${(e as Error).message})`,
    );
  }
  const details = keyDetailsOf(key);
  if (typeof details === 'string') throw unsupported(details);
  const holder = isCertificate ? 'x509Certificate' : 'publicKey';
  return { json: { [holder]: { rawBytes: der.toString('base64') }, keyDetails: details.name }, details };
}

/** The hashedrekord request for the signed content of a bundle, signed by the key in `publicKeyPem`. */
export function hashedRekordRequest(content: SignatureBundle, publicKeyPem: string): HashedRekordRequest {
  const verifier = verifierOf(publicKeyPem);
  const { hash } = verifier.details;
  let digest: Buffer;
  let signature: Buffer;
  if (content.$case === 'dsseEnvelope') {
    const envelope = content.dsseEnvelope;
    const first = envelope.signatures[0];
    if (!first) throw unsupported('a DSSE envelope without a signature');
    digest = createHash(hash).update(dsse.preAuthEncoding(envelope.payloadType, envelope.payload)).digest();
    signature = first.sig;
  } else {
    const message = content.messageSignature;
    digest = Buffer.from(message.messageDigest?.digest ?? Buffer.alloc(0));
    signature = message.signature;
    const expected = createHash(hash).digest().length;
    if (digest.length !== expected) {
      throw unsupported(
        `a message digest of ${digest.length} bytes for a key that signs ${hash} digests (${expected} bytes)`,
      );
    }
  }
  return {
    body: {
      hashedRekordRequestV002: {
        digest: digest.toString('base64'),
        signature: { content: Buffer.from(signature).toString('base64'), verifier: verifier.json },
      },
    },
    digest,
    signature: Buffer.from(signature),
  };
}
