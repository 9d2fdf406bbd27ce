import type { AttachOptions, ReleaseAsset } from '../../app/ports.js';
import { readAsset } from './asset-download.js';
import { sha256 } from './asset-upload.js';
import type { GitHubClient } from './octokit.js';
import type { RepoRef } from './types.js';

/** What an existing asset is to this upload: the same bytes, the same work (done), or something else. */
export async function compareExisting(
  client: GitHubClient,
  repo: RepoRef,
  existing: ReleaseAsset,
  data: Buffer,
  isDone: AttachOptions['isDone'],
): Promise<'same' | 'done' | 'other'> {
  const ours = sha256(data);
  if (existing.state === 'uploaded' && existing.size === data.length && existing.sha256 === ours)
    return 'same';
  if (existing.state !== 'uploaded') return 'other';
  if (existing.sha256 !== undefined && !isDone) return 'other';
  // No digest listed, or a bundle to compare by content: read it (bundles are small).
  const bytes = await readAsset(client, repo, existing);
  if (sha256(bytes) === ours) return 'same';
  return isDone && (await isDone(bytes)) ? 'done' : 'other';
}
