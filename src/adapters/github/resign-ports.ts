import { downloadAsset } from './asset-download.js';
import type { GitHubClient } from './octokit.js';
import { findReleaseByTag, listAssets } from './releases.js';
import type { Logger, ReleaseAsset, ResignPorts } from '../../app/ports.js';
import type { RepoRef } from './types.js';

/** Wires the GitHub adapters into the re-sign use case. */
export function githubResignPorts(client: GitHubClient, repo: RepoRef, log: Logger): ResignPorts {
  const byId = new Map<number, ReleaseAsset>();
  return {
    findRelease: (tag) => findReleaseByTag(client, repo, tag),
    listAssets: async (releaseId) => {
      const assets = await listAssets(client, repo, releaseId);
      for (const a of assets) byId.set(a.id, a);
      return assets;
    },
    download: (asset, directory) => downloadAsset(client, repo, byId.get(asset.id) ?? asset, directory),
    log,
  };
}
