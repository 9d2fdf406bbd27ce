/**
 * The layout verification use case: the layout's own signature (a message signature over the file, by the signer the
 * verifier names), then every attestation in the directory through the cryptography (certificates against the
 * trusted root; key-signed ones against the layout's key functionaries), then the pipeline against the layout.
 */
import { sha256Hex } from '../core/layout/digest-bytes.js';
import { ProvenantError, isProvenantError, quote } from '../core/errors.js';
import type { Functionary, StepSigner } from '../core/layout/functionary.js';
import { decodeLayout, MAX_LAYOUT_BYTES, parseLayoutText } from '../core/layout/layout-file.js';
import type { Layout } from '../core/layout/layout.js';
import { verifyPipeline, type PipelineArtifact, type PipelineReport } from '../core/layout/pipeline.js';
import type { StepAttestation } from '../core/layout/step-links.js';
import type { LoadedBundle, VerifiedBundle, VerifyPorts } from './ports.js';
import { resolveArtifacts } from './verify-artifacts.js';

export type LayoutSigner = { identity: string; issuer: string } | { keyPem: string; source: string };

export interface LayoutVerifyRequest {
  artifacts: readonly string[];
  layoutPath: string;
  layoutBundlePath: string;
  layoutSigner: LayoutSigner;
  /** Directories of link and provenance bundles (`*.sigstore.json`, `*.jsonl`). */
  attestationsDirs: readonly string[];
}

export interface LayoutVerifyPorts extends VerifyPorts {
  readBytes(path: string, maxBytes: number): Promise<Uint8Array>;
  /** The cryptography with this PEM public key as the only signer trusted (key-signed bundles). */
  verifyWithKey(loaded: LoadedBundle, artifact: Record<string, string>, publicKeyPem: string): VerifiedBundle;
  now(): Date;
}

const isKeySigned = (loaded: LoadedBundle) =>
  loaded.bundle.verificationMaterial.content.$case === 'publicKey';

async function loadOne(path: string, ports: LayoutVerifyPorts): Promise<LoadedBundle> {
  const loaded = await ports.loadBundles(path);
  if (loaded.length !== 1)
    throw new ProvenantError(
      'BUNDLE_INVALID',
      `--layout-bundle ${quote(path)}: expected one bundle, got ${loaded.length}.`,
    );
  return loaded[0]!;
}

/** The layout file's signature, by exactly the signer given; returns who that is, for the report. */
async function checkLayoutSignature(
  request: LayoutVerifyRequest,
  bytes: Uint8Array,
  ports: LayoutVerifyPorts,
): Promise<string> {
  const loaded = await loadOne(ports.resolve(request.layoutBundlePath), ports);
  const digest = { sha256: sha256Hex(bytes) };
  const signer = request.layoutSigner;
  if (loaded.bundle.content.$case !== 'messageSignature')
    throw new ProvenantError(
      'BUNDLE_INVALID',
      `${loaded.source}: expected a signature over the layout file (provenant sign-layout), got a DSSE statement.`,
    );
  if ('keyPem' in signer) {
    if (!isKeySigned(loaded))
      throw new ProvenantError(
        'LAYOUT_SIGNER_MISMATCH',
        `${loaded.source}: expected the layout signed with ${signer.source}, got a certificate-signed bundle.`,
      );
    ports.verifyWithKey(loaded, digest, signer.keyPem);
    return `the key ${signer.source}`;
  }
  const verified = ports.verifyCrypto(loaded, digest);
  const c = verified.claims;
  if (c?.subjectAlternativeName !== signer.identity || c.issuer !== signer.issuer)
    throw new ProvenantError(
      'LAYOUT_SIGNER_MISMATCH',
      `${loaded.source}: expected the layout signed by ${signer.identity} (issuer ${signer.issuer}), got ${c?.subjectAlternativeName ?? 'a key'} (issuer ${c?.issuer ?? 'none'}). ` +
        'Only the signer you name may declare the pipeline; check --layout-cert-identity and --layout-cert-oidc-issuer.',
    );
  return `${c.subjectAlternativeName} (${c.issuer})`;
}

