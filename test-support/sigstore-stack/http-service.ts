/**
 * One stack service on its own node:http server on 127.0.0.1 (random port), with fault injection applied
 * in front of its routes. Real sockets, so clients exercise their actual HTTP stacks.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Fault, Faults, ServiceName } from './faults.js';

export interface Reply {
  readonly status: number;
  readonly body: string | Uint8Array;
  readonly contentType?: string;
  readonly headers?: Record<string, string>;
}

export interface Route {
  readonly method: 'GET' | 'POST';
  /** The exact path, or a prefix followed by `*` (`/api/v1/log/entries/*`). */
  readonly path: string;
  readonly handle: (request: {
    body: Buffer;
    url: URL;
    headers: IncomingMessage['headers'];
  }) => Promise<Reply>;
}

export interface RunningService {
  readonly url: string;
  readonly host: string;
  /** Routes can be added after listening: Rekor needs its own host:port before it can be built. */
  readonly routes: Route[];
  close(): Promise<void>;
}

export async function startService(
  name: ServiceName,
  faults: Faults,
  routes: Route[] = [],
): Promise<RunningService> {
  const table = [...routes];
  // Pending delays end when the service stops, so a stopped stack leaves no timers behind.
  const stopping = new AbortController();
  const server = createServer((req, res) => {
    handle(name, faults, table, req, res, stopping.signal).catch((error: unknown) => {
      if (!res.headersSent)
        send(res, { status: 500, body: json({ message: String(error) }), contentType: 'application/json' });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = `127.0.0.1:${port}`;
  return {
    url: `http://${host}`,
    host,
    routes: table,
    close: () =>
      new Promise<void>((resolve) => {
        stopping.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(
  name: ServiceName,
  faults: Faults,
  routes: Route[],
  req: IncomingMessage,
  res: ServerResponse,
  stopping: AbortSignal,
): Promise<void> {
  const body = await readBody(req);
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const fault = faults.take(name);
  if (fault?.kind === 'reset') {
    req.socket.destroy();
    return;
  }
  if (fault?.kind === 'hang') {
    // Held until the client gives up or the stack stops (close() drops every connection).
    return;
  }
  if (fault?.kind === 'status') {
    send(res, {
      status: fault.status,
      body: json({ code: fault.status, message: `${name} fault injected` }),
      contentType: 'application/json',
      ...(fault.retryAfterSeconds !== undefined
        ? { headers: { 'retry-after': String(fault.retryAfterSeconds) } }
        : {}),
    });
    return;
  }
  if (fault?.kind === 'echo-headers') {
    const headers = Object.entries(req.headers).map(([k, v]) => `${k}: ${String(v)}`);
    send(res, {
      status: fault.status,
      body: json({
        code: fault.status,
        message: `upstream failure; the request was ${req.method} ${req.url}, headers: ${headers.join('; ')}; body: ${body.toString('utf8')}`,
      }),
      contentType: 'application/json',
    });
    return;
  }
  if (fault?.kind === 'rate-limit') {
    send(res, {
      status: 429,
      body: json({ code: 429, message: 'rate limit exceeded' }),
      contentType: 'application/json',
      headers: { 'retry-after': String(fault.retryAfterSeconds) },
    });
    return;
  }
  if (fault?.kind === 'delay') {
    const finished = await sleep(fault.ms, true, { signal: stopping }).catch(() => false);
    if (!finished) {
      req.socket.destroy();
      return;
    }
  }
  if (res.destroyed || req.socket.destroyed) return;

  const route = routes.find(
    (r) =>
      r.method === req.method &&
      (r.path.endsWith('*') ? url.pathname.startsWith(r.path.slice(0, -1)) : r.path === url.pathname),
  );
  const reply = route
    ? await route.handle({ body, url, headers: req.headers })
    : {
        status: 404,
        body: json({ message: `no route ${req.method} ${url.pathname}` }),
        contentType: 'application/json',
      };
  if (fault?.kind === 'lost-response') {
    req.socket.destroy();
    return;
  }
  if (fault?.kind === 'garbled') {
    send(res, { ...reply, body: Buffer.from('\u0000\u00ff<garbled>\u0007not what you asked for') });
    return;
  }
  if (fault?.kind === 'truncated' || fault?.kind === 'trickle') {
    await sendFaulty(res, reply, fault, stopping);
    return;
  }
  send(res, reply);
}

/** A body cut short (headers promise all of it, half comes, the connection closes), or one sent slowly. */
async function sendFaulty(
  res: ServerResponse,
  reply: Reply,
  fault: Extract<Fault, { kind: 'truncated' | 'trickle' }>,
  stopping: AbortSignal,
): Promise<void> {
  const bytes = Buffer.from(reply.body);
  const headers: Record<string, string> = {
    ...(reply.headers ?? {}),
    'content-length': String(bytes.length),
  };
  if (reply.contentType) headers['content-type'] = reply.contentType;
  res.writeHead(reply.status, headers);
  if (fault.kind === 'truncated') {
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
    return;
  }
  for (let i = 0; i < bytes.length && !res.destroyed; i += fault.bytes) {
    res.write(bytes.subarray(i, i + fault.bytes));
    if (!(await sleep(fault.intervalMs, true, { signal: stopping }).catch(() => false))) break;
  }
  res.end();
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  if (reply.contentType) headers['content-type'] = reply.contentType;
  res.writeHead(reply.status, headers);
  res.end(reply.body);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export const json = (value: unknown): string => JSON.stringify(value);
