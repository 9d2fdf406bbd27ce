/**
 * Certificate-chain work done once instead of per bundle, around @sigstore/verify (wrapped, not forked).
 *
 * Profiling 1,000 bundles showed sigstore-js spending most of its time re-encoding certificates to DER merely to
 * compare them (`X509Certificate.equals` re-encodes both sides, several times per chain). Certificates handed to it
 * here remember the DER they were parsed from and compare those bytes: the same answer for the same certificate, and
 * stricter (never looser) for two encodings of one certificate. Signatures are still checked over re-encoded TBS bytes,
 * exactly as before.
 *
 * Memoizing a signature check by object is safe only for objects that do not change; see KnownDerCertificate.
 *
 * And a leaf seen before (several bundles from one signing certificate) has its chain path validated once: the memo
 * is keyed by the leaf's bytes, and a hit is only taken when every signing time of the new bundle lies within the
 * validity of each certificate of that path and of its certificate authority. Signature, log and timestamp checks are
 * never memoized: they run for every bundle.
 */
import { ASN1Obj, crypto as sigstoreCrypto, X509Certificate } from '@sigstore/core';
import type { TrustMaterial, Verifier } from '@sigstore/verify';
import { createHash } from 'node:crypto';

type CertificateAuthority = TrustMaterial['certificateAuthorities'][number];

/**
 * A certificate that knows the DER it came from, so equality is a byte comparison. Its public key's encoding and the
 * outcome of checking its signature with a given issuer are kept once computed: both are functions of bytes that
 * never change (sigstore-js clones a certificate before altering it), and the CAs of the trust material are the same
 * objects for every bundle, so their part of every chain (intermediate by root, root by itself) is checked once.
 */
export class KnownDerCertificate extends X509Certificate {
  readonly der: Buffer;
  private spki?: Buffer;
  private readonly verifiedBy = new WeakMap<X509Certificate, boolean>();

  constructor(parsed: X509Certificate, der: Uint8Array) {
    super(parsed.root);
    this.der = Buffer.from(der);
  }

  static of(parsed: X509Certificate, der: Uint8Array): KnownDerCertificate {
    return parsed instanceof KnownDerCertificate ? parsed : new KnownDerCertificate(parsed, der);
  }

  override equals(other: X509Certificate): boolean {
    return other instanceof KnownDerCertificate ? this.der.equals(other.der) : super.equals(other);
  }

  override get publicKey(): Buffer {
    return (this.spki ??= super.publicKey);
  }

  override verify(issuer?: X509Certificate): boolean {
    const by = issuer ?? this;
    let verified = this.verifiedBy.get(by);
    if (verified === undefined) {
      // sigstore-js's own check (the signature over the TBS re-encoded to DER), with the issuer's key object made once.
      verified = sigstoreCrypto.verify(
        Buffer.from(this.tbsCertificate.toDER()),
        keyOf(by),
        this.signatureValue,
        this.signatureAlgorithm,
      );
      this.verifiedBy.set(by, verified);
    }
    return verified;
  }

  /**
   * An independent copy to alter (sigstore-js removes the SCT extension from one to rebuild the precertificate): the
   * same tree as parsing the re-encoded bytes gives, copied node by node instead of parsed again. Values are shared;
   * nothing alters them, only the lists of children.
   */
  override clone(): X509Certificate {
    return new X509Certificate(copyTree(this.root));
  }
}

const copyTree = (node: ASN1Obj): ASN1Obj => new ASN1Obj(node.tag, node.value, node.subs.map(copyTree));

/** Key objects of issuers' public keys, made once per certificate. */
const keys = new WeakMap<X509Certificate, ReturnType<typeof sigstoreCrypto.createPublicKey>>();
function keyOf(cert: X509Certificate) {
  let key = keys.get(cert);
  if (!key) {
    key = sigstoreCrypto.createPublicKey(cert.publicKey);
    keys.set(cert, key);
  }
  return key;
}

/** The trust material with each CA's chain as certificates that compare by their DER. */
export function withKnownDer(trust: TrustMaterial): TrustMaterial {
  const authorities = trust.certificateAuthorities.map((ca): CertificateAuthority => ({
    ...ca,
    certChain: ca.certChain.map((c) => KnownDerCertificate.of(c, c.root.toDER())),
  }));
  return { ...trust, certificateAuthorities: authorities };
}

type SigningKeyCheck = (entity: unknown, timestamps: Date[]) => unknown;
interface Memo {
  signer: unknown;
  /** The latest notBefore and earliest notAfter of the leaf and every certificate of its CA's chain. */
  notBefore: Date;
  notAfter: Date;
  authority: CertificateAuthority['validFor'];
}

/** Distinct leaves remembered; past it, new leaves are simply checked in full. */
const MAX_MEMO = 4096;

function within(memo: Memo, time: Date): boolean {
  const { start, end } = memo.authority;
  return memo.notBefore <= time && time <= memo.notAfter && start <= time && time <= end;
}

/** The one CA whose chain holds the leaf's issuer (by key identifier); undefined when none or several do. */
function issuingAuthority(leaf: X509Certificate, trust: TrustMaterial): CertificateAuthority | undefined {
  const aki = leaf.extAuthorityKeyID?.keyIdentifier;
  if (!aki) return undefined;
  const matching = trust.certificateAuthorities.filter((ca) =>
    ca.certChain.some((c) => c.extSubjectKeyID?.keyIdentifier.equals(aki)),
  );
  return matching.length === 1 ? matching[0] : undefined;
}

/** A memo for a validated leaf: the intersection of the validity of the leaf and all of its CA's chain. */
function memoFor(signer: unknown, leaf: X509Certificate, ca: CertificateAuthority): Memo {
  const path = [leaf, ...ca.certChain];
  return {
    signer,
    notBefore: new Date(Math.max(...path.map((c) => c.notBefore.getTime()))),
    notAfter: new Date(Math.min(...path.map((c) => c.notAfter.getTime()))),
    authority: ca.validFor,
  };
}

/**
 * Wraps a Verifier's signing-key check (certificate chain, SCTs) with the per-leaf memo. The check stays sigstore-js's
 * own; a hit needs one CA to have issued the leaf, and every signing time inside that CA's window and inside every
 * certificate of the leaf's path (the path sigstore-js builds is a subset of the leaf and that chain, so any time that
 * passes here passes there). Path building does not depend on the time; SCTs are checked against their own times.
 */
export function memoizeChains(verifier: Verifier, trust: TrustMaterial): void {
  const target = verifier as unknown as { verifySigningKey: SigningKeyCheck };
  const original = target.verifySigningKey.bind(verifier);
  const memos = new Map<string, Memo>();
  target.verifySigningKey = (entity, timestamps) => {
    const leaf = (entity as { key: { $case: string; certificate?: unknown } }).key.certificate;
    if (!(leaf instanceof KnownDerCertificate)) return original(entity, timestamps);
    const id = createHash('sha256').update(leaf.der).digest('hex');
    const memo = memos.get(id);
    if (memo && timestamps.length > 0 && timestamps.every((t) => within(memo, t))) return memo.signer;
    const signer = original(entity, timestamps);
    const ca = issuingAuthority(leaf, trust);
    if (ca && memos.size < MAX_MEMO) memos.set(id, memoFor(signer, leaf, ca));
    return signer;
  };
}
