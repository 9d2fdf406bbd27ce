/**
 * Attaching a file to a release without ever losing or touching someone else's asset:
 * - a published immutable release refuses assets: fail before trying, with the draft → sign → publish fix;
 * - an asset of the same name with identical bytes: nothing to do (reruns are safe);
 * - one with different bytes: ASSET_CONFLICT, unless the caller asked to overwrite it;
 * - overwrite replaces in an order that always leaves a complete copy on the release: upload the new bytes under
 *   a temporary name, then delete the old asset, then rename the new one. If the upload fails, the old asset is
 *   untouched (and our incomplete upload removed); if the delete fails, our temporary asset is removed and the
 *   old one stays; if the rename fails, the new bytes stay under the temporary name and the error says so.
 *   (Deleting first would lose the old asset whenever the upload then failed; renaming the old asset away first
 *   would leave the user's file under a strange name on failure.)
 * - the only assets ever deleted are the same-named one the caller asked to overwrite and uploads of our own.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ProvenantError, quote } from '../../core/errors.js';
import { assertSafeAssetName, hashAsset } from './asset-download.js';
import { githubMessage, httpStatus, toProvenantError } from './errors.js';
import type { GitHubClient } from './octokit.js';
import { listAssets, releaseGone, toAsset } from './releases.js';
import type { AssetUpload, AttachResult, ReleaseAsset, ReleaseInfo } from '../../app/ports.js';
import type { RepoRef } from './types.js';
import { isLocked } from './types.js';

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

export function immutableReleaseError(release: ReleaseInfo, name: string, cause?: unknown): ProvenantError {
  return new ProvenantError(
    'RELEASE_IMMUTABLE',
    `expected a draft (or a mutable release) to attach ${quote(name)} to, got published immutable release ` +
      `${quote(release.tag)}, which refuses new assets; fix: create the release as a draft, run Provenant with ` +
      'release-tag set to its tag so the bundles are attached to the draft, then publish it (draft → sign → publish)',
    { cause },
  );
}

function conflictError(
  release: ReleaseInfo,
  existing: ReleaseAsset,
  ours: string,
  size: number,
): ProvenantError {
  return new ProvenantError(
    'ASSET_CONFLICT',
    `expected release ${quote(release.tag)} to have no asset named ${quote(existing.name)}, or one with identical bytes, ` +
      `got one of ${existing.size} bytes${existing.sha256 ? ` (sha256 ${existing.sha256})` : ''} where ours is ${size} bytes ` +
      `(sha256 ${ours}); fix: set overwrite: true to replace it, or choose another bundle name`,
  );
}

async function sameBytes(
  client: GitHubClient,
  repo: RepoRef,
  existing: ReleaseAsset,
  data: Buffer,
  ours: string,
): Promise<boolean> {
  if (existing.size !== data.length) return false;
  if (existing.sha256) return existing.sha256 === ours;
  return (await hashAsset(client, repo, existing)) === ours;
}

async function deleteOwn(client: GitHubClient, repo: RepoRef, assetId: number): Promise<void> {
  try {
    await client.rest.repos.deleteReleaseAsset({ ...repo, asset_id: assetId });
  } catch {
    // Best effort: the caller is already reporting the failure that made this cleanup necessary.
  }
}

/** One upload under `name`, with the bytes checked against what GitHub says it stored. */
async function uploadAs(
  client: GitHubClient,
  repo: RepoRef,
  release: ReleaseInfo,
  name: string,
  upload: AssetUpload,
  ours: string,
  afterCleanup = false,
): Promise<ReleaseAsset> {
  const doing = `upload asset ${quote(name)} to release ${quote(release.tag)}`;
  let asset: ReleaseAsset;
  try {
    const { data } = await client.rest.repos.uploadReleaseAsset({
      ...repo,
      release_id: release.id,
      name,
      // Octokit types `data` as string; a Buffer is sent as is, which is what binary assets need.
      data: upload.data as unknown as string,
      // The default would be api.github.com's uploads host; the release says where its uploads go.
      url: release.uploadUrl,
      // No explicit content-length: fetch derives it from the Buffer, and a hand-set one trips the bundled
      // undici fetch when it dispatches through Node's own undici (UND_ERR_INVALID_ARG).
      headers: { 'content-type': upload.contentType },
    });
    asset = toAsset(data);
  } catch (e) {
    if (httpStatus(e) === 422 && /immutable/i.test(githubMessage(e)))
      throw immutableReleaseError(release, name, e);
    if (httpStatus(e) === 404) throw releaseGone(repo, release.id, e);
    // A failed upload may still have left an asset: a retried POST whose first attempt landed, or an
    // incomplete upload GitHub keeps in state "open". Keep the first, remove the second (it is ours).
    const left = (await listAssets(client, repo, release.id).catch(() => [])).find((a) => a.name === name);
    if (left?.state === 'uploaded' && left.sha256 === ours) return left;
    if (left && left.state !== 'uploaded') {
      await deleteOwn(client, repo, left.id);
      // The incomplete upload held the name, so the retried POST could only be refused: with it gone, one more try.
      if (!afterCleanup) return uploadAs(client, repo, release, name, upload, ours, true);
    } else if (left) throw conflictError(release, left, ours, upload.data.length);
    throw toProvenantError(e, { doing, permission: 'contents', code: 'UPLOAD_FAILED' });
  }
  if (asset.size !== upload.data.length || (asset.sha256 !== undefined && asset.sha256 !== ours)) {
    await deleteOwn(client, repo, asset.id);
    throw new ProvenantError(
      'UPLOAD_FAILED',
      `expected GitHub to store ${upload.data.length} bytes with sha256 ${ours} as ${quote(name)}, got ${asset.size} ` +
        `bytes${asset.sha256 ? ` with sha256 ${asset.sha256}` : ''}; the corrupt asset was removed; fix: rerun the job`,
    );
  }
  return asset;
}

