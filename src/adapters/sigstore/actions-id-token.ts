/**
 * The Actions runner's OIDC token endpoint, asked directly rather than through `@actions/core.getIDToken`: that one
 * writes `::add-mask::` and debug lines to stdout (which corrupts `provenant sign --json > file` and puts the token in
 * the file), does not retry resets or 429s, and has no deadline. Here every attempt has a deadline, transient answers
 * are retried like the Sigstore services', and the caller decides how the token is masked.
 */
import {
  DEFAULT_RETRY_POLICY,
  realSleep,
  UnusableResponse,
  withRetry,
  type RetryPolicy,
  type ServiceRef,
  type Sleep,
} from './retry.js';

export interface IdTokenRequest {
  /** ACTIONS_ID_TOKEN_REQUEST_URL (it already carries a query string). */
  readonly url: string;
  /** ACTIONS_ID_TOKEN_REQUEST_TOKEN. */
  readonly requestToken: string;
  readonly audience: string;
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly sleep?: Sleep;
  readonly onRetry?: (attempt: number, delayMs: number, reason: string) => void;
}

/** An answer other than 2xx; `statusCode` is what the retry policy reads. */
class HttpStatus extends Error {
  readonly statusCode: number;

  constructor(statusCode: number) {
    super(`HTTP ${statusCode}`);
    this.statusCode = statusCode;
  }
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

export async function requestActionsIdToken(request: IdTokenRequest): Promise<string> {
  const target = new URL(request.url);
  target.searchParams.set('audience', request.audience);
  // The origin only: the path and query of the endpoint identify the job and are nobody's business in a log.
  const service: ServiceRef = { name: 'OIDC', url: target.origin, product: 'an identity token' };
  let askedFor: number | undefined;
  return withRetry(
    service,
    async () => {
      askedFor = undefined;
      const res = await fetch(target, {
        headers: { authorization: `Bearer ${request.requestToken}`, accept: 'application/json' },
        signal: AbortSignal.timeout(request.timeoutMs ?? 30_000),
      });
      if (!res.ok) {
        askedFor = retryAfterMs(res.headers.get('retry-after'));
        await res.body?.cancel();
        throw new HttpStatus(res.status);
      }
      let value: unknown;
      try {
        value = ((await res.json()) as { value?: unknown }).value;
      } catch {
        throw new UnusableResponse('the token response is not JSON');
      }
      if (typeof value !== 'string' || value === '')
        throw new UnusableResponse('the token response has no value');
      return value;
    },
    {
      policy: { ...DEFAULT_RETRY_POLICY, ...request.retry },
      sleep: request.sleep ?? realSleep,
      retryAfter: () => askedFor,
      ...(request.onRetry
        ? { onRetry: (_s, attempt, delay, failure) => request.onRetry!(attempt, delay, failure.reason) }
        : {}),
    },
  );
}
