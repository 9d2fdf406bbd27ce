/**
 * A deadline for every node:http request a library makes while one call runs (`@actions/artifact` sets none: its
 * results-service client waits for ever on a hung answer), and a way out of the one failure it cannot see: an
 * answer cut short, whose body it then waits for with nothing left on the event loop. Node publishes every client
 * request on a diagnostics channel; each gets a timer that destroys it at the deadline, and a results-service answer
 * that closes before it is complete fails the watched call at once, naming the service.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';

const START = 'http.client.request.start';

export class WatchedFailure extends Error {
  override readonly name = 'WatchedFailure';
}

export interface WatchOptions {
  deadlineMs: number;
  /** Requests whose cut-short answer the library would wait on for ever (the results service's Twirp calls). */
  hangsOnCutShort: (request: ClientRequest) => boolean;
}

export class HttpWatch {
  readonly #options: WatchOptions;
  #reject: ((e: Error) => void) | undefined;
  /** Rejects when a watched request fails in a way the library cannot recover from by itself. */
  readonly failed: Promise<never>;
  readonly #listener = (message: unknown): void => {
    const { request } = message as { request?: ClientRequest };
    if (request) this.#watch(request);
  };

  constructor(options: WatchOptions) {
    this.#options = options;
    this.failed = new Promise<never>((_, reject) => {
      this.#reject = reject;
    });
    // Nobody may be waiting on it when nothing fails.
    this.failed.catch(() => undefined);
  }

  start(): void {
    subscribe(START, this.#listener);
  }

  stop(): void {
    unsubscribe(START, this.#listener);
  }

  #watch(request: ClientRequest): void {
    const seconds = this.#options.deadlineMs / 1000;
    const where = `${request.method} ${request.host}${request.path.split('?')[0]}`;
    const timer = setTimeout(() => {
      request.destroy(
        Object.assign(new Error(`no answer to ${where} within the ${seconds} s request deadline`), {
          code: 'ETIMEDOUT',
        }),
      );
    }, this.#options.deadlineMs);
    request.once('close', () => clearTimeout(timer));
    request.once('response', (response: IncomingMessage) => {
      response.once('close', () => {
        clearTimeout(timer);
        if (!response.complete && this.#options.hangsOnCutShort(request)) {
          this.#reject?.(
            new WatchedFailure(`the answer to ${where} was cut short before its body was complete`),
          );
        }
      });
    });
  }
}
