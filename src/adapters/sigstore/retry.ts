/**
 * Bounded retries around one Sigstore service call. sigstore-js's own retries are switched off because they
 * cannot honour Retry-After and give up with a message that does not say what to do.
 */
import { ProvenantError } from '../../core/errors.js';
import { knownInstanceAt } from './instances.js';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  readonly retries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: we fail and say so. */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 4,
  baseDelayMs: 1000,
  maxDelayMs: 16_000,
  maxRetryAfterMs: 60_000,
};

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ServiceRef {
  readonly name: 'Fulcio' | 'Rekor' | 'TSA' | 'OIDC';
  readonly url: string;
  /** What the service gives us, for "expected …" in messages. */
  readonly product: string;
}

export interface Failure {
  readonly retryable: boolean;
  readonly status?: number;
  /** Short, token-free description: "HTTP 503", "connection reset", "timed out", "unparseable response". */
  readonly reason: string;
  /** The delay the answer's Retry-After asked for, when the client that got it kept it (our Rekor v2 witness does). */
  readonly retryAfterMs?: number;
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
  // undici (Node's fetch): the other side closed, or a connection, header or body deadline passed.
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** Marks a response we received but could not use (e.g. a garbled timestamp): worth another try. */
export class UnusableResponse extends Error {
  override readonly name = 'UnusableResponse';
}

/** Walks the cause chain sigstore-js builds (InternalError → HTTPError | FetchError) to decide. */
export function classify(error: unknown): Failure {
  for (
    let e: unknown = error, depth = 0;
    e && typeof e === 'object' && depth < 8;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const { statusCode, retryAfterMs, code, type, name } = e as {
      statusCode?: unknown;
      retryAfterMs?: unknown;
      code?: unknown;
      type?: unknown;
      name?: unknown;
    };
    if (typeof statusCode === 'number') {
      const retryable = statusCode === 408 || statusCode === 429 || statusCode >= 500;
      return {
        retryable,
        status: statusCode,
        reason: `HTTP ${statusCode}`,
        ...(typeof retryAfterMs === 'number' ? { retryAfterMs } : {}),
      };
    }
    if (e instanceof UnusableResponse) return { retryable: true, reason: 'an unparseable response' };
    if (type === 'invalid-json') return { retryable: true, reason: 'an unparseable response' };
    if (type === 'request-timeout' || type === 'body-timeout' || name === 'TimeoutError')
      return { retryable: true, reason: 'no answer before the timeout' };
    if (typeof code === 'string' && NETWORK_CODES.has(code)) {
      return {
        retryable: true,
        reason:
          code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' ? 'connection reset' : `network error ${code}`,
      };
    }
    if (name === 'FetchError' || type === 'system') return { retryable: true, reason: 'a network error' };
  }
  return { retryable: false, reason: 'an error' };
}

export interface RetryContext {
  readonly policy: RetryPolicy;
  readonly sleep: Sleep;
  /** The delay the service asked for in its last response, if any. */
  readonly retryAfter: (url: string) => number | undefined;
  /** Called before each wait, for logs and tests. */
  readonly onRetry?: (service: ServiceRef, attempt: number, delayMs: number, failure: Failure) => void;
}

export async function withRetry<T>(
  service: ServiceRef,
  operation: () => Promise<T>,
  context: RetryContext,
): Promise<T> {
  const { policy } = context;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      const failure = classify(error);
      if (!failure.retryable) throw error;
      const askedFor =
        failure.status === 429 || failure.status === 503
          ? (failure.retryAfterMs ?? context.retryAfter(service.url))
          : undefined;
      if (askedFor !== undefined && askedFor > policy.maxRetryAfterMs) {
        throw unavailable(
          service,
          attempt,
          failure,
          `it asked us to wait ${Math.ceil(askedFor / 1000)} s (Retry-After), longer than the ${policy.maxRetryAfterMs / 1000} s we allow`,
        );
      }
      if (attempt > policy.retries) throw unavailable(service, attempt, failure, lastAnswer(error));
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      // Jitter spreads the retries of many release jobs hitting the same outage.
      const delay = askedFor ?? Math.round(backoff * (0.5 + Math.random() / 2));
      context.onRetry?.(service, attempt, delay, failure);
      await context.sleep(delay);
    }
  }
}

/** The service's own words, when it sent any (sigstore-js formats HTTP errors as "(status) message"). */
function lastAnswer(error: unknown): string | undefined {
  for (
    let e: unknown = error, depth = 0;
    e && typeof e === 'object' && depth < 8;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    if (typeof (e as { statusCode?: unknown }).statusCode === 'number' && e instanceof Error)
      return `its last answer was ${JSON.stringify(e.message.slice(0, 200))}`;
  }
  return undefined;
}

function unavailable(
  service: ServiceRef,
  attempts: number,
  failure: Failure,
  extra?: string,
): ProvenantError {
  const statusPage = knownInstanceAt(service.url)?.statusPage;
  const advice = statusPage
    ? `The service is down or rate-limiting: check ${statusPage} and re-run the job; nothing was published.`
    : 'Check that the service is running and reachable from this runner, then re-run; nothing was published.';
  return new ProvenantError(
    'SERVICE_UNAVAILABLE',
    `${service.name} at ${service.url}: expected ${service.product}, got ${failure.reason} after ${attempts} attempt(s)${extra ? `; ${extra}` : ''}. ${advice}`,
  );
}
