/**
 * The GitHub client of an action run: the job's repository (GITHUB_REPOSITORY), its API (GITHUB_API_URL, for GHES and
 * the tests' emulator) and its token. Every action that reads or writes releases opens its client here.
 */
import type { Logger } from '../../app/ports.js';
import type { GitHubClient, RepoRef } from './index.js';

export interface GitHub {
  client: GitHubClient;
  repo: RepoRef;
}

/** Undefined outside a repository's job (no GITHUB_REPOSITORY): nothing to publish to. */
export async function actionGitHub(
  options: { token: string; requestTimeoutMs?: number },
  env: NodeJS.ProcessEnv,
  log: Logger,
): Promise<GitHub | undefined> {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) return undefined;
  // Tests only: shorter backoff and no pacing of writes, so fault runs end in seconds.
  const unit = Number(env.PROVENANT_RETRY_UNIT_MS ?? '');
  const { createGitHubClient } = await import('./index.js');
  const client = createGitHubClient({
    token: options.token,
    ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}),
    ...(Number.isFinite(unit) && unit > 0 ? { backoffUnitMs: unit, paceWrites: false } : {}),
    ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    log: { debug: (m) => log.debug?.(m), warn: (m) => log.warn(m) },
  });
  return { client, repo: { owner, repo } };
}