async function replace(
  client: GitHubClient,
  repo: RepoRef,
  release: ReleaseInfo,
  existing: ReleaseAsset,
  upload: AssetUpload,
  ours: string,
): Promise<ReleaseAsset> {
  const temporary = `${upload.name}.${randomBytes(4).toString('hex')}.replacing`;
  const fresh = await uploadAs(client, repo, release, temporary, upload, ours);
  try {
    await client.rest.repos.deleteReleaseAsset({ ...repo, asset_id: existing.id });
  } catch (e) {
    await deleteOwn(client, repo, fresh.id);
    if (httpStatus(e) === 422 && /immutable/i.test(githubMessage(e)))
      throw immutableReleaseError(release, upload.name, e);
    throw toProvenantError(e, {
      doing: `delete the old asset ${quote(existing.name)} to replace it (it is untouched)`,
      permission: 'contents',
      code: 'UPLOAD_FAILED',
    });
  }
  try {
    const { data } = await client.rest.repos.updateReleaseAsset({
      ...repo,
      asset_id: fresh.id,
      name: upload.name,
    });
    return toAsset(data);
  } catch (e) {
    throw new ProvenantError(
      'UPLOAD_FAILED',
      `expected to rename the replacement asset ${quote(temporary)} to ${quote(upload.name)}, got ` +
        `HTTP ${httpStatus(e) ?? '-'} "${githubMessage(e)}"; the old asset was deleted and the new bytes are on the ` +
        `release as ${quote(temporary)}; fix: rename that asset to ${quote(upload.name)} on the release page`,
      { cause: e },
    );
  }
}

/** Attaches one file to a release (see the module comment for the rules). */
export async function attachAsset(
  client: GitHubClient,
  repo: RepoRef,
  release: ReleaseInfo,
  upload: AssetUpload,
  options: { overwrite?: boolean } = {},
): Promise<AttachResult> {
  assertSafeAssetName(upload.name);
  if (isLocked(release)) throw immutableReleaseError(release, upload.name);
  const ours = sha256(upload.data);
  const existing = (await listAssets(client, repo, release.id)).find((a) => a.name === upload.name);
  if (!existing)
    return { action: 'uploaded', asset: await uploadAs(client, repo, release, upload.name, upload, ours) };
  if (await sameBytes(client, repo, existing, upload.data, ours))
    return { action: 'skipped', asset: existing };
  if (!options.overwrite) throw conflictError(release, existing, ours, upload.data.length);
  return { action: 'replaced', asset: await replace(client, repo, release, existing, upload, ours) };
}
