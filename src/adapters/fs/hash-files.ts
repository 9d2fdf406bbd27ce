import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DigestAlgorithm, DigestSet } from '../../core/digest.js';
import { ProvenantError } from '../../core/errors.js';
import type { Subject } from '../../core/subject.js';
import type { FoundFile } from './collect-files.js';
import { HASH_CHUNK_SIZE, hashFile, hashFileSync, unreadable } from './hash-file.js';
import {
  HASH_WORKER_SOURCE,
  type HashBatch,
  type HashWorkerData,
  type HashWorkerMessage,
} from './hash-worker-source.js';

export interface HashProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface HashFilesOptions {
  algorithms?: readonly DigestAlgorithm[];
  /**
   * @deprecated No longer used: the main thread hashes one file at a time (small ones synchronously, larger ones
   * with reads overlapped), and worker threads bring the parallelism. Kept so callers compile.
   */
  concurrency?: number;
  onProgress?: (p: HashProgress) => void;
  /**
   * Worker threads besides the main thread. By default one per extra core (at most {@link MAX_WORKERS}), started
   * only when the job is big enough to repay their start-up (see {@link planHashing}); 0 keeps every file on the
   * main thread.
   */
  workers?: number;
}

/** How a job is split between the main thread and worker threads. */
export interface HashPlan {
  workers: number;
  /** The main thread hashes files too (tests turn it off to push every file through the workers). */
  mainThread: boolean;
}

/** A job of this many files, or of this many bytes (or a mix: the fractions add up), is worth starting workers. */
export const POOL_MIN_FILES = 6000;
export const POOL_MIN_BYTES = 128 * 1024 * 1024;
export const MAX_WORKERS = 8;
/** Files up to this size are hashed synchronously, in short batches, on the main thread. */
export const SYNC_MAX_BYTES = HASH_CHUNK_SIZE;
/** Files at least this large are hashed first, largest first, so no thread is left alone with a big one at the end. */
const LARGE_FILE = 8 * 1024 * 1024;
/** Batches handed to a worker, or hashed by the main thread between two turns of its event loop. */
const BATCH_FILES = 64;
const BATCH_BYTES = 4 * 1024 * 1024;
/** Batches queued per worker, so a worker never waits for the main thread between two batches. */
const IN_FLIGHT = 2;

/**
 * The main thread always hashes; workers join it, one per extra core, when the job repays their start-up (some
 * 30 ms and 20 MB each). One file alone stays on the main thread: SHA-256 of one stream cannot be split, and there
 * reads on libuv's pool overlap hashing.
 */
export function planHashing(
  files: readonly Pick<FoundFile, 'size'>[],
  workers?: number,
  cores: number = availableParallelism(),
): HashPlan {
  if (workers !== undefined)
    return { workers: Math.max(0, Math.min(workers, files.length)), mainThread: true };
  const bytes = files.reduce((sum, f) => sum + f.size, 0);
  const worthIt = files.length >= 2 && files.length / POOL_MIN_FILES + bytes / POOL_MIN_BYTES >= 1;
  return {
    workers: worthIt ? Math.max(0, Math.min(cores - 1, MAX_WORKERS, files.length - 1)) : 0,
    mainThread: true,
  };
}

/** Hashes found files into subjects, in the order given. */
export async function hashFiles(
  files: readonly FoundFile[],
  options: HashFilesOptions = {},
): Promise<Subject[]> {
  return runHashing(files, options, planHashing(files, options.workers));
}

/** {@link hashFiles} with an explicit plan. */
export function runHashing(
  files: readonly FoundFile[],
  options: HashFilesOptions,
  plan: HashPlan,
): Promise<Subject[]> {
  return new Promise((resolve, reject) => new HashJob(files, options, plan, resolve, reject).start());
}

class HashJob {
  private readonly algorithms: readonly DigestAlgorithm[];
  private readonly out: Subject[];
  private readonly progress: HashProgress;
  private readonly order: number[];
  private next = 0;
  private settled = false;
  private readonly workers: Worker[] = [];

  constructor(
    private readonly files: readonly FoundFile[],
    private readonly options: HashFilesOptions,
    private readonly plan: HashPlan,
    private readonly resolve: (s: Subject[]) => void,
    private readonly reject: (e: unknown) => void,
  ) {
    this.algorithms = options.algorithms ?? ['sha256'];
    this.out = new Array<Subject>(files.length);
    this.progress = {
      filesDone: 0,
      filesTotal: files.length,
      bytesDone: 0,
      bytesTotal: files.reduce((sum, f) => sum + f.size, 0),
    };
    this.order = hashingOrder(files);
  }

  start(): void {
    if (this.files.length === 0) return this.settle();
    for (let w = 0; w < this.plan.workers; w++) this.startWorker();
    // One loop: several would each hash a batch per turn of the event loop and starve the workers' messages.
    if (this.plan.mainThread || this.plan.workers === 0) void this.mainLoop();
  }

