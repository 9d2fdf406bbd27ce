/**
 * GitHub Actions OIDC claims, shaped like the tokens `token.actions.githubusercontent.com` issues. Derived
 * claims (sub, workflow_ref, job_workflow_ref…) follow the repository, ref and workflow path unless a test
 * sets them explicitly, so one override keeps a token self-consistent.
 */
import { randomUUID } from 'node:crypto';
import type { Claims } from './jwt.js';

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';

export interface GitHubClaimSeed {
  repository?: string;
  ref?: string;
  sha?: string;
  workflowPath?: string;
  repositoryVisibility?: 'public' | 'private' | 'internal';
}

const DEFAULT_SHA = '5f7b2e1c9a3d4b6e8f0a1c2e3d4f5a6b7c8d9e0f';

export function githubClaims(overrides: Claims = {}, nowSeconds = Math.floor(Date.now() / 1000)): Claims {
  const repository = str(overrides['repository'], 'octo-org/octo-repo');
  const ref = str(overrides['ref'], 'refs/tags/v1.0.0');
  const sha = str(overrides['sha'], DEFAULT_SHA);
  const owner = repository.split('/')[0] ?? repository;
  const workflowRef = `${repository}/.github/workflows/release.yml@${ref}`;
  const refType = ref.startsWith('refs/tags/') ? 'tag' : 'branch';
  // A job with `environment:` gets the environment claim, and GitHub's subject then names it instead of the ref.
  const environment = str(overrides['environment'], '');
  const base: Claims = {
    jti: randomUUID(),
    sub: environment ? `repo:${repository}:environment:${environment}` : `repo:${repository}:ref:${ref}`,
    aud: 'sigstore',
    ref,
    ref_type: refType,
    ref_protected: 'false',
    sha,
    repository,
    repository_id: '123456789',
    repository_owner: owner,
    repository_owner_id: '987654321',
    repository_visibility: 'public',
    run_id: '1000000001',
    run_number: '42',
    run_attempt: '1',
    actor: 'octocat',
    actor_id: '583231',
    workflow: 'Release',
    workflow_ref: workflowRef,
    workflow_sha: sha,
    job_workflow_ref: workflowRef,
    job_workflow_sha: sha,
    event_name: 'push',
    head_ref: '',
    base_ref: '',
    runner_environment: 'github-hosted',
    iss: GITHUB_ISSUER,
    nbf: nowSeconds - 5,
    iat: nowSeconds - 5,
    exp: nowSeconds + 600,
  };
  return { ...base, ...overrides };
}

function str(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.length > 0 ? value : fallback;
}
