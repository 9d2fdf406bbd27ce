/** Shared set-up for the GitHub adapter tests: an emulator and a client whose retries are real but fast. */
import {
  createGitHubClient,
  type GitHubClient,
  type GitHubClientOptions,
} from '../../../src/adapters/github/octokit.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../../test-support/github-emulator/index.js';

export const REPO = { owner: 'acme', repo: 'widget' };

export async function emulator(): Promise<GitHubEmulator> {
  const em = await startGitHubEmulator({ repository: 'acme/widget' });
  return em;
}

export function client(em: GitHubEmulator, options: Partial<GitHubClientOptions> = {}): GitHubClient {
  return createGitHubClient({
    token: em.token,
    baseUrl: em.apiUrl,
    retries: 2,
    rateLimitRetries: 2,
    backoffUnitMs: 1,
    paceWrites: false,
    ...options,
  });
}

/** Awaits a promise expected to reject and returns the error, so tests can assert on code and message. */
export async function failure(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await promise;
  } catch (e) {
    return e as { code?: string; message: string };
  }
  throw new Error('expected a failure, got success');
}
