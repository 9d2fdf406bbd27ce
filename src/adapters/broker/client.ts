/**
 * The broker's HTTP API as encrypt and decrypt call it (fetch; HTTPS trusts the system's roots and
 * NODE_EXTRA_CA_CERTS). A refusal comes back as the broker's own code and reason; a broker that cannot be reached or
 * answers garbage is BROKER_UNAVAILABLE. Nothing here is retried blindly: a key request's nonce is used up by the
 * broker even when its answer is lost, so a retry is a new nonce and a new signature, the caller's decision.
 */
import type { BrokerClientPort } from '../../app/encryption/ports.js';
import { ProvenantError, type ErrorCode } from '../../core/errors.js';
import type { KeyRelease } from '../../core/encryption/protocol.js';

const BROKER_CODES = new Set<string>([
  'KEY_REQUEST_INVALID',
  'BROKER_POLICY_INVALID',
  'BUNDLE_INVALID',
  'BUNDLE_TOO_LARGE',
  'SIGNATURE_INVALID',
  'TRUST_ROOT_INVALID',
  'IDENTITY_NOT_ALLOWED',
  'NONCE_UNKNOWN',
  'NONCE_REPLAYED',
  'NONCE_STALE',
  'KEY_NOT_FOUND',
  'KEY_EXISTS',
]);

export function parseBrokerUrl(value: string | undefined, flag: string): string {
  let url: URL;
  try {
    url = new URL(value ?? '');
  } catch {
    throw new ProvenantError(
      'USAGE',
      `${flag}: expected the key broker's URL (https://HOST[:PORT], or http:// on loopback), got ${JSON.stringify(value ?? '')}.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ProvenantError('USAGE', `${flag}: expected an http(s) URL, got ${url.protocol}`);
  return url.toString().replace(/\/+$/, '');
}

function isClosedSocket(e: unknown): boolean {
  const code = (e as { cause?: { code?: string } }).cause?.code;
  return code === 'UND_ERR_SOCKET' || code === 'ECONNRESET';
}

function send(base: string, timeoutMs: number, path: string, body: unknown): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
}

async function call(
  base: string,
  timeoutMs: number,
  path: string,
  body: unknown,
): Promise<Record<string, unknown>> {
  let res: Response;
  try {
    // A kept-alive connection the other side closed as the request went out fails before the broker read it: one
    // new connection is worth a try. Had the broker read it, the resend is refused as a replay, never served twice.
    res = await send(base, timeoutMs, path, body).catch((e: unknown) => {
      if (!isClosedSocket(e)) throw e;
      return send(base, timeoutMs, path, body);
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
    throw new ProvenantError(
      'BROKER_UNAVAILABLE',
      `the key broker at ${base}: expected an answer, got ${cause}. Is it running, and is --broker its URL?`,
      { cause: e },
    );
  }
  const text = await res.text();
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new ProvenantError(
      'BROKER_UNAVAILABLE',
      `the key broker at ${base}${path}: expected JSON, got HTTP ${res.status} ${JSON.stringify(text.slice(0, 80))}.`,
    );
  }
  if (res.ok) return json;
  const error = (json.error ?? {}) as { code?: unknown; message?: unknown };
  const said = (v: unknown, fallback: string) => (typeof v === 'string' ? v : fallback);
  const code =
    typeof error.code === 'string' && BROKER_CODES.has(error.code)
      ? (error.code as ErrorCode)
      : 'BROKER_UNAVAILABLE';
  throw new ProvenantError(
    code,
    `the key broker at ${base} refused (HTTP ${res.status}, ${said(error.code, 'no code')}): ${said(error.message, text.slice(0, 200))}`,
  );
}

export function brokerClient(base: string, timeoutMs = 30_000): BrokerClientPort {
  return {
    url: base,
    nonce: async () => {
      const answer = await call(base, timeoutMs, '/v1/nonces', {});
      if (typeof answer.nonce !== 'string')
        throw new ProvenantError(
          'BROKER_UNAVAILABLE',
          `the key broker at ${base}: expected a nonce, got none.`,
        );
      return answer.nonce;
    },
    register: async (request) => {
      await call(base, timeoutMs, '/v1/keys', request);
    },
    requestKey: async (request) =>
      (await call(base, timeoutMs, '/v1/key-requests', request)) as unknown as KeyRelease,
  };
}
