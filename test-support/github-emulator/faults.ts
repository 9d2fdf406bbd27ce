/**
 * Failure modes tests switch on: server errors, rate limits, a release vanishing mid-flow, slowness, and a
 * deliberately wrong response (to prove the OpenAPI validation catches drift). Each applies to the next
 * matching requests and then disarms itself, so a test states exactly how much trouble it wants.
 */
export interface RequestInfo {
  origin: 'api' | 'uploads' | 'objects';
  method: string;
  path: string;
  operationId?: string;
}

type PathFilter = string | RegExp | undefined;

function matches(filter: PathFilter, req: RequestInfo, method?: string): boolean {
  if (method !== undefined && method.toUpperCase() !== req.method) return false;
  if (filter === undefined) return true;
  return typeof filter === 'string' ? req.path.includes(filter) : filter.test(req.path);
}

interface ServerErrorFault {
  kind: 'status';
  remaining: number;
  status: number;
  path: PathFilter;
  method: string | undefined;
}

interface RateLimitFault {
  kind: 'rate-limit';
  remaining: number;
  status: 403 | 429;
  resetInSeconds: number;
  retryAfterSeconds: number | undefined;
  path: PathFilter;
  method: string | undefined;
}

/** The request is handled (the work is done), then answered with an error, as when a response is lost. */
interface AfterFault {
  kind: 'after';
  remaining: number;
  status: number;
  /** An upload is kept incomplete: GitHub lists it in state `open` with only part of its bytes. */
  partial: boolean;
  path: PathFilter;
  method: string | undefined;
}

export type FaultResponse =
  | { kind: 'status'; status: number }
  | { kind: 'after'; status: number; partial: boolean }
  | { kind: 'rate-limit'; status: 403 | 429; headers: Record<string, string> };

export class Faults {
  #queue: (ServerErrorFault | RateLimitFault | AfterFault)[] = [];
  #delays: { ms: number; remaining: number; path: PathFilter }[] = [];
  #corruptions: { operationId: string; mutate: (body: unknown) => unknown }[] = [];
  #releaseDeletions: { releaseId: number; afterRequests: number }[] = [];
  /** Requests answered with an injected fault so far (tests assert retries happened through this). */
  injected = 0;

  /** The next `count` matching requests (by path substring or pattern, and method) answer `status` (default 503). */
  failNext(count: number, options: { status?: number; path?: PathFilter; method?: string } = {}): void {
    this.#queue.push({
      kind: 'status',
      remaining: count,
      status: options.status ?? 503,
      path: options.path,
      method: options.method,
    });
  }

  /**
   * The next `count` matching requests are rate limited as GitHub does it: 403 (primary) or 429, with
   * `x-ratelimit-remaining: 0`, `x-ratelimit-reset` and, when given, `retry-after`.
   */
  rateLimitNext(
    count: number,
    options: {
      status?: 403 | 429;
      resetInSeconds?: number;
      retryAfterSeconds?: number;
      path?: PathFilter;
      method?: string;
    } = {},
  ): void {
    this.#queue.push({
      kind: 'rate-limit',
      remaining: count,
      status: options.status ?? 403,
      resetInSeconds: options.resetInSeconds ?? 0,
      retryAfterSeconds: options.retryAfterSeconds,
      path: options.path,
      method: options.method,
    });
  }

  /**
   * The next `count` matching requests do their work and then answer `status` (default 502): an upload that
   * landed although the client heard a failure. With `partial`, an upload is instead left incomplete, listed in
   * state `open` with half its bytes, as GitHub keeps an interrupted upload.
   */
  failAfterNext(
    count: number,
    options: { status?: number; partial?: boolean; path?: PathFilter; method?: string } = {},
  ): void {
    this.#queue.push({
      kind: 'after',
      remaining: count,
      status: options.status ?? 502,
      partial: options.partial ?? false,
      path: options.path,
      method: options.method,
    });
  }

  /** Delays the next `count` matching requests (default: every request until reset). */
  delay(ms: number, options: { count?: number; path?: PathFilter } = {}): void {
    this.#delays.push({ ms, remaining: options.count ?? Infinity, path: options.path });
  }

  /** Deletes the release (and its assets) once `afterRequests` more requests have been answered. */
  deleteReleaseAfter(releaseId: number, afterRequests: number): void {
    this.#releaseDeletions.push({ releaseId, afterRequests });
  }

  /** Passes the next response body of `operationId` through `mutate` before it is validated and sent. */
  corruptNextResponse(operationId: string, mutate: (body: unknown) => unknown): void {
    this.#corruptions.push({ operationId, mutate });
  }

  reset(): void {
    this.#queue = [];
    this.#delays = [];
    this.#corruptions = [];
    this.#releaseDeletions = [];
    this.injected = 0;
  }

  /** @internal the fault, if any, that answers this request instead of the emulated API. */
  take(req: RequestInfo): FaultResponse | undefined {
    const fault = this.#queue.find((f) => f.remaining > 0 && matches(f.path, req, f.method));
    if (!fault) return undefined;
    fault.remaining -= 1;
    this.#queue = this.#queue.filter((f) => f.remaining > 0);
    this.injected += 1;
    if (fault.kind === 'status') return { kind: 'status', status: fault.status };
    if (fault.kind === 'after') return { kind: 'after', status: fault.status, partial: fault.partial };
    const reset = Math.floor(Date.now() / 1000) + fault.resetInSeconds;
    const headers: Record<string, string> = {
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-used': '5000',
      'x-ratelimit-reset': String(reset),
      'x-ratelimit-resource': 'core',
    };
    if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
    return { kind: 'rate-limit', status: fault.status, headers };
  }

  /** @internal */
  delayFor(req: RequestInfo): number {
    const d = this.#delays.find((x) => x.remaining > 0 && matches(x.path, req));
    if (!d) return 0;
    d.remaining -= 1;
    return d.ms;
  }

  /** @internal */
  corrupt(operationId: string, body: unknown): unknown {
    const i = this.#corruptions.findIndex((c) => c.operationId === operationId);
    if (i < 0) return body;
    const [c] = this.#corruptions.splice(i, 1);
    return c!.mutate(structuredClone(body));
  }

  /** @internal counts one answered request; returns the releases due for deletion now. */
  tick(): number[] {
    const due: number[] = [];
    for (const d of this.#releaseDeletions) {
      d.afterRequests -= 1;
      if (d.afterRequests <= 0) due.push(d.releaseId);
    }
    this.#releaseDeletions = this.#releaseDeletions.filter((d) => d.afterRequests > 0);
    return due;
  }
}
