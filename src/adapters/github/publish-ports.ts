/** Wires the GitHub adapters into the publishing use case's ports. */
import { readFile } from 'node:fs/promises';
import type { Logger, PublishPorts } from '../../app/ports.js';
import { uploadWorkflowArtifact } from './artifacts.js';
import { storeAttestation } from './attestations.js';
import type { GitHubClient } from './octokit.js';
import { attachAsset } from './release-assets.js';
import { findReleaseByTag } from './releases.js';
import type { RepoRef } from './types.js';

export function githubPublishPorts(
  client: GitHubClient,
  repo: RepoRef,
  serverUrl: string,
  log: Logger,
): PublishPorts {
  return {
    readFile: (path) => readFile(path),
    uploadArtifact: (name, files, rootDirectory) => uploadWorkflowArtifact(name, { files, rootDirectory }),
    findRelease: (tag) => findReleaseByTag(client, repo, tag),
    attach: (release, upload, options) => attachAsset(client, repo, release, upload, options),
    storeAttestation: (bundle) => storeAttestation(client, repo, bundle, serverUrl),
    log,
  };
}
