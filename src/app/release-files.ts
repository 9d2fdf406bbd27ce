/**
 * What the approve action approves when it is given only a tag: the release's assets, downloaded (streamed and
 * hashed, names with separators refused). Signatures (`*.sigstore.json`, `*.intoto.jsonl`) are the provenance to
 * verify, never artifacts; an earlier approval is neither.
 */
import { APPROVAL_BUNDLE } from '../core/approval/predicate.js';
import { isSignatureAsset } from '../core/bundle-name.js';
import { ProvenantError, quote } from '../core/errors.js';
import type { ReleaseAsset, ReleaseInfo, ResignPorts } from './ports.js';

export interface ReleaseFilesRequest {
  tag: string;
  /** Where the downloads go. */
  dir: string;
  /** Download the artifacts (not given as files) and the bundles (no bundle directory given). */
  artifacts: boolean;
  bundles: boolean;
}

export interface ReleaseFiles {
  release: ReleaseInfo;
  /** Names of the downloaded artifacts, inside `dir`. */
  artifacts: string[];
  /** How many bundles were downloaded into `dir`. */
  bundles: number;
  /** An approval already on the release, if any. */
  approval?: ReleaseAsset;
}

export async function fetchReleaseFiles(
  request: ReleaseFilesRequest,
  ports: ResignPorts,
): Promise<ReleaseFiles> {
  const release = await ports.findRelease(request.tag);
  if (!release)
    throw new ProvenantError(
      'RELEASE_NOT_FOUND',
      `release-tag: expected a release tagged ${quote(request.tag)} to approve, got none. Create the draft release ` +
        '(with its assets and provenance) before the approval job, and check release-tag.',
    );
  const assets = await ports.listAssets(release.id);
  const approval = assets.find((a) => a.name === APPROVAL_BUNDLE);
  const artifacts = assets.filter((a) => !isSignatureAsset(a.name));
  const bundles = assets.filter((a) => isSignatureAsset(a.name) && a.name !== APPROVAL_BUNDLE);
  if (request.artifacts && artifacts.length === 0)
    throw new ProvenantError(
      'NO_FILES_FOUND',
      `release ${quote(request.tag)}: expected assets to approve, got none besides signatures. Attach the artifacts to the draft first.`,
    );
  const chosen = [...(request.artifacts ? artifacts : []), ...(request.bundles ? bundles : [])];
  for (const asset of chosen) {
    const got = await ports.download(asset, request.dir);
    ports.log.info(`Downloaded ${asset.name} (${got.size} bytes, sha256 ${got.sha256})`);
  }
  return {
    release,
    artifacts: request.artifacts ? artifacts.map((a) => a.name) : [],
    bundles: request.bundles ? bundles.length : 0,
    ...(approval ? { approval } : {}),
  };
}
