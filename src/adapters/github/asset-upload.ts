/**
 * One upload of a release asset, with what GitHub stored checked against what we sent. An upload whose answer was
 * lost, cut short or refused after a retry may still have landed: the release is listed to find out, and the asset
 * found there is checked like an answered one (our bytes: kept; incomplete or other bytes of our own upload: removed
 * by its own id, and said so only when it was).
 */
import { createHash } from 'node:crypto';
import { ProvenantError, quote } from '../../core/errors.js';
import type { AssetUpload, ReleaseAsset, ReleaseInfo } from '../../app/ports.js';
import { readAsset } from './asset-download.js';
import { githubMessage, httpStatus, toProvenantError } from './errors.js';
import type { GitHubClient } from './octokit.js';
import { listAssets, releaseGone, toAsset } from './releases.js';
import type { RepoRef } from './types.js';

export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

export function immutableReleaseError(release: ReleaseInfo, name: string, cause?: unknown): ProvenantError {
  return new ProvenantError(
    'RELEASE_IMMUTABLE',
    `expected a draft (or a mutable release) to attach ${quote(name)} to, got published immutable release ` +
      `${quote(release.tag)}, which refuses new assets; fix: create the release as a draft, run Provenant with ` +
      'release-tag set to its tag so the bundles are attached to the draft, then publish it (draft → sign → publish)',
    { cause },
  );
}

export const isImmutableRefusal = (e: unknown): boolean =>
  httpStatus(e) === 422 && /immutable/i.test(githubMessage(e));

/** Deletes an asset of our own; true when GitHub confirmed it (or it was already gone). */
export async function deleteOwn(client: GitHubClient, repo: RepoRef, assetId: number): Promise<boolean> {
  try {
    await client.rest.repos.deleteReleaseAsset({ ...repo, asset_id: assetId });
    return true;
  } catch (e) {
    // Best effort: the caller is already reporting the failure that made this cleanup necessary.
    return httpStatus(e) === 404;
  }
}

/** The release's asset named `name` now, if any (a fresh listing: only used after a failure). */
export async function assetNamed(
  client: GitHubClient,
  repo: RepoRef,
  release: ReleaseInfo,
  name: string,
): Promise<ReleaseAsset | undefined> {
  return (await listAssets(client, repo, release.id)).find((a) => a.name === name);
}

export interface UploadTarget {
  client: GitHubClient;
  repo: RepoRef;
  release: ReleaseInfo;
}

async function post(t: UploadTarget, name: string, upload: AssetUpload): Promise<ReleaseAsset | undefined> {
  const { data } = await t.client.rest.repos.uploadReleaseAsset({
    ...t.repo,
    release_id: t.release.id,
    name,
    // Octokit types `data` as string; a Buffer is sent as is, which is what binary assets need.
    data: upload.data as unknown as string,
    // The default would be api.github.com's uploads host; the release says where its uploads go.
    url: t.release.uploadUrl,
    // No explicit content-length: fetch derives it from the Buffer, and a hand-set one trips the bundled
    // undici fetch when it dispatches through Node's own undici (UND_ERR_INVALID_ARG).
    headers: { 'content-type': upload.contentType },
  });
  // An answer without an asset in it tells us nothing about what GitHub stored.
  return data && typeof data === 'object' && typeof data.id === 'number' ? toAsset(data) : undefined;
}

/** One upload under `name`, with the bytes checked against what GitHub says it stored. */
export async function uploadAs(
  t: UploadTarget,
  name: string,
  upload: AssetUpload,
  ours: string,
  afterCleanup = false,
): Promise<ReleaseAsset> {
  let asset: ReleaseAsset | undefined;
  try {
    asset = await post(t, name, upload);
  } catch (e) {
    if (isImmutableRefusal(e)) throw immutableReleaseError(t.release, name, e);
    if (httpStatus(e) === 404) throw releaseGone(t.repo, t.release.id, e);
    return landedAfterFailure(t, name, upload, ours, afterCleanup, e);
  }
  if (!asset) return landedAfterFailure(t, name, upload, ours, afterCleanup, undefined);
  if (asset.state === 'uploaded' && asset.size === upload.data.length && (asset.sha256 ?? ours) === ours)
    return asset;
  return corrupt(t, name, upload, ours, asset);
}

/** What a failed upload's answer was, for messages: the error GitHub (or the network) gave, or none at all. */
const heard = (cause: unknown): string =>
  cause === undefined
    ? 'an answer without the stored asset in it (a body cut short?)'
    : `${httpStatus(cause) ? `HTTP ${httpStatus(cause)} ` : ''}"${githubMessage(cause)}"`;

/** Why a check failed, without the fix its own message suggests (this message gives the fix). */
const withoutFix = (e: unknown): string => githubMessage(e).replace(/; fix: [\s\S]*$/, '');

