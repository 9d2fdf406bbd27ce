/** What the GitHub adapters hand back: the fields Provenant uses, not Octokit's whole response types. */
export interface RepoRef {
  owner: string;
  repo: string;
}

export interface ReleaseInfo {
  id: number;
  tag: string;
  name: string | null;
  draft: boolean;
  /** Published immutable releases refuse new assets, deletions and going back to draft. */
  immutable: boolean;
  uploadUrl: string;
  htmlUrl: string;
}

export interface AssetInfo {
  id: number;
  name: string;
  size: number;
  contentType: string;
  /** Lowercase hex, when GitHub reports the asset's digest (`digest: "sha256:…"`). */
  sha256: string | undefined;
  /** `uploaded`, or `open` for an upload that never completed. */
  state: string;
  apiUrl: string;
  browserDownloadUrl: string;
}

export const isLocked = (release: ReleaseInfo): boolean => release.immutable && !release.draft;
