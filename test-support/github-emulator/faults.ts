/**
 * Failure modes tests switch on, for every origin the emulator serves (the REST API, the uploads host, the objects
 * host with its blob storage and downloads, the Actions results service): status codes with or without Retry-After,
 * rate limits, answers lost after the work was done, connections reset before it, bodies cut short, answers that
 * hang or trickle, error bodies that echo the request's headers (as a careless proxy does, tokens and all), a release
 * vanishing mid-flow, slowness, and a deliberately wrong response (to prove the OpenAPI validation catches drift).
 * Each applies to the next matching requests and then disarms itself, so a test states exactly how much trouble it
 * wants.
 */
export type Origin = 'api' | 'uploads' | 'objects' | 'results';

export interface RequestInfo {
  origin: Origin;
  method: string;
  path: string;
  operationId?: string;
}

type PathFilter = string | RegExp | undefined;

export interface Match {
  path?: PathFilter;
  method?: string;
  /** Default: any origin. */
  origin?: Origin;
  /** Matching requests to let through untouched before the fault starts (default 0). */
  skip?: number;
}

function matches(m: Match, req: RequestInfo): boolean {
  if (m.method !== undefined && m.method.toUpperCase() !== req.method) return false;
  if (m.origin !== undefined && m.origin !== req.origin) return false;
  if (m.path === undefined) return true;
  return typeof m.path === 'string' ? req.path.includes(m.path) : m.path.test(req.path);
}

/** What a fault does to one request. */
export type FaultResponse =
  /** Answer `status` instead of handling the request (with Retry-After when given). */
  | { kind: 'status'; status: number; retryAfterSeconds?: number }
  /** Handle the request, then answer `status`: a lost answer. `partial` keeps an upload incomplete (state open). */
  | { kind: 'after'; status: number; partial: boolean }
  | { kind: 'rate-limit'; status: 403 | 429; headers: Record<string, string> }
  /** Destroy the connection before handling the request. */
  | { kind: 'reset' }
  /** Handle the request, then destroy the connection without a word. */
  | { kind: 'lost' }
  /**
   * Handle the request, then send the headers and half the body, and close. `partial` leaves an upload incomplete
   * (state open, half its bytes), as an upload cut off midway is.
   */
  | { kind: 'truncated'; partial: boolean }
  /** Never answer (the connection stays open until the client gives up or the emulator stops). */
  | { kind: 'hang' }
  /** Handle the request, then send the body a few bytes at a time, slowly. */
  | { kind: 'trickle'; bytes: number; intervalMs: number }
  /** Answer `status` with a body that quotes every request header, as some proxies do. */
  | { kind: 'echo-headers'; status: number };

type Queued = Match & { remaining: number; make: () => FaultResponse };

export class Faults {
  #queue: Queued[] = [];
  #delays: { ms: number; remaining: number; match: Match }[] = [];
  #corruptions: { operationId: string; mutate: (body: unknown) => unknown }[] = [];
  #releaseDeletions: { releaseId: number; afterRequests: number }[] = [];
  /** Requests answered with an injected fault so far (tests assert retries happened through this). */
  injected = 0;

  /** Queues `count` faults made by `make` for matching requests. */
  next(count: number, match: Match, make: () => FaultResponse): void {
    this.#queue.push({ ...match, remaining: count, make });
  }

  /** The next `count` matching requests answer `status` (default 503), with Retry-After when given. */
  failNext(count: number, options: Match & { status?: number; retryAfterSeconds?: number } = {}): void {
    const { status = 503, retryAfterSeconds, ...match } = options;
    this.next(count, match, () => ({
      kind: 'status',
      status,
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    }));
  }

  /**
   * The next `count` matching requests are rate limited as GitHub does it: 403 (primary) or 429, with
   * `x-ratelimit-remaining: 0`, `x-ratelimit-reset` and, when given, `retry-after`.
   */
  rateLimitNext(
    count: number,
    options: Match & { status?: 403 | 429; resetInSeconds?: number; retryAfterSeconds?: number } = {},
  ): void {
    const { status = 403, resetInSeconds = 0, retryAfterSeconds, ...match } = options;
    this.next(count, match, () => {
      const headers: Record<string, string> = {
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-used': '5000',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + resetInSeconds),
        'x-ratelimit-resource': 'core',
      };
      if (retryAfterSeconds !== undefined) headers['retry-after'] = String(retryAfterSeconds);
      return { kind: 'rate-limit', status, headers };
    });
  }

  /**
   * The next `count` matching requests do their work and then answer `status` (default 502): an upload that
   * landed although the client heard a failure. With `partial`, an upload is instead left incomplete, listed in
   * state `open` with half its bytes, as GitHub keeps an interrupted upload.
   */
  failAfterNext(count: number, options: Match & { status?: number; partial?: boolean } = {}): void {
    const { status = 502, partial = false, ...match } = options;
    this.next(count, match, () => ({ kind: 'after', status, partial }));
  }

  resetNext(count: number, match: Match = {}): void {
    this.next(count, match, () => ({ kind: 'reset' }));
  }

  loseResponseNext(count: number, match: Match = {}): void {
    this.next(count, match, () => ({ kind: 'lost' }));
  }

  truncateNext(count: number, options: Match & { partial?: boolean } = {}): void {
    const { partial = false, ...match } = options;
    this.next(count, match, () => ({ kind: 'truncated', partial }));
  }

  hangNext(count: number, match: Match = {}): void {
    this.next(count, match, () => ({ kind: 'hang' }));
  }

  trickleNext(count: number, options: Match & { bytes?: number; intervalMs?: number } = {}): void {
    const { bytes = 4, intervalMs = 250, ...match } = options;
    this.next(count, match, () => ({ kind: 'trickle', bytes, intervalMs }));
  }

  echoHeadersNext(count: number, options: Match & { status?: number } = {}): void {
    const { status = 500, ...match } = options;
    this.next(count, match, () => ({ kind: 'echo-headers', status }));
  }

  /** Delays the next `count` matching requests (default: every request until reset). */
  delay(ms: number, options: Match & { count?: number } = {}): void {
    const { count = Infinity, ...match } = options;
    this.#delays.push({ ms, remaining: count, match });
  }

  /** Deletes the release (and its assets) once `afterRequests` more requests have been answered. */
  deleteReleaseAfter(releaseId: number, afterRequests: number): void {
    this.#releaseDeletions.push({ releaseId, afterRequests });
  }

  /** Passes the next response body of `operationId` through `mutate` before it is validated and sent. */
  corruptNextResponse(operationId: string, mutate: (body: unknown) => unknown): void {
    this.#corruptions.push({ operationId, mutate });
  }

  /** Faults still queued. */
  get pending(): number {
    return this.#queue.reduce((n, f) => n + f.remaining, 0);
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
    const fault = this.#queue.find((f) => f.remaining > 0 && matches(f, req));
    if (!fault) return undefined;
    if (fault.skip) {
      fault.skip -= 1;
      return undefined;
    }
    fault.remaining -= 1;
    this.#queue = this.#queue.filter((f) => f.remaining > 0);
    this.injected += 1;
    return fault.make();
  }

  /** @internal */
  delayFor(req: RequestInfo): number {
    const d = this.#delays.find((x) => x.remaining > 0 && matches(x.match, req));
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