/** One bundle of the directory, verified; undefined (with the reason in `skipped`) when it does not verify. */
function verifiedAttestation(
  loaded: LoadedBundle,
  layout: Layout,
  ports: LayoutVerifyPorts,
  skipped: string[],
): StepAttestation | undefined {
  const keys = [...layout.functionaries.values()].filter(
    (f): f is Extract<Functionary, { kind: 'key' }> => f.kind === 'key',
  );
  const attempt = (verify: () => VerifiedBundle, signer: (v: VerifiedBundle) => StepSigner | undefined) => {
    const verified = verify();
    const s = signer(verified);
    return verified.statement && s
      ? { source: loaded.source, signer: s, statement: verified.statement }
      : undefined;
  };
  const reasons: string[] = [];
  const tries = isKeySigned(loaded)
    ? keys.map(
        (k) => () =>
          attempt(
            () => ports.verifyWithKey(loaded, {}, k.publicKeyPem),
            () => ({ kind: 'key', functionary: k.name }),
          ),
      )
    : [
        () =>
          attempt(
            () => ports.verifyCrypto(loaded, {}),
            (v) => (v.claims ? { kind: 'certificate', claims: v.claims } : undefined),
          ),
      ];
  for (const t of tries) {
    try {
      const found = t();
      if (found) return found;
    } catch (e) {
      if (!isProvenantError(e)) throw e;
      reasons.push(e.message);
    }
  }
  skipped.push(
    `${loaded.source}: ${reasons[0] ?? (isKeySigned(loaded) ? 'signed with a key no functionary has' : 'not an in-toto statement')}`,
  );
  return undefined;
}

async function attestationsIn(
  request: LayoutVerifyRequest,
  layout: Layout,
  ports: LayoutVerifyPorts,
  skipped: string[],
): Promise<StepAttestation[]> {
  const out: StepAttestation[] = [];
  const files: string[] = [];
  for (const dir of request.attestationsDirs)
    files.push(...(await ports.listBundleFiles(ports.resolve(dir))));
  for (const file of files) {
    let loaded: LoadedBundle[];
    try {
      loaded = await ports.loadBundles(file);
    } catch (e) {
      if (!isProvenantError(e)) throw e;
      skipped.push(`${ports.basename(file)}: ${e.message}`);
      continue;
    }
    for (const l of loaded) {
      if (l.bundle.content.$case !== 'dsseEnvelope') continue;
      const a = verifiedAttestation(l, layout, ports, skipped);
      if (a) out.push(a);
    }
  }
  return out;
}

async function pipelineArtifacts(
  request: LayoutVerifyRequest,
  ports: LayoutVerifyPorts,
): Promise<PipelineArtifact[]> {
  const inputs = await resolveArtifacts(
    request.artifacts,
    { bundleDir: request.attestationsDirs[0] ?? '' },
    ports,
  );
  return Promise.all(
    inputs.map(async (a) =>
      a.digest
        ? { name: a.given, digest: { [a.digest.algorithm]: a.digest.hex }, byDigest: true }
        : { name: a.given, digest: await ports.hashFile(a.path!, ['sha256']) },
    ),
  );
}

export async function verifyLayout(
  request: LayoutVerifyRequest,
  ports: LayoutVerifyPorts,
): Promise<PipelineReport & { skipped: string[] }> {
  const layoutPath = ports.resolve(request.layoutPath);
  const bytes = await ports.readBytes(layoutPath, MAX_LAYOUT_BYTES);
  const signedBy = await checkLayoutSignature(request, bytes, ports);
  const layout = parseLayoutText(decodeLayout(bytes, request.layoutPath), request.layoutPath);
  const artifacts = await pipelineArtifacts(request, ports);
  const skipped: string[] = [];
  const attestations = await attestationsIn(request, layout, ports, skipped);
  const report = verifyPipeline(layout, attestations, artifacts, ports.now());
  return { ...report, layout: { source: request.layoutPath, signedBy }, skipped };
}
