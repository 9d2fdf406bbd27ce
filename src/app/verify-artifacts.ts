import { looksLikeDigestRef, parseDigestRef, type DigestAlgorithm, type DigestSet } from '../core/digest.js';
import { inputError } from '../core/errors.js';
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

/**
 * Checks every artifact argument up front, so a typo fails in a second instead of after hashing a release. Each is
 * a digest, a file, a directory or a glob (`!` patterns leave files out); a file named twice is verified once.
 */
export async function resolveArtifacts(
  artifacts: readonly string[],
  bundles: BundleChoice,
  ports: VerifyPorts,
): Promise<ArtifactInput[]> {
  const excludes = artifacts.filter((a) => a.startsWith('!')).map((a) => a.slice(1));
  const out: ArtifactInput[] = [];
  const seen = new Set<string>();
  for (const given of artifacts) {
    if (given.startsWith('!')) continue;
    if (looksLikeDigestRef(given)) {
      out.push({ given, digest: parseDigestRef(given, 'artifact') });
      continue;
    }
    for (const found of await ports.findArtifacts(given, excludes)) {
      if (seen.has(found.path)) continue;
      seen.add(found.path);
      out.push({ given: found.name, path: found.path });
    }
  }
  if (out.length === 0) {
    throw inputError(
      'USAGE',
      `expected at least one ARTIFACT (a file, a directory, a glob or sha256:<hex>), got none${artifacts.length > 0 ? ' (files ending in .sigstore.json or .jsonl are bundles, never artifacts)' : ''}. ` +
        'Example: provenant verify dist/app.tgz --repo octo-org/app',
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
