/**
 * The broker's HTTP face (node:http, or node:https with a certificate): three JSON endpoints and a health check.
 * Anything beyond loopback must be TLS: the data key a publisher registers travels in the request body.
 */
import {
  createServer as createHttp,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Answer } from '../../app/broker/decision.js';
import { ProvenantError } from '../../core/errors.js';

export const MAX_REQUEST_BYTES = 1024 * 1024;

export interface BrokerHandlers {
  nonce(): Promise<Answer>;
  register(body: Record<string, unknown>): Promise<Answer>;
  release(body: Record<string, unknown>): Promise<Answer>;
}

export interface ServeOptions {
  host: string;
  port: number;
  tls?: { cert: Buffer; key: Buffer };
  handlers: BrokerHandlers;
  onError(e: unknown): void;
}

export interface RunningBroker {
  url: string;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Parses `HOST:PORT` (`[::1]:PORT` for IPv6); port 0 lets the system pick one. */
export function parseListen(value: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(value);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535)
    throw new ProvenantError(
      'BROKER_CONFIG_INVALID',
      `--listen: expected HOST:PORT such as 127.0.0.1:8443 (port 0 picks a free one), got ${JSON.stringify(value)}.`,
    );
  return { host: (m[1] ?? m[2])!, port };
}

/** The body as JSON, or an empty object when it is not (the handler then refuses it, and the refusal is audited). */
async function readBody(req: IncomingMessage): Promise<Record<string, unknown> | 'too-large'> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_REQUEST_BYTES) return 'too-large';
    parts.push(chunk);
  }
  try {
    const json: unknown = JSON.parse(Buffer.concat(parts).toString('utf8'));
    return typeof json === 'object' && json !== null && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function send(res: ServerResponse, answer: Answer): void {
  const body = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

const refusal = (status: number, code: string, message: string): Answer => ({
  status,
  body: { error: { code, message } },
});

async function route(req: IncomingMessage, handlers: BrokerHandlers): Promise<Answer> {
  const path = new URL(req.url ?? '/', 'http://broker').pathname;
  if (req.method === 'GET' && path === '/healthz') return { status: 200, body: { ok: true } };
  const post = { '/v1/nonces': 'nonce', '/v1/keys': 'register', '/v1/key-requests': 'release' } as const;
  const which = post[path as keyof typeof post];
  if (!which) return refusal(404, 'NOT_FOUND', `no such endpoint: ${req.method ?? ''} ${path}`);
  if (req.method !== 'POST')
    return refusal(405, 'METHOD_NOT_ALLOWED', `${path}: expected POST, got ${req.method ?? ''}`);
  if (which === 'nonce') return handlers.nonce();
  const body = await readBody(req);
  if (body === 'too-large')
    return refusal(
      413,
      'KEY_REQUEST_INVALID',
      `expected a request of at most ${MAX_REQUEST_BYTES} bytes, got more.`,
    );
  return which === 'register' ? handlers.register(body) : handlers.release(body);
}

export async function serveBroker(options: ServeOptions): Promise<RunningBroker> {
  if (!options.tls && !isLoopback(options.host))
    throw new ProvenantError(
      'BROKER_CONFIG_INVALID',
      `--listen ${options.host}: expected a loopback address without TLS, got one other hosts can reach. Give --tls-cert FILE and --tls-key FILE: registered data keys travel in request bodies.`,
    );
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    route(req, options.handlers).then(
      (answer) => send(res, answer),
      (e: unknown) => {
        options.onError(e);
        send(
          res,
          refusal(
            500,
            'INTERNAL',
            'the broker failed to answer; its operator can find the cause in its log.',
          ),
        );
      },
    );
  };
  const server: Server = options.tls
    ? createHttps({ cert: options.tls.cert, key: options.tls.key }, listener)
    : createHttp(listener);
  // Longer than clients and load balancers keep idle connections (undici 4 s, most balancers 60 s): a server that
  // closes first races the next request on that connection, and the client sees the socket close under it.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 70_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e) =>
      reject(
        new ProvenantError(
          'BROKER_CONFIG_INVALID',
          `--listen ${options.host}:${options.port}: ${e.message}.`,
          { cause: e },
        ),
      ),
    );
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `${options.tls ? 'https' : 'http'}://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