  /**
   * The main thread's share: small files synchronously, a batch at a time, yielding between batches so workers'
   * messages and progress keep flowing; larger files asynchronously, reads overlapped with hashing.
   */
  private async mainLoop(): Promise<void> {
    while (!this.settled) {
      const i = this.take();
      if (i === undefined) return;
      const f = this.files[i]!;
      try {
        if (f.size > SYNC_MAX_BYTES) {
          const r = await hashFile(f.path, this.algorithms, (n) => this.addBytes(n));
          this.finish(i, r.digest, r.size);
          continue;
        }
        let files = 0;
        let bytes = 0;
        for (let j: number | undefined = i; j !== undefined; j = this.takeSmall()) {
          const r = hashFileSync(this.files[j]!.path, this.algorithms);
          this.addBytes(r.size);
          this.finish(j, r.digest, r.size);
          if (this.settled || ++files >= BATCH_FILES || (bytes += r.size) >= BATCH_BYTES) break;
        }
        await new Promise((resolve) => setImmediate(resolve));
      } catch (e) {
        return this.fail(e);
      }
    }
  }

  private startWorker(): void {
    const data: HashWorkerData = {
      algorithms: [...this.algorithms],
      chunkSize: HASH_CHUNK_SIZE,
      reportEvery: 16 * HASH_CHUNK_SIZE,
    };
    const worker = new Worker(HASH_WORKER_SOURCE, { eval: true, workerData: data });
    this.workers.push(worker);
    const batches: number[][] = [];
    let closing = false;
    const feed = () => {
      while (!this.settled && !closing && batches.length < IN_FLIGHT) {
        const ids = this.batch();
        if (ids.length === 0) break;
        batches.push(ids);
        const message: HashBatch = [];
        for (const i of ids) message.push(i, this.files[i]!.path);
        worker.postMessage(message);
      }
      if (batches.length === 0 && !closing) {
        closing = true;
        worker.postMessage(null);
      }
    };
    worker.once('online', feed);
    worker.on('message', (m: HashWorkerMessage) => {
      if (this.settled) return;
      try {
        this.addBytes(m.bytes);
        if (m.results === null) return;
        batches.shift();
        for (const r of m.results) {
          const i = r[0] as number;
          if (r[1] === -1) {
            const cause = Object.assign(new Error(r[3] as string), { code: (r[2] as string) || undefined });
            return this.fail(unreadable(this.files[i]!.path, cause));
          }
          const digest: DigestSet = {};
          this.algorithms.forEach((a, k) => (digest[a] = r[2 + k] as string));
          this.finish(i, digest, r[1] as number);
        }
        feed();
      } catch (e) {
        // A progress callback that throws ends the job like any other failure.
        this.fail(e);
      }
    });
    worker.on('error', (e: unknown) => {
      const why = e instanceof Error ? e.message : String(e);
      this.fail(new ProvenantError('INTERNAL', `hashing worker failed: ${why}`, { cause: e }));
    });
    worker.on('exit', (code) => {
      if (!closing && !this.settled)
        this.fail(new ProvenantError('INTERNAL', `hashing worker exited early (code ${code})`));
    });
  }

  private take(): number | undefined {
    return this.next < this.order.length ? this.order[this.next++] : undefined;
  }

  /** The next file if it is small enough to hash synchronously. */
  private takeSmall(): number | undefined {
    const i = this.order[this.next];
    return i !== undefined && this.files[i]!.size <= SYNC_MAX_BYTES ? this.take() : undefined;
  }

  /** The next files for one worker: a share of what is left, bounded by count and bytes. */
  private batch(): number[] {
    const left = this.order.length - this.next;
    const most = Math.min(BATCH_FILES, Math.max(1, Math.ceil(left / ((this.plan.workers + 1) * 4))));
    const ids: number[] = [];
    let bytes = 0;
    while (ids.length < most && bytes < BATCH_BYTES) {
      const i = this.take();
      if (i === undefined) break;
      ids.push(i);
      bytes += this.files[i]!.size;
    }
    return ids;
  }

  private addBytes(n: number): void {
    if (this.settled || n === 0) return;
    this.progress.bytesDone += n;
    this.options.onProgress?.(this.progress);
  }

  private finish(i: number, digest: DigestSet, size: number): void {
    if (this.settled) return;
    const f = this.files[i]!;
    this.out[i] = { name: f.name, digest, size };
    this.progress.filesDone++;
    this.options.onProgress?.(this.progress);
    if (this.progress.filesDone === this.files.length) this.settle();
  }

  private fail(e: unknown): void {
    if (this.settled) return;
    this.settled = true;
    for (const w of this.workers) void w.terminate();
    this.reject(e);
  }

  private settle(): void {
    this.settled = true;
    // Workers already told to finish exit on their own; the rest (none had work left) are told now.
    for (const w of this.workers) w.unref();
    for (const w of this.workers) w.postMessage(null);
    this.resolve(this.out);
  }
}

/** Large files first, largest first; then the rest in the order given (directory order reads best from disk). */
function hashingOrder(files: readonly Pick<FoundFile, 'size'>[]): number[] {
  const large: number[] = [];
  const rest: number[] = [];
  files.forEach((f, i) => (f.size >= LARGE_FILE ? large : rest).push(i));
  large.sort((a, b) => files[b]!.size - files[a]!.size || a - b);
  return large.concat(rest);
}
