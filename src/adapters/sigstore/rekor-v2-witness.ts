/**
 * A Rekor v2 (rekor-tiles) log behind sigstore-js's `Witness` interface. sigstore-js 5.1 would send DSSE bundles
 * as `dsseRequestV002`, which Rekor v2 no longer accepts; this witness logs every bundle as `hashedrekord` 0.0.2
 * (see rekor-v2-request.ts) and hands back the log's `TransparencyLogEntry`: inclusion proof with a signed
 * checkpoint, no SET, integrated time 0. Rekor v2 gives no time, so a bundle needs an RFC 3161 timestamp as well.
 *
 * Each request has its own deadline. Failures say which log and what it answered; HTTP answers carry `statusCode`
 * (and `retryAfterMs`), unusable answers are `UnusableResponse`, so the retry policy in retry.ts can tell transient
 * from final. The witness makes one attempt per call: retries belong to the caller.
 */
import type { TransparencyLogEntry } from '@sigstore/bundle';
import { TransparencyLogEntry as ProtoEntry } from '@sigstore/protobuf-specs';
import type { Witness } from '@sigstore/sign';
import { hashedRekordRequest, type HashedRekordRequest } from './rekor-v2-request.js';
import { parseRetryAfter } from './retry-after.js';
import { UnusableResponse } from './retry.js';

export interface RekorV2WitnessOptions {
  /** The log's base URL, e.g. https://log2025-1.rekor.sigstore.dev (entries are written to /api/v2/log/entries). */
  readonly baseUrl: string;
  /** Deadline for each request, the answer's body included. Real v2 writes take seconds: allow tens of them. */
  readonly timeoutMs: number;
  /** Defaults to the global fetch. */
  readonly fetch?: typeof fetch;
}

/** The log's answer, or no answer, when it is not an entry. */
export class RekorV2Error extends Error {
  override readonly name = 'RekorV2Error';
  /** The HTTP status the log answered with, if it answered. */
  readonly statusCode?: number;
  /** What the log's Retry-After asked for, in milliseconds. */
  readonly retryAfterMs?: number;

  constructor(
    message: string,
    options: { statusCode?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    if (options.statusCode !== undefined) this.statusCode = options.statusCode;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

export function rekorV2Witness(options: RekorV2WitnessOptions): Witness {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const where = `Rekor v2 at ${baseUrl}`;
  const doFetch = options.fetch ?? fetch;
  return {
    testify: async (content, publicKey) => {
      const request = hashedRekordRequest(content, publicKey);
      const text = await post(doFetch, `${baseUrl}/api/v2/log/entries`, request, options.timeoutMs, where);
      return { tlogEntries: [entryFrom(text, request, where)] };
    },
  };
}

const preview = (text: string): string => JSON.stringify(text.length > 300 ? `${text.slice(0, 300)}…` : text);

/** The log's own words from an error body: rekor-tiles answers google.rpc.Status JSON, proxies plain text. */
function said(text: string): string {
  try {
    const message = (JSON.parse(text) as { message?: unknown }).message;
    if (typeof message === 'string' && message.length > 0) return preview(message);
  } catch {
    // not JSON: quote it as it came
  }
  return text.trim().length > 0 ? preview(text.trim()) : 'no message';
}

async function post(
  doFetch: typeof fetch,
  url: string,
  request: HashedRekordRequest,
  timeoutMs: number,
  where: string,
): Promise<string> {
  const signal = AbortSignal.timeout(timeoutMs);
  let status: number;
  let text: string;
  let headers: Headers;
  try {
    const res = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(request.body),
      signal,
    });
    [status, headers, text] = [res.status, res.headers, await res.text()];
  } catch (e) {
    throw new RekorV2Error(
      `${where}: expected a transparency log entry, got ${noAnswer(e, signal, timeoutMs)}`,
      {
        cause: e,
      },
    );
  }
  if (status === 200 || status === 201) return text;
  const retryAfter = headers.get('retry-after');
  const retryAfterMs = retryAfter === null ? undefined : parseRetryAfter(retryAfter, Date.now());
  const index = headers.get('x-log-index');
  const duplicate =
    status === 409 && index !== null
      ? ` (the log already holds this signature at index ${index}: an earlier attempt was logged but its answer was lost)`
      : '';
  throw new RekorV2Error(
    `${where}: expected a transparency log entry, got HTTP ${status}: ${said(text)}${duplicate}`,
    {
      statusCode: status,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    },
  );
}

function noAnswer(error: unknown, signal: AbortSignal, timeoutMs: number): string {
  if (signal.aborted) return `no answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  return `a network error (${code ?? (error instanceof Error ? error.message : String(error))})`;
}

/** Reads the answer and checks it is an entry for this signature, shaped as a v2 log makes them. */
function entryFrom(text: string, request: HashedRekordRequest, where: string): TransparencyLogEntry {
  let entry: ProtoEntry;
  try {
    entry = ProtoEntry.fromJSON(JSON.parse(text));
  } catch {
    throw new UnusableResponse(`${where}: expected a TransparencyLogEntry in JSON, got ${preview(text)}`);
  }
  const { logId, kindVersion, inclusionProof } = entry;
  const unusable = (got: string): never => {
    throw new UnusableResponse(
      `${where}: expected a hashedrekord 0.0.2 entry with an inclusion proof, got ${got}`,
    );
  };
  if (!logId?.keyId.length) return unusable('no log ID');
  if (kindVersion?.kind !== 'hashedrekord' || kindVersion.version !== '0.0.2') {
    return unusable(`kind ${kindVersion?.kind ?? 'none'} ${kindVersion?.version ?? ''}`.trimEnd());
  }
  if (!inclusionProof?.checkpoint?.envelope) return unusable('no inclusion proof with a checkpoint');
  const mismatch = bodyMismatch(entry.canonicalizedBody, request);
  if (mismatch)
    throw new RekorV2Error(`${where}: expected the entry it logged for this signature, got ${mismatch}`);
  return { ...entry, logId, kindVersion };
}

/** What is wrong with the logged body, if it does not record the digest and signature we sent. */
function bodyMismatch(body: Buffer, request: HashedRekordRequest): string | undefined {
  let spec: { data?: { digest?: unknown }; signature?: { content?: unknown } } | undefined;
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { spec?: { hashedRekordV002?: typeof spec } };
    spec = parsed.spec?.hashedRekordV002;
  } catch {
    return 'a canonicalized body that is not JSON';
  }
  const decode = (v: unknown) => (typeof v === 'string' ? Buffer.from(v, 'base64') : Buffer.alloc(0));
  if (!decode(spec?.data?.digest).equals(request.digest)) return 'an entry for another digest';
  if (!decode(spec?.signature?.content).equals(request.signature)) return 'an entry for another signature';
  return undefined;
}
