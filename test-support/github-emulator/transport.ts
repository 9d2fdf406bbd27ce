/**
 * How a reply leaves the emulator, faults included: the error body each origin speaks (REST JSON, Twirp JSON, Azure
 * XML), an error body echoing the request's headers, and the transport faults that act on the connection itself (a
 * lost answer, a body cut short, a trickle). Hangs are held open until the emulator stops.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultResponse, Origin } from './faults.js';
import type { Reply } from './rest.js';

const DOCS = 'https://docs.github.com/rest';

/** An error reply as the origin's own protocol words it. */
export function errorReply(origin: Origin, status: number, message: string): Reply {
  if (origin === 'results') {
    const code = status === 429 ? 'resource_exhausted' : status >= 500 ? 'internal' : 'invalid_argument';
    return { status, json: { code, msg: message } };
  }
  if (origin === 'objects') {
    const xml = `<?xml version="1.0" encoding="utf-8"?><Error><Code>ServerBusy</Code><Message>${message}</Message></Error>`;
    return { status, bytes: Buffer.from(xml), headers: { 'content-type': 'application/xml' } };
  }
  return { status, json: { message, documentation_url: DOCS, status: String(status) } };
}

/** The reply a header-echoing fault sends: every request header, the authorization among them. */
export function echoReply(origin: Origin, status: number, req: IncomingMessage): Reply {
  const quoted = Object.entries(req.headers)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`)
    .join('; ');
  return errorReply(
    origin,
    status,
    `upstream failure; the request was ${req.method} ${req.url}, headers: ${quoted}`,
  );
}

/** The reply a status fault sends, with Retry-After when the fault names one. */
export function statusReply(origin: Origin, fault: Extract<FaultResponse, { kind: 'status' }>): Reply {
  const reply = errorReply(
    origin,
    fault.status,
    fault.status >= 500 ? 'Server Error' : fault.status === 429 ? 'Too Many Requests' : 'Injected failure',
  );
  if (fault.retryAfterSeconds !== undefined) {
    reply.headers = { ...reply.headers, 'retry-after': String(fault.retryAfterSeconds) };
  }
  return reply;
}

function encode(reply: Reply): { bytes: Buffer | undefined; headers: Record<string, string> } {
  if (reply.json !== undefined) {
    return {
      bytes: Buffer.from(JSON.stringify(reply.json)),
      headers: { 'content-type': 'application/json; charset=utf-8', ...reply.headers },
    };
  }
  return { bytes: reply.bytes, headers: { ...reply.headers } };
}

/** Sends `reply`, as the transport fault (if any) lets it through. */
export async function deliver(
  res: ServerResponse,
  reply: Reply,
  fault: FaultResponse | undefined,
  stopping: AbortSignal,
): Promise<void> {
  if (fault?.kind === 'lost') {
    res.socket?.destroy();
    return;
  }
  const { bytes, headers } = encode(reply);
  const length = bytes ? { 'content-length': String(bytes.length) } : {};
  if (fault?.kind === 'truncated' && bytes && bytes.length > 1) {
    res.writeHead(reply.status, { ...headers, ...length });
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
    return;
  }
  if (fault?.kind === 'trickle' && bytes) {
    res.writeHead(reply.status, { ...headers, ...length });
    for (let i = 0; i < bytes.length && !res.destroyed; i += fault.bytes) {
      res.write(bytes.subarray(i, i + fault.bytes));
      const waited = await sleep(fault.intervalMs, true, { signal: stopping }).catch(() => false);
      if (!waited) break;
    }
    res.end();
    return;
  }
  if (res.destroyed) return;
  res.writeHead(reply.status, { ...headers, ...length });
  res.end(bytes);
}
