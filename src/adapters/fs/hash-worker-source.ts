/**
 * The hashing worker's code, kept as a self-contained script so it runs the same from the single-file bundles in
 * dist/, from the TypeScript sources under Jest and from the benchmarks: `new Worker(source, { eval: true })` needs
 * no file next to the bundle, and the script uses nothing but Node's built-in modules.
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

export const HASH_WORKER_SOURCE = `'use strict';
const { parentPort } = require('node:worker_threads');
const { createHash, hash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
parentPort.once('message', run);
function run({ algorithms, chunkSize, reportEvery, batchFiles, batchBytes, paths, order, next }) {
const buffer = Buffer.allocUnsafeSlow(chunkSize);
function hashOne(id) {
  const fd = openSync(paths[id], 'r');
  try {
    // A file that ends before the buffer is full is hashed in one call per algorithm, with no hash object.
    let filled = 0;
    while (filled < chunkSize) {
      const n = readSync(fd, buffer, filled, chunkSize - filled, null);
      if (n === 0) {
        const data = buffer.subarray(0, filled);
        return [id, filled, ...algorithms.map((a) => hash(a, data, 'hex'))];
      }
      filled += n;
    }
    const hashes = algorithms.map((a) => createHash(a).update(buffer));
    let size = filled;
    let reported = 0;
    for (;;) {
      const n = readSync(fd, buffer, 0, chunkSize, null);
      if (n === 0) break;
      const chunk = n === chunkSize ? buffer : buffer.subarray(0, n);
      for (const h of hashes) h.update(chunk);
      size += n;
      if (size - reported >= reportEvery) {
        parentPort.postMessage({ partial: [id, size] });
        reported = size;
      }
    }
    return [id, size, ...hashes.map((h) => h.digest('hex'))];
  } finally {
    closeSync(fd);
  }
}
let results = [];
let bytes = 0;
for (;;) {
  const k = Atomics.add(next, 0, 1);
  if (k >= order.length) break;
  const id = order[k];
  let r;
  try {
    r = hashOne(id);
  } catch (e) {
    results.push([id, -1, String((e && e.code) || ''), String((e && e.message) || e)]);
    break;
  }
  results.push(r);
  bytes += r[1];
  if (results.length >= batchFiles || bytes >= batchBytes) {
    parentPort.postMessage({ results });
    results = [];
    bytes = 0;
  }
}
if (results.length > 0) parentPort.postMessage({ results });
// Once the job's listener is gone nothing keeps the thread alive: it ends when this returns.
}
`;
