/**
 * Attaching a file to a release without ever losing or touching someone else's asset:
 * - a published immutable release refuses assets: fail before trying, with the draft → sign → publish fix;
 * - an asset of the same name with identical bytes: nothing to do;
 * - one that already does this upload's job (the caller's `isDone`: for bundles, the same subjects signed by the
 *   same workflow identity, as a rerun leaves it): kept, or replaced only with overwrite;
 * - any other bytes: ASSET_CONFLICT, unless the caller asked to overwrite it;
 * - overwrite replaces in an order that always leaves a complete copy on the release: upload the new bytes under
 *   a temporary name, then delete the old asset, then rename the new one (asset-replace.ts, which also settles a
 *   race with another job replacing the same name, leaving no temporary asset behind).
 * - the only assets ever deleted are the same-named one the caller asked to overwrite and uploads of our own.
 * The caller passes the asset of that name from the listing it keeps; without one, the release is listed here.
 */
import { ProvenantError, quote } from '../../core/errors.js';
import type { AssetUpload, AttachOptions, AttachResult, ReleaseAsset, ReleaseInfo } from '../../app/ports.js';
import { compareExisting } from './asset-compare.js';
import { assertSafeAssetName } from './asset-download.js';
import { replace } from './asset-replace.js';
import { assetNamed, immutableReleaseError, sha256, uploadAs } from './asset-upload.js';
import type { GitHubClient } from './octokit.js';
import type { RepoRef } from './types.js';
import { isLocked } from './types.js';

export { immutableReleaseError } from './asset-upload.js';

export function conflictError(
  release: ReleaseInfo,
  existing: ReleaseAsset,
  ours: string,
  size: number,
): ProvenantError {
  const expected =
    `expected release ${quote(release.tag)} to have no asset named ${quote(existing.name)}, or one with identical ` +
    'bytes or an equivalent bundle (the same subjects, signed by the same workflow)';
  if (existing.state !== undefined && existing.state !== 'uploaded') {
    return new ProvenantError(
      'ASSET_CONFLICT',
      `${expected}, got an incomplete upload (state ${existing.state}, ${existing.size} bytes, id ${existing.id}), as a ` +
        'failed or unfinished upload leaves one; fix: delete it on the release page, or set overwrite: true to replace it',
    );
  }
  return new ProvenantError(
    'ASSET_CONFLICT',
    `${expected}, got one of ${existing.size} bytes${existing.sha256 ? ` (sha256 ${existing.sha256})` : ''} where ours ` +
      `is ${size} bytes (sha256 ${ours}); fix: set overwrite: true to replace it, or choose another bundle name`,
  );
}

/** Attaches one file to a release (see the module comment for the rules). */
export async function attachAsset(
  client: GitHubClient,
  repo: RepoRef,
  release: ReleaseInfo,
  upload: AssetUpload,
  options: Partial<AttachOptions> = {},
): Promise<AttachResult> {
  assertSafeAssetName(upload.name);
  if (isLocked(release)) throw immutableReleaseError(release, upload.name);
  const ours = sha256(upload.data);
  const target = { client, repo, release };
  let existing =
    'existing' in options ? options.existing : await assetNamed(client, repo, release, upload.name);
  let found = existing ? await compareExisting(client, repo, existing, upload.data, options.isDone) : 'gone';
  if (found === 'gone' && existing) {
    // Deleted since it was listed (another job replacing it): what holds the name now decides.
    existing = await assetNamed(client, repo, release, upload.name);
    found = existing ? await compareExisting(client, repo, existing, upload.data, options.isDone) : 'gone';
  }
  if (!existing || found === 'gone')
    return { action: 'uploaded', asset: await uploadAs(target, upload.name, upload, ours) };
  if (found === 'same') return { action: 'skipped', asset: existing };
  if (found === 'done' && !options.overwrite) return { action: 'kept', asset: existing };
  if (!options.overwrite) throw conflictError(release, existing, ours, upload.data.length);
  return replace(target, existing, upload, ours, options.isDone);
}
