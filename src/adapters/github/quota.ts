/**
 * What is left of the token's request quota, read from the `x-ratelimit-*` headers GitHub puts on every answer. A
 * GITHUB_TOKEN has 1,000 requests an hour per repository: a release of many bundles is planned against this before
 * anything is signed, so it never runs out halfway.
 */
import type { RequestQuota } from '../../app/ports.js';
import type { GitHubClient } from './octokit.js';

const quotas = new WeakMap<object, RequestQuota>();

type Headers = Record<string, string | number | undefined> | undefined;

function fromHeaders(headers: Headers): RequestQuota | undefined {
  const limit = Number(headers?.['x-ratelimit-limit']);
  const remaining = Number(headers?.['x-ratelimit-remaining']);
  const reset = Number(headers?.['x-ratelimit-reset']);
  if (![limit, remaining, reset].every(Number.isFinite) || headers?.['x-ratelimit-limit'] === undefined) {
    return undefined;
  }
  return { limit, remaining, resetAt: new Date(reset * 1000) };
}

export function trackQuota(client: GitHubClient): void {
  const record = (headers: Headers): void => {
    const quota = fromHeaders(headers);
    if (quota) quotas.set(client, quota);
  };
  client.hook.after('request', (response) => record(response.headers as Headers));
  client.hook.error('request', (error) => {
    record((error as { response?: { headers?: Headers } }).response?.headers);
    throw error;
  });
}

/** The quota as of the last answer, or undefined before any (or from a server that sends no such headers). */
export function quotaOf(client: GitHubClient): RequestQuota | undefined {
  return quotas.get(client);
}
