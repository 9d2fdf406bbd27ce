/**
 * A 429 that says how long to wait only in Retry-After (no `x-ratelimit-*` headers, no "secondary rate limit" in its
 * message) is retried by neither Octokit plugin: the retry plugin never retries a 429, and the throttling plugin
 * only recognises GitHub's two rate-limit shapes. This waits it out, within the same bounds as a rate limit.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { GitHubClient, GitHubLog } from './octokit.js';

interface Bounds {
  retries: number;
  maxWaitSeconds: number;
  /** Length of one second of waiting, in ms (tests shorten it). */
  unitMs: number;
  log: GitHubLog;
}

interface AnsweredError {
  status?: number;
  response?: { headers?: Record<string, string | undefined> };
}

/** The seconds a 429 asked for in Retry-After, when nothing else handled it. */
export function retryAfterSeconds(e: unknown, now = Date.now()): number | undefined {
  const { status, response } = (e ?? {}) as AnsweredError;
  const headers = response?.headers ?? {};
  if (status !== 429 || headers['x-ratelimit-remaining'] === '0') return undefined;
  const value = headers['retry-after']?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

export function honourRetryAfter(client: GitHubClient, bounds: Bounds): void {
  client.hook.wrap('request', async (request, options) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await request(options);
      } catch (e) {
        const wait = retryAfterSeconds(e);
        if (wait === undefined) throw e;
        const where = `${options.method} ${String(options.url).replace(/\{\?[^}]*\}/g, '')}`;
        if (attempt > bounds.retries || wait > bounds.maxWaitSeconds) {
          bounds.log.warn(
            `GitHub answered HTTP 429 on ${where} asking to wait ${wait} s (Retry-After); giving up`,
          );
          throw e;
        }
        bounds.log.warn(
          `GitHub answered HTTP 429 on ${where} asking to wait ${wait} s (Retry-After); retrying (attempt ${attempt} of ${bounds.retries})`,
        );
        await sleep(wait * bounds.unitMs);
      }
    }
  });
}
