/**
 * The one Octokit the GitHub adapters share: `@actions/github`'s client (REST methods + pagination) with the
 * retry and throttling plugins. The token comes only from the caller, is registered for redaction at once and
 * never reaches a log. Every wait is bounded so a run cannot hang on a long rate-limit reset.
 */
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { secrets } from '../../core/redact.js';
import { PROVENANT_VERSION } from '../../version.js';
import { deadlineFetch } from './deadline-fetch.js';
import { trackQuota } from './quota.js';
import { honourRetryAfter } from './retry-after.js';

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface GitHubLog {
  debug(message: string): void;
  warn(message: string): void;
}

export interface GitHubClientOptions {
  token: string;
  /** REST API root; default GITHUB_API_URL, then https://api.github.com. */
  baseUrl?: string;
  /** Retries of server errors and network failures per request (default 3). */
  retries?: number;
  /** Retries after a rate limit per request (default 2). */
  rateLimitRetries?: number;
  /** A rate limit that resets later than this is not waited for: fail with a clear error instead (default 60). */
  maxRateLimitWaitSeconds?: number;
  /**
   * Length of one "second" of back-off and of rate-limit waits, in ms (default 1000). Tests set 1 so that
   * retries stay real but fast.
   */
  backoffUnitMs?: number;
  /**
   * GitHub asks integrations to space content-creating requests about a second apart; the throttling plugin
   * does that by default. `false` turns the spacing off (tests against the emulator).
   */
  paceWrites?: boolean;
  /** Deadline of each request, in ms (default 30 s): a request with no whole answer by then is retried. */
  requestTimeoutMs?: number;
  log?: GitHubLog;
}

/** Default deadline of one GitHub request. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

const silent: GitHubLog = { debug: () => undefined, warn: () => undefined };

/**
 * A group that runs every job at once. The throttling plugin accepts Bottleneck groups for its write pacing;
 * this stand-in has the only method it calls, so pacing can be turned off without another dependency.
 */
const unpacedGroup = {
  key: () => ({
    schedule: async <T>(
      _options: unknown,
      fn: (...args: unknown[]) => T,
      ...args: unknown[]
    ): Promise<Awaited<T>> => await fn(...args),
  }),
};

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  secrets.add(options.token);
  const log = options.log ?? silent;
  const unit = options.backoffUnitMs ?? 1000;
  const rateLimitRetries = options.rateLimitRetries ?? 2;
  const maxWait = options.maxRateLimitWaitSeconds ?? 60;
  const onLimit =
    (kind: string) =>
    (
      retryAfter: number,
      request: { method: string; url: string },
      _octokit: unknown,
      retryCount: number,
    ): boolean => {
      const retrying = retryCount < rateLimitRetries && retryAfter <= maxWait;
      log.warn(
        `GitHub ${kind} rate limit on ${request.method} ${request.url}; ` +
          (retrying
            ? `retrying in ${retryAfter} s (attempt ${retryCount + 1} of ${rateLimitRetries})`
            : 'giving up'),
      );
      return retrying;
    };
  const unpaced = options.paceWrites === false ? { write: unpacedGroup, notifications: unpacedGroup } : {};
  const client = getOctokit(
    options.token,
    {
      ...(options.baseUrl ? { baseUrl: options.baseUrl.replace(/\/+$/, '') } : {}),
      userAgent: `provenant/${PROVENANT_VERSION}`,
      request: { fetch: deadlineFetch(options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS) },
      log: {
        debug: (m: string) => log.debug(secrets.redact(m)),
        info: (m: string) => log.debug(secrets.redact(m)),
        warn: (m: string) => log.warn(secrets.redact(m)),
        error: (m: string) => log.warn(secrets.redact(m)),
      },
      retry: {
        retries: options.retries ?? 3,
        retryAfterBaseValue: unit,
        // 403 and 429 are the throttling plugin's; 4xx answers do not get better by asking again.
        doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451],
      },
      throttle: {
        retryAfterBaseValue: unit,
        onRateLimit: onLimit('primary'),
        onSecondaryRateLimit: onLimit('secondary'),
        ...(unpaced as object),
      },
    },
    retry,
    throttling,
  );
  trackQuota(client);
  // After the plugins, so it sees what they give up on: a 429 or 503 that names its wait in Retry-After only.
  honourRetryAfter(client, { retries: rateLimitRetries, maxWaitSeconds: maxWait, unitMs: unit, log });
  return client;
}
