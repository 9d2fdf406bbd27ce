/**
 * What a hashing thread runs: the synchronous read-and-hash steps the main thread shares (hash-file.ts), and a worker
 * thread's side of the pool. It uses nothing but Node's built-in modules and imports only types, so a worker can run
 * it as it is: from these sources (Node strips the types), or bundled into the script dist/ embeds
 * (scripts/embed-hash-worker.mjs).
 *
 * Work is shared, not dealt: every thread (the main one included) claims the next file with an atomic add on one
 * shared counter, so a thread the scheduler sets aside holds up at most the one file it is reading, never a batch.
 * Each file is opened, read synchronously into one reusable buffer and hashed on the worker's own thread: for small
 * files, what costs is the open/read/close round trips, done here without promise or thread-pool hops.
 *
 * Protocol (structured clone): the worker waits for one message, its job ({@link HashWorkerData}), so it can be started
 * while the files are still being found; it then sends {@link HashWorkerMessage}s and exits when the counter passes the
 * last file (or after the first file it cannot read).
 */
import type { Hash } from 'node:crypto';

const { createHash, hash } = process.getBuiltinModule('node:crypto');
const { closeSync, openSync, readSync } = process.getBuiltinModule('node:fs');

export interface HashWorkerData {
  algorithms: string[];
  chunkSize: number;
  /** While one large file is read, a message with its bytes so far every this many bytes. */
  reportEvery: number;
  /** Batch results until this many files or bytes are done. */
  batchFiles: number;
  batchBytes: number;
  paths: string[];
  /** File ids (indices into `paths`) in the order they are claimed. */
  order: Int32Array;
  /** One Int32 on a SharedArrayBuffer: the next position in `order` to claim. */
  next: Int32Array;
}

/** `[id, size, hex…]` for a hashed file; `[id, -1, errorCode, errorMessage]` for one that could not be read. */
export type HashWorkerResult = (number | string)[];

export type HashWorkerMessage =
  | { results: HashWorkerResult[]; partial?: undefined }
  /** Bytes read so far of the file `id`, still being hashed. */
  | { results?: undefined; partial: [id: number, bytes: number] };

/** The start of a file: hashed to the end when it ended within the first chunk, or hashes to go on with. */
export type FirstChunk =
  | { size: number; digests: string[]; hashes?: undefined }
  | { size: number; digests?: undefined; hashes: Hash[] };

/**
 * Reads the start of a file into `buffer`. A file that ends before the buffer is full (most build outputs) is hashed
 * with one call per algorithm and no hash object to build and collect; a longer one starts incremental hashes with
 * that chunk. Read errors are thrown as Node gives them.
 */
export function hashFirstChunk(fd: number, buffer: Buffer, algorithms: readonly string[]): FirstChunk {
  let filled = 0;
  while (filled < buffer.length) {
    const n = readSync(fd, buffer, filled, buffer.length - filled, null);
    if (n === 0) {
      const data = buffer.subarray(0, filled);
      return { size: filled, digests: algorithms.map((a) => hash(a, data, 'hex')) };
    }
    filled += n;
  }
  return { size: filled, hashes: algorithms.map((a) => createHash(a).update(buffer)) };
}

/** Starts serving: waits for the job, works through it, then lets the thread end. */
export function serveHashJob(): void {
  const { parentPort } = process.getBuiltinModule('node:worker_threads');
  const port = parentPort!;
  // Once the job's listener is gone nothing keeps the thread alive: it ends when the job is done.
  port.once('message', (job: HashWorkerData) => runJob(job, (m) => port.postMessage(m)));
}

function runJob(job: HashWorkerData, post: (m: HashWorkerMessage) => void): void {
  const buffer = Buffer.allocUnsafeSlow(job.chunkSize);
  let results: HashWorkerResult[] = [];
  let bytes = 0;
  for (;;) {
    const k = Atomics.add(job.next, 0, 1);
    if (k >= job.order.length) break;
    const id = job.order[k]!;
    let r: HashWorkerResult;
    try {
      r = hashOne(id, job, buffer, post);
    } catch (e) {
      const error = e as Partial<NodeJS.ErrnoException> | undefined;
      results.push([id, -1, error?.code ?? '', error?.message ?? String(e)]);
      break;
    }
    results.push(r);
    bytes += r[1] as number;
    if (results.length >= job.batchFiles || bytes >= job.batchBytes) {
      post({ results });
      results = [];
      bytes = 0;
    }
  }
  if (results.length > 0) post({ results });
}

function hashOne(
  id: number,
  job: HashWorkerData,
  buffer: Buffer,
  post: (m: HashWorkerMessage) => void,
): HashWorkerResult {
  const fd = openSync(job.paths[id]!, 'r');
  try {
    const first = hashFirstChunk(fd, buffer, job.algorithms);
    if (first.hashes === undefined) return [id, first.size, ...first.digests];
    let size = first.size;
    let reported = 0;
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      const chunk = n === buffer.length ? buffer : buffer.subarray(0, n);
      for (const h of first.hashes) h.update(chunk);
      size += n;
      if (size - reported >= job.reportEvery) {
        post({ partial: [id, size] });
        reported = size;
      }
    }
    return [id, size, ...first.hashes.map((h) => h.digest('hex'))];
  } finally {
    closeSync(fd);
  }
}
