import type { AttachOptions, ReleaseAsset } from '../../app/ports.js';
import { readAsset } from './asset-download.js';
import { sha256 } from './asset-upload.js';
import { httpStatus } from './errors.js';
import type { GitHubClient } from './octokit.js';
import type { RepoRef } from './types.js';

/** An asset that 404s while we read it was deleted meanwhile (another job replacing it): not a missing release. */
async function readUnlessGone(
  client: GitHubClient,
  repo: RepoRef,
  existing: ReleaseAsset,
): Promise<Buffer | undefined> {
  try {
    return await readAsset(client, repo, existing);
  } catch (e) {
    if (httpStatus((e as { cause?: unknown }).cause) === 404) return undefined;
    throw e;
  }
}

/**
 * What an existing asset is to this upload: the same bytes, the same work (done), something else, or gone (deleted
 * since it was listed).
 */
export async function compareExisting(
  client: GitHubClient,
  repo: RepoRef,
  existing: ReleaseAsset,
  data: Buffer,
  isDone: AttachOptions['isDone'],
): Promise<'same' | 'done' | 'other' | 'gone'> {
  const ours = sha256(data);
  if (existing.state === 'uploaded' && existing.size === data.length && existing.sha256 === ours)
    return 'same';
  if (existing.state !== 'uploaded') return 'other';
  if (existing.sha256 !== undefined && !isDone) return 'other';
  // No digest listed, or a bundle to compare by content: read it (bundles are small).
  const bytes = await readUnlessGone(client, repo, existing);
  if (!bytes) return 'gone';
  if (sha256(bytes) === ours) return 'same';
  return isDone && (await isDone(bytes)) ? 'done' : 'other';
}
