/**
 * Fault injection for the stack's services. Tests queue faults per service; each incoming request takes the
 * next queued fault (if any), so "fail the next N requests" is N queued entries and the N+1th request succeeds.
 */
export type ServiceName = 'fulcio' | 'rekor' | 'tsa' | 'oidc';

export type Fault =
  /** Answer with this status (and a short JSON error body) instead of calling the service, with Retry-After if given. */
  | { readonly kind: 'status'; readonly status: number; readonly retryAfterSeconds?: number }
  /** Let the service do its work, then send the headers and half the body, and close the connection. */
  | { readonly kind: 'truncated' }
  /** Never answer: the connection stays open until the client gives up or the stack stops. */
  | { readonly kind: 'hang' }
  /** Let the service do its work, then send the body a few bytes at a time, slowly. */
  | { readonly kind: 'trickle'; readonly bytes: number; readonly intervalMs: number }
  /** Answer this status with a body that quotes the request's headers and body (tokens and all), as some proxies do. */
  | { readonly kind: 'echo-headers'; readonly status: number }
  /** Wait this long, then answer normally (a client with a shorter timeout gives up first). */
  | { readonly kind: 'delay'; readonly ms: number }
  /** 429 Too Many Requests with a Retry-After header in seconds. */
  | { readonly kind: 'rate-limit'; readonly retryAfterSeconds: number }
  /** Let the service do its work, then replace the body with bytes no client can parse. */
  | { readonly kind: 'garbled' }
  /** Destroy the connection without any response. */
  | { readonly kind: 'reset' }
  /** Let the service do its work (a Rekor entry is logged), then drop the connection: the client never hears. */
  | { readonly kind: 'lost-response' };

export class Faults {
  readonly #queues = new Map<ServiceName, Fault[]>();
  readonly #requests = new Map<ServiceName, number>();

  /** Queue `fault` for the next `times` requests to `service`. */
  inject(service: ServiceName, fault: Fault, times = 1): void {
    const queue = this.#queues.get(service) ?? [];
    for (let i = 0; i < times; i++) queue.push(fault);
    this.#queues.set(service, queue);
  }

  failNext(service: ServiceName, times: number, status = 503): void {
    this.inject(service, { kind: 'status', status }, times);
  }

  delayNext(service: ServiceName, times: number, ms: number): void {
    this.inject(service, { kind: 'delay', ms }, times);
  }

  rateLimitNext(service: ServiceName, times: number, retryAfterSeconds = 1): void {
    this.inject(service, { kind: 'rate-limit', retryAfterSeconds }, times);
  }

  garbleNext(service: ServiceName, times = 1): void {
    this.inject(service, { kind: 'garbled' }, times);
  }

  resetNext(service: ServiceName, times = 1): void {
    this.inject(service, { kind: 'reset' }, times);
  }

  loseResponseNext(service: ServiceName, times = 1): void {
    this.inject(service, { kind: 'lost-response' }, times);
  }

  truncateNext(service: ServiceName, times = 1): void {
    this.inject(service, { kind: 'truncated' }, times);
  }

  hangNext(service: ServiceName, times = 1): void {
    this.inject(service, { kind: 'hang' }, times);
  }

  trickleNext(service: ServiceName, times = 1, bytes = 8, intervalMs = 250): void {
    this.inject(service, { kind: 'trickle', bytes, intervalMs }, times);
  }

  echoHeadersNext(service: ServiceName, times = 1, status = 500): void {
    this.inject(service, { kind: 'echo-headers', status }, times);
  }

  /** Drops queued faults (of one service, or all) and resets request counters. */
  clear(service?: ServiceName): void {
    if (service) {
      this.#queues.delete(service);
      this.#requests.delete(service);
    } else {
      this.#queues.clear();
      this.#requests.clear();
    }
  }

  /** Faults still queued for `service` (0 once every injected fault has been served). */
  pending(service: ServiceName): number {
    return this.#queues.get(service)?.length ?? 0;
  }

  /** Requests `service` has received since start or the last clear, faulted ones included. */
  requests(service: ServiceName): number {
    return this.#requests.get(service) ?? 0;
  }

  /** Called by the server for each request: counts it and hands out the next fault. */
  take(service: ServiceName): Fault | undefined {
    this.#requests.set(service, this.requests(service) + 1);
    return this.#queues.get(service)?.shift();
  }
}