/** Whether the asset GitHub lists holds our bytes (read when it lists no digest). */
async function holdsOurs(t: UploadTarget, asset: ReleaseAsset, size: number, ours: string): Promise<boolean> {
  if (asset.state !== 'uploaded' || asset.size !== size) return false;
  if (asset.sha256 !== undefined) return asset.sha256 === ours;
  return sha256(await readAsset(t.client, t.repo, asset)) === ours;
}

/**
 * A failed (or unreadable) answer may still have left an asset: a retried POST whose first attempt landed, or an
 * incomplete upload GitHub keeps in state "open". The answer names none, so the release is listed to find it by name:
 * our bytes are kept, an incomplete or corrupt upload of ours is removed by its own id (then one more try), and what
 * could not be checked or removed is said as it is.
 */
async function landedAfterFailure(
  t: UploadTarget,
  name: string,
  upload: AssetUpload,
  ours: string,
  afterCleanup: boolean,
  cause: unknown,
): Promise<ReleaseAsset> {
  let left: ReleaseAsset | undefined;
  try {
    left = await assetNamed(t.client, t.repo, t.release, name);
    if (left && (await holdsOurs(t, left, upload.data.length, ours))) return left;
  } catch (e) {
    throw new ProvenantError(
      'UPLOAD_FAILED',
      `expected GitHub to answer the upload of ${quote(name)} to release ${quote(t.release.tag)} with the stored ` +
        `asset, got ${heard(cause)}; whether it landed could not be checked (${withoutFix(e)}), so nothing was ` +
        'removed; fix: rerun the job (a bundle of these subjects that did land is kept as equivalent)',
      { cause: cause ?? e },
    );
  }
  // Ours: incomplete (GitHub's own state says so), or the other bytes this very call stored (its 2xx had no asset).
  if (left && (left.state !== 'uploaded' || cause === undefined)) {
    if (!(await deleteOwn(t.client, t.repo, left.id))) throw leftBehind(t, name, left, cause);
    // The incomplete upload held the name, so the retried POST could only be refused: with it gone, one more try.
    if (!afterCleanup) return uploadAs(t, name, upload, ours, true);
  } else if (left) {
    throw new ProvenantError(
      'ASSET_CONFLICT',
      `expected release ${quote(t.release.tag)} to have no asset named ${quote(name)} while we uploaded it, got one of ` +
        `${left.size} bytes${left.sha256 ? ` (sha256 ${left.sha256})` : ''} that another job attached meanwhile, where ` +
        `ours is ${upload.data.length} bytes (sha256 ${ours}); it was left as it is; fix: give each job its own ` +
        'bundle-name, or set overwrite: true',
    );
  }
  if (cause === undefined) {
    throw new ProvenantError(
      'UPLOAD_FAILED',
      `expected GitHub to answer the upload of ${quote(name)} with the stored asset, got ${heard(cause)}, and the ` +
        `release holds no ${left ? 'complete asset of that name (the incomplete one was removed)' : 'asset of that name'}; ` +
        'fix: rerun the job',
    );
  }
  throw toProvenantError(cause, {
    doing: `upload asset ${quote(name)} to release ${quote(t.release.tag)}`,
    permission: 'contents',
    code: 'UPLOAD_FAILED',
  });
}

/** An upload of ours that is on the release but not whole: say what it is, and whether it is still there. */
function leftBehind(t: UploadTarget, name: string, left: ReleaseAsset, cause: unknown): ProvenantError {
  const what =
    left.state !== 'uploaded'
      ? `an incomplete upload (state ${left.state}, ${left.size} bytes)`
      : `an asset of ${left.size} bytes that are not ours`;
  return new ProvenantError(
    'UPLOAD_FAILED',
    `expected the upload of ${quote(name)} to release ${quote(t.release.tag)} to store our bytes, got ${heard(cause)} ` +
      `and ${what} under that name (id ${left.id}), which could not be removed and is still on the release; fix: ` +
      `delete asset ${left.id} on the release page, or rerun with overwrite: true`,
  );
}

/** GitHub stored other bytes than we sent, under our upload's own id: remove it, and say whether that worked. */
async function corrupt(
  t: UploadTarget,
  name: string,
  upload: AssetUpload,
  ours: string,
  asset: ReleaseAsset,
): Promise<never> {
  const removed = await deleteOwn(t.client, t.repo, asset.id);
  throw new ProvenantError(
    'UPLOAD_FAILED',
    `expected GitHub to store ${upload.data.length} bytes with sha256 ${ours} as ${quote(name)}, got ${asset.size} ` +
      `bytes${asset.sha256 ? ` with sha256 ${asset.sha256}` : ''} (state ${asset.state}); ` +
      (removed
        ? 'the corrupt asset was removed; fix: rerun the job'
        : `the corrupt asset (id ${asset.id}) could not be removed; fix: delete it on the release page, then rerun the job`),
  );
}
