/**
 * The stack's Rekor v2 log, a small rekor-tiles: `POST /api/v2/log/entries` takes a `hashedRekordRequestV002`,
 * checks its signature, appends a `hashedrekord` 0.0.2 entry to an RFC 6962 tree and answers the
 * `TransparencyLogEntry` as rekor-tiles' JSON gateway does (int64 as strings, bytes in base64, unset fields shown):
 * no SET and integrated time 0, an inclusion proof against a checkpoint signed by the log (C2SP signed note).
 * Reads are C2SP tlog-tiles: `GET /api/v2/checkpoint`, `/api/v2/tile/<L>/<N>[.p/<W>]`, `/api/v2/tile/entries/…`.
 *
 * Like the real log, a write returns once a checkpoint covering it is published: with a write latency, every write
 * in that window waits for the same checkpoint (real shards take a second or more). An entry already in the log is
 * refused with 409 and its index in `x-log-index` (Tessera's deduplication).
 */
import { Faults } from './faults.js';
import { json, startService, type Reply, type Route, type RunningService } from './http-service.js';
import { hashLeaf, MerkleTree } from './rekor-v2-merkle.js';
import { toLogEntry } from './rekor-v2-entry.js';
import { checkpointBody, generateLogKey, signNote, type LogKey, type LogKeyType } from './rekor-v2-note.js';
import { entryBundleBytes, parseTilePath, tileBytes } from './rekor-v2-tiles.js';

export interface RekorV2Options {
  /** The checkpoint origin: the log's URL without its scheme (`host:port` here). */
  readonly origin: string;
  /** Ed25519 by default, as the public shards use. */
  readonly keyType?: LogKeyType;
  /** How long a write waits for the checkpoint that includes it; 0 publishes one per write. */
  readonly writeLatencyMs?: number;
}

interface Published {
  readonly size: number;
  readonly note: string;
}

/** The longest entry an entry bundle can carry (uint16 length prefix). */
const MAX_ENTRY_BYTES = 0xffff;

export class RekorV2Log {
  readonly key: LogKey;
  /** Can be changed while the log runs (tests make writes slow or fast). */
  writeLatencyMs: number;
  readonly #tree = new MerkleTree();
  readonly #entries: Buffer[] = [];
  readonly #indexByLeaf = new Map<string, number>();
  #published: Published;
  #next: { promise: Promise<Published>; timer: NodeJS.Timeout; publish: () => void } | undefined;

  constructor(options: RekorV2Options) {
    this.key = generateLogKey(options.origin, options.keyType);
    this.writeLatencyMs = options.writeLatencyMs ?? 0;
    this.#published = this.#publish();
  }

  get origin(): string {
    return this.key.origin;
  }

  get size(): number {
    return this.#tree.size;
  }

  /** The latest published checkpoint, as a signed note. */
  get checkpoint(): string {
    return this.#published.note;
  }

