/**
 * The fetch every GitHub request goes through. Octokit sets no deadline, so a request whose answer never comes waits
 * for undici's own (300 s for the headers, then for ever while the body trickles); and a body cut short becomes ""
 * with the success status (a 201 for an upload that landed reads as an asset with no id). Here every request has a
 * deadline, and a body is read whole within it: a cut-short or overdue answer is a network failure, which the retry
 * plugin retries like any other. Downloads (`accept: application/octet-stream`) stream instead, and must keep moving:
 * a body that stalls for the deadline is abandoned.
 */

export type Fetch = typeof globalThis.fetch;

/** Statuses whose response has no body (the Response constructor refuses one). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

const timedOut = (ms: number): DOMException =>
  new DOMException(`no answer within the ${ms / 1000} s request deadline`, 'TimeoutError');

/** A response whose body ended before it was complete, as a network error (code RESPONSE_CUT_SHORT). */
function cutShort(cause: unknown): Error {
  if ((cause as { name?: unknown } | undefined)?.name === 'TimeoutError') return cause as Error;
  const inner = Object.assign(new Error('the answer was cut short before its body was complete'), {
    code: 'RESPONSE_CUT_SHORT',
    cause,
  });
  return new TypeError('fetch failed', { cause: inner });
}

function isStreaming(init: RequestInit | undefined): boolean {
  const headers = new Headers(init?.headers);
  return /application\/octet-stream/i.test(headers.get('accept') ?? '');
}

/** Passes the body through, aborting when no chunk arrives for `ms`. */
function stallGuarded(
  body: ReadableStream<Uint8Array>,
  ms: number,
  abort: () => void,
): ReadableStream<Uint8Array> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(abort, ms);
  };
  arm();
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        arm();
        controller.enqueue(chunk);
      },
      flush() {
        clearTimeout(timer);
      },
    }),
  );
}

export function deadlineFetch(timeoutMs: number, base: Fetch = globalThis.fetch): Fetch {
  return async (input, init) => {
    const deadline = new AbortController();
    const abort = (): void => deadline.abort(timedOut(timeoutMs));
    const timer = setTimeout(abort, timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline.signal]) : deadline.signal;
    try {
      const response = await base(input, { ...init, signal });
      const meta = { status: response.status, statusText: response.statusText, headers: response.headers };
      if (isStreaming(init) && response.body && response.ok) {
        clearTimeout(timer);
        return new Response(stallGuarded(response.body, timeoutMs, abort), meta);
      }
      let body: ArrayBuffer;
      try {
        body = await response.arrayBuffer();
      } catch (e) {
        throw cutShort(e);
      }
      return new Response(NULL_BODY.has(response.status) ? null : body, meta);
    } finally {
      clearTimeout(timer);
    }
  };
}
