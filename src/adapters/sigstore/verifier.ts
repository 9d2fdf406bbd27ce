import type { Bundle } from '@sigstore/bundle';
import { X509Certificate } from '@sigstore/core';
import { HashAlgorithm } from '@sigstore/protobuf-specs';
import { toSignedEntity, Verifier, type SignedEntity, type TrustMaterial } from '@sigstore/verify';
import { constants, publicDecrypt, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { VerifiedBundle } from '../../app/ports.js';
import { verifyEcdsaPrehashed } from '../../core/bundle-prehashed.js';
import { certificateClaims } from '../../core/certificate-claims.js';
import { leafCertificate } from './bundle-facts.js';
import { KnownDerCertificate, memoizeChains, withKnownDer } from './chain-cache.js';
import type { DigestAlgorithm, DigestSet } from '../../core/digest.js';
import { isProvenantError, ProvenantError } from '../../core/errors.js';
import { parseStatement, type StatementView } from '../../core/policy/statement-view.js';

const MESSAGE_DIGEST_ALGORITHMS: Partial<Record<HashAlgorithm, DigestAlgorithm>> = {
  [HashAlgorithm.HASH_ALGORITHM_UNSPECIFIED]: 'sha256',
  [HashAlgorithm.SHA2_256]: 'sha256',
  [HashAlgorithm.SHA2_384]: 'sha384',
  [HashAlgorithm.SHA2_512]: 'sha512',
};

/** The digest a message-signature bundle signed over, with its algorithm; undefined for DSSE bundles. */
export function messageDigestAlgorithm(bundle: Bundle): DigestAlgorithm | undefined {
  if (bundle.content.$case !== 'messageSignature') return undefined;
  const alg = bundle.content.messageSignature.messageDigest?.algorithm ?? HashAlgorithm.SHA2_256;
  return MESSAGE_DIGEST_ALGORITHMS[alg];
}

// DER DigestInfo prefixes (RFC 8017 §9.2 note 1), to check an RSA PKCS#1 v1.5 signature over a digest.
const DIGEST_INFO: Record<DigestAlgorithm, string> = {
  sha256: '3031300d060960864801650304020105000420',
  sha384: '3041300d060960864801650304020205000430',
  sha512: '3051300d060960864801650304020305000440',
};

/** Verifies a signature over a digest we computed (streamed), for the key types Sigstore issues. */
export function verifyPrehashed(
  key: KeyObject,
  algorithm: DigestAlgorithm,
  digest: Buffer,
  signature: Buffer,
): boolean {
  if (key.asymmetricKeyType === 'ec')
    return verifyEcdsaPrehashed(key.export({ format: 'jwk' }), digest, signature);
  if (key.asymmetricKeyType === 'rsa') {
    try {
      const recovered = publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, signature);
      const expected = Buffer.concat([Buffer.from(DIGEST_INFO[algorithm], 'hex'), digest]);
      return recovered.length === expected.length && timingSafeEqual(recovered, expected);
    } catch {
      return false;
    }
  }
  // Ed25519 signs the message itself (no prehash form that matches), and other types are not issued by Sigstore.
  return false;
}

function signatureInvalid(source: string, detail: string, cause?: unknown): ProvenantError {
  return new ProvenantError(
    'SIGNATURE_INVALID',
    `${source}: expected a valid Sigstore signature, got ${detail}. The bundle or the artifact was altered, or the bundle comes from a different Sigstore instance than the trust root (--trusted-root / --instance).`,
    { cause },
  );
}

type MessageSignatureBundle = Bundle & { content: { $case: 'messageSignature' } };

/**
 * A message signature checked against the artifact's digest instead of its bytes, so artifacts are hashed once as
 * a stream (never held in memory) and `sha256:<hex>` inputs verify as well as files do.
 */
function prehashedContent(
  bundle: MessageSignatureBundle,
  algorithm: DigestAlgorithm,
  digest: Buffer,
): SignedEntity['signature'] {
  const { signature, messageDigest } = bundle.content.messageSignature;
  const bundleDigest = Buffer.from(messageDigest?.digest ?? Buffer.alloc(0));
  const equal = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);
  return {
    signature: Buffer.from(signature),
    compareSignature: (other) => equal(other, Buffer.from(signature)),
    compareDigest: (other) => equal(other, bundleDigest),
    compareSignedDigest: (other) => equal(other, bundleDigest),
    verifySignature: (key) => verifyPrehashed(key, algorithm, digest, Buffer.from(signature)),
  };
}

