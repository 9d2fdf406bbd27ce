/** The GitHub adapters: one client, and the release, attestation-store, artifact and repository operations. */
export {
  createGitHubClient,
  type GitHubClient,
  type GitHubClientOptions,
  type GitHubLog,
} from './octokit.js';
export { PERMISSIONS_BLOCK, toProvenantError } from './errors.js';
export type { AssetInfo, ReleaseInfo, RepoRef } from './types.js';
export { isLocked } from './types.js';
export { findReleaseByTag, requireReleaseByTag, getRelease, listAssets } from './releases.js';
export { attachAsset, immutableReleaseError, type AssetUpload, type AttachResult } from './release-assets.js';
export {
  assertSafeAssetName,
  assetNameProblem,
  downloadAsset,
  hashAsset,
  type DownloadedAsset,
} from './asset-download.js';
export {
  storeAttestation,
  listAttestations,
  type StoredAttestation,
  type BundleJson,
} from './attestations.js';
export { uploadWorkflowArtifact, type UploadedArtifact, type ArtifactUploadOptions } from './artifacts.js';
export {
  getRepository,
  resolveVisibility,
  type RepositoryInfo,
  type ResolvedVisibility,
  type Visibility,
} from './repository.js';
