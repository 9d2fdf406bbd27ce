/**
 * sigstore-js reduces an HTTP failure to its status and message, so a 429's Retry-After header never reaches us.
 * Node publishes every finished client response on a diagnostics channel; we read the header there (read-only,
 * nothing is patched) and keep the last value per host, which the retry loop consults after a 429 or 503.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';

const CHANNEL = 'http.client.response.finish';

export class RetryAfterObserver {
  readonly #byHost = new Map<string, number>();
  readonly #now: () => number;
  readonly #listener = (message: unknown): void => {
    const { request, response } = message as { request?: ClientRequest; response?: IncomingMessage };
    const header = response?.headers['retry-after'];
    const host = request?.getHeader('host');
    if (typeof header !== 'string' || typeof host !== 'string') return;
    const ms = parseRetryAfter(header, this.#now());
    if (ms !== undefined) this.#byHost.set(host.toLowerCase(), ms);
  };

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  start(): void {
    subscribe(CHANNEL, this.#listener);
  }

  stop(): void {
    unsubscribe(CHANNEL, this.#listener);
  }

  /** The delay the service at `url` last asked for (and forgets it, so a stale value is never reused). */
  take(url: string): number | undefined {
    const host = new URL(url).host.toLowerCase();
    const ms = this.#byHost.get(host);
    this.#byHost.delete(host);
    return ms;
  }
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string, nowMs: number): number | undefined {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
