/**
 * The hashing worker's code, kept as a self-contained script so it runs the same from the single-file bundles in
 * dist/, from the TypeScript sources under Jest and from the benchmarks: `new Worker(source, { eval: true })` needs
 * no file next to the bundle, and the script uses nothing but Node's built-in modules.
 *
 * Protocol (structured clone):
 * - workerData: {@link HashWorkerData}.
 * - to the worker: a {@link HashBatch} (`[id, path, id, path, …]`), or `null` to finish and exit.
 * - from the worker: a {@link HashWorkerMessage} for each batch; while one large file is read, messages with
 *   `results: null` report bytes every `reportEvery` bytes so progress keeps moving.
 *
 * Each file is opened, read synchronously into one reusable buffer and hashed on the worker's own thread: for
 * small files, what costs is the open/read/close round trips, and two workers doing them back to back keep
 * both cores busy without the promise and thread-pool hops of the asynchronous path.
 */

export interface HashWorkerData {
  algorithms: string[];
  chunkSize: number;
  reportEvery: number;
}

export type HashBatch = (number | string)[];

/** `[id, size, hex…]` for a hashed file; `[id, -1, errorCode, errorMessage]` for one that could not be read. */
export type HashWorkerResult = (number | string)[];

export interface HashWorkerMessage {
  results: HashWorkerResult[] | null;
  /** Bytes read since the previous message. */
  bytes: number;
}

export const HASH_WORKER_SOURCE = `'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const { algorithms, chunkSize, reportEvery } = workerData;
const buffer = Buffer.allocUnsafeSlow(chunkSize);
let unreported = 0;
function hashOne(path) {
  const hashes = algorithms.map((a) => createHash(a));
  const fd = openSync(path, 'r');
  let size = 0;
  try {
    for (;;) {
      const n = readSync(fd, buffer, 0, chunkSize, null);
      if (n === 0) break;
      const chunk = n === chunkSize ? buffer : buffer.subarray(0, n);
      for (const h of hashes) h.update(chunk);
      size += n;
      unreported += n;
      if (unreported >= reportEvery) {
        parentPort.postMessage({ results: null, bytes: unreported });
        unreported = 0;
      }
    }
  } finally {
    closeSync(fd);
  }
  return [size, ...hashes.map((h) => h.digest('hex'))];
}
parentPort.on('message', (batch) => {
  if (batch === null) {
    parentPort.close();
    return;
  }
  const results = [];
  for (let i = 0; i < batch.length; i += 2) {
    const id = batch[i];
    try {
      results.push([id, ...hashOne(batch[i + 1])]);
    } catch (e) {
      results.push([id, -1, String((e && e.code) || ''), String((e && e.message) || e)]);
    }
  }
  parentPort.postMessage({ results, bytes: unreported });
  unreported = 0;
});
`;
