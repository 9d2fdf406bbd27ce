/**
 * A Rekor v2 (rekor-tiles) log behind sigstore-js's `Witness` interface. sigstore-js 5.1 would send DSSE bundles
 * as `dsseRequestV002`, which Rekor v2 no longer accepts; this witness logs every bundle as `hashedrekord` 0.0.2
 * (see rekor-v2-request.ts) and hands back the log's `TransparencyLogEntry`: inclusion proof with a signed
 * checkpoint, no SET, integrated time 0. Rekor v2 gives no time, so a bundle needs an RFC 3161 timestamp as well.
 *
 * Each request has its own deadline. Failures say which log and what it answered; HTTP answers carry `statusCode`
 * (and `retryAfterMs`), unusable answers are `UnusableResponse`, so the retry policy in retry.ts can tell transient
 * from final. The witness makes one attempt per call: retries belong to the caller. A retry of a write that was
 * logged but whose answer was lost meets 409 with the entry's index; the witness then reads the entry and its
 * proof from the log's tiles (rekor-v2-tile-proof.ts), as it needs the log's ID for that: given, or learned from
 * an earlier answer.
 */
import type { TransparencyLogEntry } from '@sigstore/bundle';
import { TransparencyLogEntry as ProtoEntry } from '@sigstore/protobuf-specs';
import type { Witness } from '@sigstore/sign';
import { hashedRekordRequest, type HashedRekordRequest } from './rekor-v2-request.js';
import { entryFromTiles, type TileReader } from './rekor-v2-tile-proof.js';
import { parseRetryAfter } from './retry-after.js';
import { UnusableResponse } from './retry.js';

export interface RekorV2WitnessOptions {
  /** The log's base URL, e.g. https://log2025-1.rekor.sigstore.dev (entries are written to /api/v2/log/entries). */
  readonly baseUrl: string;
  /** Deadline for each request, the answer's body included. Real v2 writes take seconds: allow tens of them. */
  readonly timeoutMs: number;
  /** Defaults to the global fetch. */
  readonly fetch?: typeof fetch;
  /**
   * The log's ID (`logId.keyId` of its trusted-root entry). With it, a write the log already holds (409, after an
   * attempt whose answer was lost) is completed from the log's tiles; without it, once any write has succeeded.
   */
  readonly logId?: Uint8Array;
}

/** The log's answer, or no answer, when it is not an entry. */
export class RekorV2Error extends Error {
  override readonly name = 'RekorV2Error';
  /** The HTTP status the log answered with, if it answered. */
  readonly statusCode?: number;
  /** What the log's Retry-After asked for, in milliseconds. */
  readonly retryAfterMs?: number;
  /** For a 409: the index at which the log already holds this entry. */
  readonly logIndex?: number;

  constructor(
    message: string,
    options: { statusCode?: number; retryAfterMs?: number; logIndex?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    if (options.statusCode !== undefined) this.statusCode = options.statusCode;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.logIndex !== undefined) this.logIndex = options.logIndex;
  }
}

interface Exchange {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Buffer;
}

export function rekorV2Witness(options: RekorV2WitnessOptions): Witness {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const where = `Rekor v2 at ${baseUrl}`;
  const doFetch = options.fetch ?? fetch;
  let logId = options.logId;
  const send = (path: string, init: RequestInit, expected: string): Promise<Exchange> =>
    exchange(doFetch, `${baseUrl}/api/v2/${path}`, init, options.timeoutMs, `${where}: expected ${expected}`);
  const read: TileReader = async (path) => {
    const answer = await send(path, { method: 'GET' }, `its ${path}`);
    if (answer.status !== 200) throw httpError(`${where}: expected its ${path}`, answer);
    return answer.body;
  };
  return {
    testify: async (content, publicKey) => {
      const request = hashedRekordRequest(content, publicKey);
      const answer = await send(
        'log/entries',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(request.body),
        },
        'a transparency log entry',
      );
      if (answer.status === 200 || answer.status === 201) {
        const entry = entryFrom(answer.body.toString('utf8'), request, where);
        logId = entry.logId.keyId;
        return { tlogEntries: [entry] };
      }
      const refused = httpError(`${where}: expected a transparency log entry`, answer);
      if (refused.logIndex === undefined || logId === undefined) throw refused;
      const entry = await entryFromTiles(read, refused.logIndex, logId).catch((e: unknown) => {
        if (!(e instanceof UnusableResponse)) throw e;
        throw new UnusableResponse(
          `${where}: expected its entry ${refused.logIndex} from its tiles, got ${e.message}`,
        );
      });
      const mismatch = bodyMismatch(entry.canonicalizedBody, request);
      if (mismatch)
        throw new RekorV2Error(
          `${where}: expected its entry ${refused.logIndex} to be ours, got ${mismatch}`,
        );
      return { tlogEntries: [entry] };
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

/** One request under its own deadline; an answer of any status, or an error saying there was none. */
async function exchange(
  doFetch: typeof fetch,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  expected: string,
): Promise<Exchange> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await doFetch(url, { ...init, signal });
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
  } catch (e) {
    throw new RekorV2Error(`${expected}, got ${noAnswer(e, signal, timeoutMs)}`, { cause: e });
  }
}

function httpError(expected: string, answer: Exchange): RekorV2Error {
  const { status, headers } = answer;
  const retryAfter = headers.get('retry-after');
  const retryAfterMs = retryAfter === null ? undefined : parseRetryAfter(retryAfter, Date.now());
  const index = headers.get('x-log-index');
  const logIndex = status === 409 && index !== null && /^\d+$/.test(index) ? Number(index) : undefined;
  const duplicate =
    logIndex === undefined
      ? ''
      : ` (the log already holds this signature at index ${logIndex}: an earlier attempt was logged but its answer was lost)`;
  return new RekorV2Error(
    `${expected}, got HTTP ${status}: ${said(answer.body.toString('utf8'))}${duplicate}`,
    {
      statusCode: status,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      ...(logIndex === undefined ? {} : { logIndex }),
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
