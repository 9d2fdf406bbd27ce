import { looksLikeDigestRef, parseDigestRef, type DigestAlgorithm, type DigestSet } from '../core/digest.js';
import { inputError, quote } from '../core/errors.js';
import type { VerifyPorts } from './ports.js';

/** An artifact argument, checked: a file (resolved path) or a digest. */
export interface ArtifactInput {
  given: string;
  path?: string;
  digest?: { algorithm: DigestAlgorithm; hex: string };
}

/** Where bundles come from: one file for all artifacts, a directory of them, or (neither) beside each artifact. */
export interface BundleChoice {
  bundle?: string;
  bundleDir?: string;
}

async function resolveFile(given: string, ports: VerifyPorts): Promise<ArtifactInput> {
  const path = ports.resolve(given);
  const kind = await ports.kind(path);
  if (kind === 'missing') {
    throw inputError(
      'FILE_NOT_FOUND',
      `artifact ${quote(given)}: expected a file, got nothing at that path. Check the path, or pass sha256:<hex> to verify by digest.`,
    );
  }
  if (kind !== 'file') {
    throw inputError(
      'NOT_REGULAR_FILE',
      `artifact ${quote(given)}: expected a regular file, got a ${kind === 'directory' ? 'directory' : 'special file'}. Pass the files inside it (e.g. ${given}/*).`,
    );
  }
  return { given, path };
}

/** Checks every artifact argument up front, so a typo fails in a second instead of after hashing a release. */
export async function resolveArtifacts(
  artifacts: readonly string[],
  bundles: BundleChoice,
  ports: VerifyPorts,
): Promise<ArtifactInput[]> {
  if (artifacts.length === 0) {
    throw inputError(
      'USAGE',
      'expected at least one ARTIFACT (a file path or sha256:<hex>), got none. Example: provenant verify dist/app.tgz --repo octo-org/app',
    );
  }
  const out: ArtifactInput[] = [];
  for (const given of artifacts) {
    out.push(
      looksLikeDigestRef(given)
        ? { given, digest: parseDigestRef(given, 'artifact') }
        : await resolveFile(given, ports),
    );
  }
  if (out.some((a) => a.digest) && bundles.bundle === undefined && bundles.bundleDir === undefined) {
    throw inputError(
      'USAGE',
      'expected --bundle FILE or --bundle-dir DIR when an artifact is given as a digest, got neither: a digest has no file beside which to look for <artifact>.sigstore.json.',
    );
  }
  return out;
}

/** The digest given on the command line; a file's is computed later, once its bundles say which algorithms. */
export function givenDigest(artifact: ArtifactInput): DigestSet {
  return artifact.digest ? { [artifact.digest.algorithm]: artifact.digest.hex } : {};
}
