/** What the GitHub adapters need besides the use cases' own release types (src/app/ports.ts). */
import type { ReleaseInfo } from '../../app/ports.js';

export interface RepoRef {
  owner: string;
  repo: string;
}

export const isLocked = (release: ReleaseInfo): boolean => release.immutable && !release.draft;