  /** Handles a `CreateEntryRequest` body. */
  async add(body: Buffer): Promise<Reply> {
    const result = toLogEntry(body);
    if ('refused' in result) return grpcError(400, 3, result.refused);
    if (result.body.length > MAX_ENTRY_BYTES) {
      return grpcError(400, 3, `entry of ${result.body.length} bytes is larger than ${MAX_ENTRY_BYTES}`);
    }
    const leaf = hashLeaf(result.body);
    const existing = this.#indexByLeaf.get(leaf.toString('hex'));
    if (existing !== undefined) {
      if (existing >= this.#published.size) await this.#nextCheckpoint();
      return {
        ...grpcError(
          409,
          6,
          `an equivalent entry already exists in the transparency log with index ${existing}`,
        ),
        headers: { 'x-log-index': String(existing) },
      };
    }
    const index = this.#tree.append(leaf);
    this.#entries.push(result.body);
    this.#indexByLeaf.set(leaf.toString('hex'), index);
    const checkpoint = await this.#nextCheckpoint();
    return { status: 201, body: json(this.#logEntry(index, checkpoint)), contentType: 'application/json' };
  }

  /** A tile or entry bundle by its path below `tile/`, or undefined when there is none. */
  tile(path: string): Buffer | undefined {
    const address = parseTilePath(path);
    if (!address) return undefined;
    return address.level === 'entries'
      ? entryBundleBytes(this.#entries, address.index, address.width)
      : tileBytes(this.#tree, address.level, address.index, address.width);
  }

  /** Publishes what is pending now, so a stopped log leaves no timer and no write waiting. */
  close(): void {
    if (!this.#next) return;
    clearTimeout(this.#next.timer);
    this.#next.publish();
  }

  #publish(): Published {
    const size = this.#tree.size;
    const note = signNote(checkpointBody(this.origin, size, this.#tree.root(size)), this.key);
    this.#published = { size, note };
    return this.#published;
  }

  #nextCheckpoint(): Promise<Published> {
    if (this.writeLatencyMs <= 0) return Promise.resolve(this.#publish());
    if (!this.#next) {
      let resolve: (p: Published) => void = () => undefined;
      const promise = new Promise<Published>((r) => (resolve = r));
      const publish = () => {
        this.#next = undefined;
        resolve(this.#publish());
      };
      const timer = setTimeout(publish, this.writeLatencyMs);
      timer.unref();
      this.#next = { promise, timer, publish };
    }
    return this.#next.promise;
  }

  #logEntry(index: number, checkpoint: Published): Record<string, unknown> {
    const b64 = (b: Buffer) => b.toString('base64');
    return {
      logIndex: String(index),
      logId: { keyId: b64(this.key.keyId) },
      kindVersion: { kind: 'hashedrekord', version: '0.0.2' },
      integratedTime: '0',
      inclusionPromise: null,
      inclusionProof: {
        logIndex: String(index),
        rootHash: b64(this.#tree.root(checkpoint.size)),
        treeSize: String(checkpoint.size),
        hashes: this.#tree.inclusionProof(index, checkpoint.size).map(b64),
        checkpoint: { envelope: checkpoint.note },
      },
      canonicalizedBody: b64(this.#entries[index]!),
    };
  }
}

/** rekor-tiles answers errors as google.rpc.Status JSON through its gateway. */
function grpcError(status: number, code: number, message: string): Reply {
  return { status, body: json({ code, message, details: [] }), contentType: 'application/json' };
}

export function rekorV2Routes(log: RekorV2Log): Route[] {
  const prefix = '/api/v2/tile/';
  return [
    { method: 'POST', path: '/api/v2/log/entries', handle: ({ body }) => log.add(body) },
    {
      method: 'GET',
      path: '/api/v2/checkpoint',
      handle: () =>
        Promise.resolve({
          status: 200,
          body: log.checkpoint,
          contentType: 'text/plain; charset=utf-8',
          headers: { 'cache-control': 'no-cache' },
        }),
    },
    {
      method: 'GET',
      path: `${prefix}*`,
      handle: ({ url }) => {
        const tile = log.tile(url.pathname.slice(prefix.length));
        return Promise.resolve(
          tile
            ? {
                status: 200,
                body: tile,
                contentType: 'application/octet-stream',
                headers: { 'cache-control': 'public, max-age=31536000, immutable' },
              }
            : { status: 404, body: 'not found\n', contentType: 'text/plain; charset=utf-8' },
        );
      },
    },
  ];
}

export interface RunningRekorV2 extends RunningService {
  readonly log: RekorV2Log;
  /** Faults for this log alone. */
  readonly faults: Faults;
}

/** The log on its own node:http server on 127.0.0.1; its origin is that server's `host:port`. */
export async function startRekorV2(
  options: Omit<RekorV2Options, 'origin'> & { readonly faults?: Faults } = {},
): Promise<RunningRekorV2> {
  const faults = options.faults ?? new Faults();
  const service = await startService('rekor', faults);
  const log = new RekorV2Log({ ...options, origin: service.host });
  service.routes.push(...rekorV2Routes(log));
  return {
    ...service,
    log,
    faults,
    close: () => {
      log.close();
      return service.close();
    },
  };
}
