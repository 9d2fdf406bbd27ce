/**
 * When a rerun counts as done. Re-signing always changes a bundle's bytes (a fresh key, certificate and log entry), so
 * comparing bytes would make every rerun of a successful job end in ASSET_CONFLICT. The rule instead: a release asset
 * that is a Sigstore bundle whose statement names exactly the same subjects (the same names with the same digests),
 * whose certificate names the same workflow identity and issuer as this run's, and which verifies as a fresh bundle
 * would, already does what this run's bundle would do. It is kept (or replaced, with overwrite).
 */
import { certificateClaims } from '../core/certificate-claims.js';
import type { Subject } from '../core/subject.js';

export interface SignerIdentity {
  /** The certificate's SAN: `https://github.com/<job_workflow_ref>`. */
  identity: string;
  /** The OIDC issuer the certificate records. */
  issuer?: string;
}

interface BundleShape {
  dsseEnvelope?: { payload?: unknown; payloadType?: unknown };
  verificationMaterial?: {
    certificate?: { rawBytes?: unknown };
    x509CertificateChain?: { certificates?: { rawBytes?: unknown }[] };
  };
}

const key = (name: string, digest: Record<string, unknown>): string =>
  `${name}\u0000${Object.keys(digest)
    .sort()
    .map((alg) => `${alg}:${String(digest[alg])}`)
    .join(',')}`;

function statementSubjects(bundle: BundleShape): string[] | undefined {
  const envelope = bundle.dsseEnvelope;
  if (typeof envelope?.payload !== 'string' || envelope.payloadType !== 'application/vnd.in-toto+json')
    return undefined;
  const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as {
    subject?: { name?: unknown; digest?: unknown }[];
  };
  if (!Array.isArray(statement.subject)) return undefined;
  return statement.subject.map((s) =>
    key(
      String(s.name),
      s.digest && typeof s.digest === 'object' ? (s.digest as Record<string, unknown>) : {},
    ),
  );
}

function leafCertificate(bundle: BundleShape): Uint8Array | undefined {
  const material = bundle.verificationMaterial;
  const raw = material?.certificate?.rawBytes ?? material?.x509CertificateChain?.certificates?.[0]?.rawBytes;
  return typeof raw === 'string' ? Buffer.from(raw, 'base64') : undefined;
}

/** A bundle file: one (pretty-printed) JSON document, or JSON Lines whose first line is the bundle. */
function parseBundle(text: string): BundleShape {
  try {
    return JSON.parse(text) as BundleShape;
  } catch {
    return JSON.parse(text.split('\n')[0]!) as BundleShape;
  }
}

export async function isEquivalentBundle(
  bytes: Buffer,
  subjects: readonly Subject[],
  signer: SignerIdentity,
  checks: { verifyBundle?(bundle: unknown): Promise<void> },
): Promise<boolean> {
  try {
    const bundle = parseBundle(bytes.toString('utf8'));
    const theirs = statementSubjects(bundle)?.sort();
    const ours = subjects.map((s) => key(s.name, s.digest)).sort();
    if (!theirs || theirs.length !== ours.length || theirs.some((k, i) => k !== ours[i])) return false;
    const der = leafCertificate(bundle);
    if (!der) return false;
    const claims = certificateClaims(der);
    if (claims.subjectAlternativeName !== signer.identity) return false;
    if (signer.issuer !== undefined && claims.issuer !== signer.issuer) return false;
    if (checks.verifyBundle) await checks.verifyBundle(bundle);
    return true;
  } catch {
    // Not a bundle, or one that does not verify: not this run's work.
    return false;
  }
}
