/**
 * Finding a release by tag (drafts included) and listing its assets. GitHub's get-release-by-tag only sees
 * published releases, and signing a draft before publishing is how immutable releases get their bundles, so a
 * miss falls back to listing releases, newest first.
 */
import { ProvenantError, quote } from '../../core/errors.js';
import { toProvenantError } from './errors.js';
import { httpStatus } from './errors.js';
import type { GitHubClient } from './octokit.js';
import type { ReleaseAsset, ReleaseInfo } from '../../app/ports.js';
import type { RepoRef } from './types.js';

interface ReleaseData {
  id: number;
  tag_name: string;
  name: string | null;
  draft: boolean;
  immutable?: boolean;
  upload_url: string;
  html_url: string;
}

interface AssetData {
  id: number;
  name: string;
  size: number;
  content_type: string;
  digest?: string | null;
  state: string;
  url: string;
  browser_download_url: string;
}

export function toRelease(r: ReleaseData): ReleaseInfo {
  return {
    id: r.id,
    tag: r.tag_name,
    name: r.name,
    draft: r.draft,
    immutable: r.immutable === true,
    uploadUrl: r.upload_url,
    htmlUrl: r.html_url,
  };
}

export function toAsset(a: AssetData): ReleaseAsset {
  const m = /^sha256:([0-9a-f]{64})$/i.exec(a.digest ?? '');
  return {
    id: a.id,
    name: a.name,
    size: a.size,
    contentType: a.content_type,
    sha256: m ? m[1]!.toLowerCase() : undefined,
    state: a.state,
    apiUrl: a.url,
    browserDownloadUrl: a.browser_download_url,
  };
}

/** The published release with this tag, else the newest draft with it, else undefined. */
export async function findReleaseByTag(
  client: GitHubClient,
  repo: RepoRef,
  tag: string,
): Promise<ReleaseInfo | undefined> {
  const doing = `find release ${quote(tag)} in ${repo.owner}/${repo.repo}`;
  try {
    const { data } = await client.rest.repos.getReleaseByTag({ ...repo, tag });
    return toRelease(data);
  } catch (e) {
    if (httpStatus(e) !== 404)
      throw toProvenantError(e, { doing, permission: 'contents', code: 'RELEASE_NOT_FOUND' });
  }
  try {
    for await (const page of client.paginate.iterator(client.rest.repos.listReleases, {
      ...repo,
      per_page: 100,
    })) {
      const draft = page.data.find((r) => r.draft && r.tag_name === tag);
      if (draft) return toRelease(draft);
    }
  } catch (e) {
    throw toProvenantError(e, { doing, permission: 'contents', code: 'RELEASE_NOT_FOUND' });
  }
  return undefined;
}

export async function listAssets(
  client: GitHubClient,
  repo: RepoRef,
  releaseId: number,
): Promise<ReleaseAsset[]> {
  try {
    const assets = await client.paginate(client.rest.repos.listReleaseAssets, {
      ...repo,
      release_id: releaseId,
      per_page: 100,
    });
    return assets.map(toAsset);
  } catch (e) {
    if (httpStatus(e) === 404) throw releaseGone(repo, releaseId, e);
    throw toProvenantError(e, {
      doing: `list the assets of release ${releaseId}`,
      permission: 'contents',
      code: 'UPLOAD_FAILED',
    });
  }
}

export function releaseGone(repo: RepoRef, id: number, cause?: unknown): ProvenantError {
  return new ProvenantError(
    'RELEASE_NOT_FOUND',
    `expected release ${id} in ${repo.owner}/${repo.repo} to exist, got 404 (deleted while we were working?); ` +
      'fix: recreate the release and rerun the job; the bundle on disk and in the workflow artifact are intact',
    { cause },
  );
}
