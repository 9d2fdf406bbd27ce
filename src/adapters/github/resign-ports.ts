import type { ResignPorts } from '../../app/resign.js';
import { downloadAsset } from './asset-download.js';
import type { GitHubClient } from './octokit.js';
import { findReleaseByTag, listAssets } from './releases.js';
import type { AssetInfo, RepoRef } from './types.js';

/** Wires the GitHub adapters into the re-sign use case. */
export function githubResignPorts(client: GitHubClient, repo: RepoRef): ResignPorts {
  const byId = new Map<number, AssetInfo>();
  return {
    findRelease: async (tag) => {
      const r = await findReleaseByTag(client, repo, tag);
      return r ? { id: r.id, tag: r.tag, htmlUrl: r.htmlUrl } : undefined;
    },
    listAssets: async (releaseId) => {
      const assets = await listAssets(client, repo, releaseId);
      for (const a of assets) byId.set(a.id, a);
      return assets;
    },
    download: (asset, directory) => downloadAsset(client, repo, byId.get(asset.id)!, directory),
  };
}
