/**
 * Attestations kept as release assets (where the step action and the main action attach them): every bundle asset
 * of the release (`*.sigstore.json`, `*.jsonl`) downloaded into a directory, for the layout verifier to read.
 */
import { ProvenantError, quote } from '../core/errors.js';
import type { ResignPorts } from './ports.js';

const isBundleName = (name: string) => name.endsWith('.sigstore.json') || name.endsWith('.jsonl');

export async function downloadReleaseAttestations(
  tag: string,
  directory: string,
  ports: ResignPorts,
): Promise<string[]> {
  const release = await ports.findRelease(tag);
  if (!release)
    throw new ProvenantError(
      'RELEASE_NOT_FOUND',
      `--attestations-release ${quote(tag)}: expected a release with that tag, got none. Check the tag and --attestations-repo.`,
    );
  const assets = (await ports.listAssets(release.id)).filter(
    (a) => isBundleName(a.name) && a.state === 'uploaded',
  );
  const paths: string[] = [];
  for (const asset of assets) paths.push((await ports.download(asset, directory)).path);
  ports.log.info(`Downloaded ${paths.length} bundle(s) from release ${tag}`);
  return paths;
}