function verifiedTimes(entity: SignedEntity): Date[] {
  const out: Date[] = [];
  for (const t of entity.timestamps) {
    if (t.$case === 'transparency-log') out.push(new Date(Number(t.tlogEntry.integratedTime) * 1000));
    else out.push(t.timestamp.signingTime);
  }
  return out;
}

/**
 * Only the leaf of a bundle's chain is used: @sigstore/verify chains it to the trusted root's CAs, so a certificate
 * shipped after it is never a trust anchor. Bundles of 2023 (npm's among them) carry leaf + intermediate + root; the
 * protobuf-specs ask verifiers to ignore such superfluous certificates or treat them as untrusted, and both come to
 * the same here: a copy of a trusted CA adds nothing, any other certificate is never consulted. The first
 * certificate must be a leaf, though: a CA there would be taken for the signing key.
 */
function checkLeaf(bundle: Bundle, source: string): void {
  const content = bundle.verificationMaterial.content;
  if (content.$case !== 'x509CertificateChain') return;
  const first = content.x509CertificateChain.certificates[0];
  if (first === undefined) return; // refused by sigstore-js as an empty chain
  let leaf: X509Certificate;
  try {
    leaf = X509Certificate.parse(Buffer.from(first.rawBytes));
  } catch (e) {
    throw signatureInvalid(source, `an unparseable certificate (${(e as Error).message})`, e);
  }
  if (leaf.isCA) {
    throw signatureInvalid(
      source,
      'a CA certificate where the signing (leaf) certificate belongs (the chain must start with the leaf)',
    );
  }
}

/**
 * An inclusion proof is only as good as the signed checkpoint it leads to: without one it proves nothing, and
 * @sigstore/verify would fail on it with a TypeError. Refused here with that reason, as sigstore-go does.
 */
function checkInclusionProofs(bundle: Bundle, source: string): void {
  bundle.verificationMaterial.tlogEntries.forEach((entry, i) => {
    const proof = entry.inclusionProof;
    if (proof && !proof.checkpoint?.envelope) {
      throw new ProvenantError(
        'BUNDLE_INVALID',
        `${source}: expected the inclusion proof of transparency-log entry ${i} to carry the log's signed checkpoint, ` +
          'got none. Without the checkpoint the proof proves nothing; re-download the bundle, or fetch the entry anew from the log.',
      );
    }
  });
}

/** A message signature must sign this artifact's digest; then its signature is checked against that digest. */
function messageSignatureOf(
  bundle: MessageSignatureBundle,
  source: string,
  artifact: DigestSet,
): SignedEntity['signature'] {
  const algorithm = messageDigestAlgorithm(bundle);
  const digest = algorithm === undefined ? undefined : artifact[algorithm];
  if (algorithm === undefined || digest === undefined) {
    throw new ProvenantError(
      'SUBJECT_MISMATCH',
      `${source}: expected the artifact's ${algorithm ?? 'unsupported'} digest for this message signature, got only ${Object.keys(artifact).join(', ')}. Pass the artifact file instead of a digest.`,
    );
  }
  const bundleDigest = Buffer.from(
    bundle.content.messageSignature.messageDigest?.digest ?? Buffer.alloc(0),
  ).toString('hex');
  if (bundleDigest !== digest) {
    throw new ProvenantError(
      'SUBJECT_MISMATCH',
      `${source}: expected the bundle to sign the artifact's ${algorithm} digest ${digest}, got ${bundleDigest || 'none'}. This bundle is for a different file.`,
    );
  }
  return prehashedContent(bundle, algorithm, Buffer.from(digest, 'hex'));
}

/**
 * A DSSE payload parsed once, whoever asks first: peeking at its subjects before verification (to choose what to
 * hash) and reading it after share one parse, which for a big statement is most of the work. The same bytes parse
 * to the same statement; only what the signature covers is ever trusted, and that is checked before use.
 */
const statements = new WeakMap<Uint8Array, StatementView>();
function statementOf(envelope: { payloadType: string; payload: Buffer }, source: string): StatementView {
  let statement = statements.get(envelope.payload);
  if (!statement) {
    statement = parseStatement(envelope.payloadType, envelope.payload, source);
    statements.set(envelope.payload, statement);
  }
  return statement;
}

