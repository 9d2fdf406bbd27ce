/**
 * Signing with a key of the user's (a PEM private key, ECDSA P-256 or Ed25519) instead of a Fulcio certificate: the
 * bundle carries the public key's hint, the signature is still witnessed (Rekor and/or a timestamp) so its time is
 * proven, and the fresh bundle is checked against that public key before it is kept.
 */
import { createPrivateKey, createPublicKey, createHash, sign, type KeyObject } from 'node:crypto';
import type { Signer } from '@sigstore/sign';
import { bundleFromJSON } from '@sigstore/bundle';
import { Verifier, toSignedEntity, toTrustMaterial } from '@sigstore/verify';
import type { Logger, SigningSession, SigstoreInstance } from '../../app/ports.js';
import { inputError, ProvenantError } from '../../core/errors.js';
import { rekorEntryUrl } from './instances.js';
import { signStatement } from './signer.js';
import { loadTrustedRootFile } from './trust.js';

export interface KeySessionOptions {
  instance: SigstoreInstance;
  privateKeyPem: string;
  /** Where the key came from, for messages (never the key itself). */
  source: string;
  /** Checks the fresh bundle against this root and the key; absent: unchecked. */
  trustedRootPath?: string;
  log: Logger;
}

function privateKey(pem: string, source: string): KeyObject {
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'ec' && key.asymmetricKeyType !== 'ed25519')
      throw new Error(`a ${key.asymmetricKeyType ?? 'unknown'} key`);
    return key;
  } catch (e) {
    throw inputError(
      'INPUT_INVALID',
      `${source}: expected an unencrypted PEM private key (ECDSA P-256 or Ed25519), got ${(e as Error).message}. ` +
        'Make one with `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out key.pem`.',
    );
  }
}

/** The public key's PEM and its hint: the hex SHA-256 of its DER, as cosign and sigstore-js name keys. */
export function publicKeyOf(key: KeyObject): { pem: string; hint: string } {
  const pub = createPublicKey(key);
  const der = pub.export({ type: 'spki', format: 'der' });
  return {
    pem: pub.export({ type: 'spki', format: 'pem' }).toString(),
    hint: createHash('sha256').update(der).digest('hex'),
  };
}

function keySigner(key: KeyObject): Signer {
  const { pem, hint } = publicKeyOf(key);
  const digest = key.asymmetricKeyType === 'ed25519' ? null : 'sha256';
  return {
    sign: (data) =>
      Promise.resolve({
        signature: sign(digest, data, key),
        key: { $case: 'publicKey', publicKey: pem, hint },
      }),
  };
}

export async function openKeySession(options: KeySessionOptions): Promise<SigningSession> {
  const { instance } = options;
  const key = privateKey(options.privateKeyPem, options.source);
  const signer = keySigner(key);
  const root = options.trustedRootPath ? await loadTrustedRootFile(options.trustedRootPath) : undefined;
  return {
    instance,
    sign: (statement) => signWithKey(instance, signer, key, statement),
    signMessage: (bytes) => signWithKey(instance, signer, key, bytes),
    ...(root
      ? {
          verifyAfterSign: (bundle: unknown, signedBytes?: Uint8Array) => {
            try {
              const publicKey = createPublicKey(key);
              const trust = toTrustMaterial(root, () => ({ publicKey, validFor: () => true }));
              new Verifier(trust, { tlogThreshold: instance.rekorUrl ? 1 : 0, ctlogThreshold: 0 }).verify(
                toSignedEntity(bundleFromJSON(bundle), signedBytes ? Buffer.from(signedBytes) : undefined),
              );
            } catch (e) {
              throw new ProvenantError(
                'VERIFY_AFTER_SIGN_FAILED',
                `expected the fresh key-signed bundle to verify with ${options.source}'s public key, got ${(e as Error).message}. Nothing was published.`,
              );
            }
            return Promise.resolve();
          },
        }
      : {}),
  };
}

async function signWithKey(
  instance: SigstoreInstance,
  signer: Signer,
  key: KeyObject,
  content: object | Uint8Array,
) {
  const r = await signStatement(content, {
    endpoints: {
      fulcioUrl: instance.fulcioUrl,
      ...(instance.rekorUrl ? { rekorUrl: instance.rekorUrl } : {}),
      ...(instance.rekorApiVersion ? { rekorApiVersion: instance.rekorApiVersion } : {}),
      ...(instance.tsaUrl ? { tsaUrl: instance.tsaUrl } : {}),
    },
    identityToken: '',
    keySigner: signer,
    messageSignature: content instanceof Uint8Array,
  });
  const entryUrl = rekorEntryUrl(instance, r.facts.rekorLogIndex);
  const facts = { ...r.facts, certificateIdentity: `key ${publicKeyOf(key).hint}` };
  return {
    bundleJson: r.bundleJson,
    bundle: r.bundle,
    facts: { ...facts, ...(entryUrl ? { rekorEntryUrl: entryUrl } : {}) },
  };
}
