/** Wires the GitHub adapters into the publishing use case's ports. */
import { readFile } from 'node:fs/promises';
import type { Logger, PublishPorts } from '../../app/ports.js';
import { uploadWorkflowArtifact, type ArtifactUploadOptions } from './artifacts.js';
import { storeAttestation } from './attestations.js';
import type { GitHubClient } from './octokit.js';
import { quotaOf } from './quota.js';
import { attachAsset } from './release-assets.js';
import { findReleaseByTag, listAssets } from './releases.js';
import type { RepoRef } from './types.js';

/** GitHub refuses assets past this many on one release. */
export const MAX_ASSETS_PER_RELEASE = 1000;

export interface PublishPortOptions {
  serverUrl: string;
  /** Spacing of content-creating requests (0 when pacing is off, as against the emulator). */
  msPerWrite: number;
  artifact?: Pick<ArtifactUploadOptions, 'requestTimeoutMs' | 'log'>;
  verifyBundle?: (bundle: unknown) => Promise<void>;
}

export function githubPublishPorts(
  client: GitHubClient,
  repo: RepoRef,
  options: PublishPortOptions,
  log: Logger,
): PublishPorts {
  return {
    readFile: (path) => readFile(path),
    uploadArtifact: (name, files, rootDirectory) =>
      uploadWorkflowArtifact(name, { files, rootDirectory, ...options.artifact }),
    findRelease: (tag) => findReleaseByTag(client, repo, tag),
    listAssets: (release) => listAssets(client, repo, release.id),
    attach: (release, upload, o) => attachAsset(client, repo, release, upload, o),
    storeAttestation: (bundle) => storeAttestation(client, repo, bundle, options.serverUrl),
    limits: () => ({
      quota: quotaOf(client),
      maxAssetsPerRelease: MAX_ASSETS_PER_RELEASE,
      msPerWrite: options.msPerWrite,
    }),
    ...(options.verifyBundle ? { verifyBundle: options.verifyBundle } : {}),
    log,
  };
}
