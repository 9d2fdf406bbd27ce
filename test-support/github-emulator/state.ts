/**
 * The emulator's in-memory GitHub: repositories, releases (drafts included), assets with their bytes,
 * attestations and workflow artifacts. Plain data plus the few invariants GitHub itself enforces on it.
 */
import { createHash } from 'node:crypto';

export type Visibility = 'public' | 'private' | 'internal';

export interface RepoState {
  id: number;
  owner: string;
  ownerId: number;
  name: string;
  visibility: Visibility;
  /** Repository setting: releases published while it is on become immutable. */
  immutableReleases: boolean;
  defaultBranch: string;
  /** What the REST API answers for visibility, when it should lie (DESIGN §7: false "private" was reported). */
  reportedVisibility?: Visibility;
}

export interface ReleaseState {
  id: number;
  repo: string;
  tag: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  immutable: boolean;
  targetCommitish: string;
  createdAt: string;
  publishedAt: string | null;
  updatedAt: string;
}

export interface AssetState {
  id: number;
  releaseId: number;
  name: string;
  label: string | null;
  contentType: string;
  bytes: Buffer;
  createdAt: string;
  updatedAt: string;
  downloadCount: number;
  /** `open`: an upload GitHub started but never completed (absent: `uploaded`). */
  state?: 'uploaded' | 'open';
}

export interface AttestationState {
  id: number;
  repo: string;
  bundle: Record<string, unknown>;
  /** `sha256:<hex>` of every subject of the DSSE statement, as GitHub indexes them. */
  subjectDigests: string[];
}

export interface ArtifactState {
  id: number;
  runBackendId: string;
  jobBackendId: string;
  name: string;
  blobPath: string;
  size: number;
  hash: string | null;
  finalized: boolean;
  createdAt: string;
}

/** A review of a deployment that waited for an environment's required reviewers (GitHub's environment approvals). */
export interface ReviewState {
  environment: string;
  environmentId: number;
  login: string;
  userId: number;
  state: 'approved' | 'rejected' | 'pending';
  comment: string;
  at: string;
}

export interface BlobState {
  committed: Buffer | undefined;
  contentType: string | undefined;
  staged: Map<string, Buffer>;
}

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
export const repoKey = (owner: string, name: string): string => `${owner}/${name}`.toLowerCase();

export class EmulatorState {
  readonly repos = new Map<string, RepoState>();
  readonly releases = new Map<number, ReleaseState>();
  readonly assets = new Map<number, AssetState>();
  readonly attestations = new Map<number, AttestationState>();
  readonly artifacts = new Map<number, ArtifactState>();
  readonly blobs = new Map<string, BlobState>();
  /** Deployment reviews by `<owner/repo> <run id>`, oldest first. */
  readonly reviews = new Map<string, ReviewState[]>();
  /** Git references by `<owner/repo> <ref>` (`refs/tags/v1`), to the commit each points at. */
  readonly refs = new Map<string, string>();
  /** When every workflow run the emulator is asked about started (GitHub's `run_started_at`). */
  runStartedAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 90_000).toISOString().replace('.000Z', 'Z');
  #nextId = 1000;

  nextId(): number {
    return ++this.#nextId;
  }

  now(): string {
    return new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  }

  repo(owner: string, name: string): RepoState | undefined {
    return this.repos.get(repoKey(owner, name));
  }

  releasesOf(repo: RepoState): ReleaseState[] {
    const key = repoKey(repo.owner, repo.name);
    // GitHub lists the newest first.
    return [...this.releases.values()].filter((r) => r.repo === key).sort((a, b) => b.id - a.id);
  }

  assetsOf(releaseId: number): AssetState[] {
    return [...this.assets.values()].filter((a) => a.releaseId === releaseId).sort((a, b) => a.id - b.id);
  }

  deleteRelease(id: number): void {
    this.releases.delete(id);
    for (const asset of this.assetsOf(id)) this.assets.delete(asset.id);
  }

  /** A published immutable release: no new assets, no deletions, no going back to draft. */
  isLocked(release: ReleaseState): boolean {
    return release.immutable && !release.draft;
  }

  publish(release: ReleaseState, repo: RepoState): void {
    release.draft = false;
    release.publishedAt = this.now();
    if (repo.immutableReleases) release.immutable = true;
  }
}
