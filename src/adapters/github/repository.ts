/**
 * Repository metadata: ids (recorded in the provenance) and visibility (which decides whether the public
 * Sigstore log may be used). The REST API has been reported to answer "private" for public repositories, so the
 * run's OIDC claim `repository_visibility` — signed by GitHub, true at signing time — wins when present.
 */
import { toProvenantError } from './errors.js';
import type { GitHubClient } from './octokit.js';
import type { RepoRef } from './types.js';

export type Visibility = 'public' | 'private' | 'internal';

export interface RepositoryInfo {
  id: number;
  ownerId: number;
  fullName: string;
  visibility: Visibility;
  defaultBranch: string;
}

function asVisibility(value: unknown, isPrivate: boolean): Visibility {
  return value === 'public' || value === 'private' || value === 'internal'
    ? value
    : isPrivate
      ? 'private'
      : 'public';
}

export async function getRepository(client: GitHubClient, repo: RepoRef): Promise<RepositoryInfo> {
  try {
    const { data } = await client.rest.repos.get({ owner: repo.owner, repo: repo.repo });
    return {
      id: data.id,
      ownerId: data.owner.id,
      fullName: data.full_name,
      visibility: asVisibility(data.visibility, data.private),
      defaultBranch: data.default_branch,
    };
  } catch (e) {
    throw toProvenantError(e, {
      doing: `read repository ${repo.owner}/${repo.repo}`,
      permission: 'contents',
      code: 'CONTEXT_INVALID',
    });
  }
}

export interface ResolvedVisibility {
  visibility: Visibility;
  source: 'oidc-claim' | 'rest-api';
  /** Set when the two sources disagree, for a warning in the job log. */
  disagreement?: string;
}

/** Prefers the signed OIDC claim; the REST answer is only the fallback. */
export function resolveVisibility(
  apiVisibility: Visibility | undefined,
  oidcClaim: string | undefined,
): ResolvedVisibility {
  const claim =
    oidcClaim === 'public' || oidcClaim === 'private' || oidcClaim === 'internal' ? oidcClaim : undefined;
  if (claim) {
    const disagreement =
      apiVisibility && apiVisibility !== claim
        ? `the REST API says the repository is ${apiVisibility}, the run's OIDC token says ${claim}; using the token's claim`
        : undefined;
    return { visibility: claim, source: 'oidc-claim', ...(disagreement ? { disagreement } : {}) };
  }
  // Without a claim, an unknown answer is treated as private: the safe side for the public log.
  return { visibility: apiVisibility ?? 'private', source: 'rest-api' };
}