/**
 * One verifier per trust material, built once with its CAs comparing by DER and its chain memo (chain-cache.ts). A
 * trust root that names no logs (GitHub's private instance uses timestamps only) cannot demand log entries.
 */
const verifiers = new WeakMap<TrustMaterial, Verifier>();
function verifierFor(trust: TrustMaterial): Verifier {
  let verifier = verifiers.get(trust);
  if (!verifier) {
    const known = withKnownDer(trust);
    verifier = new Verifier(known, {
      tlogThreshold: trust.tlogs.length > 0 ? 1 : 0,
      ctlogThreshold: trust.ctlogs.length > 0 ? 1 : 0,
    });
    memoizeChains(verifier, known);
    verifiers.set(trust, verifier);
  }
  return verifier;
}

export interface VerifyOptions {
  source: string;
  trust: TrustMaterial;
  /** The artifact's digests; a message-signature bundle needs the algorithm it names. */
  artifact: DigestSet;
}

/**
 * The cryptography, via @sigstore/verify: certificate chain and validity at the signing time, SCTs, log inclusion
 * (SET, proof, checkpoint), RFC 3161 timestamps, and the signature. Then for a message signature, that it signed
 * this artifact. DSSE subjects are the policy layer's job (sigstore-js does not look at them).
 */
export function verifyBundleCrypto(bundle: Bundle, options: VerifyOptions): VerifiedBundle {
  const { source, trust } = options;
  checkLeaf(bundle, source);
  checkInclusionProofs(bundle, source);
  let entity: SignedEntity;
  try {
    entity = toSignedEntity(bundle, Buffer.alloc(0));
  } catch (e) {
    throw signatureInvalid(source, `an unreadable certificate or timestamp (${(e as Error).message})`, e);
  }
  if (entity.key.$case === 'certificate' && trust.certificateAuthorities.length === 0) {
    throw new ProvenantError(
      'TRUST_ROOT_INVALID',
      `${source}: expected the trusted root to have a certificate authority to chain the bundle's certificate to, got none. ` +
        'Use the trusted root of the Sigstore instance that issued the certificate.',
    );
  }
  if (bundle.content.$case === 'messageSignature') {
    entity = {
      ...entity,
      signature: messageSignatureOf(bundle as MessageSignatureBundle, source, options.artifact),
    };
  }
  if (entity.key.$case === 'certificate') {
    const raw = leafCertificate(bundle);
    if (raw)
      entity = {
        ...entity,
        key: { ...entity.key, certificate: KnownDerCertificate.of(entity.key.certificate, raw) },
      };
  }
  try {
    verifierFor(trust).verify(entity);
  } catch (e) {
    if (isProvenantError(e)) throw e;
    const code = (e as { code?: string }).code;
    throw signatureInvalid(source, `${code ? `${code}: ` : ''}${(e as Error).message}`, e);
  }
  const result: VerifiedBundle = {
    kind: bundle.content.$case === 'dsseEnvelope' ? 'dsse' : 'message-signature',
    timestamps: verifiedTimes(entity),
  };
  if (entity.key.$case === 'certificate') result.claims = certificateClaims(entity.key.certificate);
  if (bundle.content.$case === 'dsseEnvelope') {
    result.statement = statementOf(bundle.content.dsseEnvelope, source);
  }
  return result;
}

/**
 * Which digests of the artifact a bundle needs: a message signature names its algorithm; a DSSE statement's
 * subjects say which they carry (peeked at before verification only to decide what to hash; nothing is trusted).
 */
export function algorithmsFor(bundle: Bundle): DigestAlgorithm[] {
  if (bundle.content.$case === 'messageSignature') {
    const alg = messageDigestAlgorithm(bundle);
    return alg ? [alg] : ['sha256'];
  }
  try {
    const statement = statementOf(bundle.content.dsseEnvelope, 'bundle');
    const present = new Set(statement.subjects.flatMap((s) => Object.keys(s.digest) as DigestAlgorithm[]));
    if (present.has('sha256') || present.size === 0) return ['sha256'];
    return [...present];
  } catch {
    return ['sha256'];
  }
}
