import type { Worker } from 'node:worker_threads';
import { os } from '../builtins.js';
import type { DigestAlgorithm, DigestSet } from '../../core/digest.js';
import { ProvenantError, quote } from '../../core/errors.js';
import type { Subject } from '../../core/subject.js';
import type { FoundFile } from '../../core/files.js';
import { HASH_CHUNK_SIZE, hashFileAdaptive, unreadable } from './hash-file.js';
import { HASH_WORKER_SOURCE, type HashWorkerData, type HashWorkerMessage } from './hash-worker-source.js';

const { availableParallelism } = os;

export interface HashProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  /**
   * Every file's bytes, when every size was known before hashing; undefined while some are not (files found by a big
   * directory walk, see collect-files), and exact in the last report.
   */
  bytesTotal: number | undefined;
}

export interface HashFilesOptions {
  algorithms?: readonly DigestAlgorithm[];
  onProgress?: (p: HashProgress) => void;
  /**
   * Worker threads besides the main thread. By default one per extra core (at most {@link MAX_WORKERS}), started
   * only when the job is big enough to repay their start-up (see {@link planHashing}); 0 keeps every file on the
   * main thread.
   */
  workers?: number;
  /** Worker threads started ahead (see {@link startHashWorkers}); those the plan does not need are stopped. */
  warm?: WarmWorkers;
}

/**
 * Worker threads started before the files are known, so their start-up (tens of milliseconds each) overlaps finding
 * the files instead of delaying hashing. Idle ones do not keep the process alive.
 */
export class WarmWorkers {
  private readonly idle: Worker[] = [];

  constructor(count: number) {
    for (let i = 0; i < count; i++) {
      let w: Worker;
      try {
        w = startWorkerThread();
      } catch {
        // Warming up is an optimisation: a job starts its own workers if none are waiting.
        break;
      }
      w.unref();
      // One that fails or ends before it has a job is simply not used.
      w.on('error', () => this.drop(w));
      w.on('exit', () => this.drop(w));
      this.idle.push(w);
    }
  }

  /** Hands over a started worker, if one is left. */
  take(): Worker | undefined {
    const w = this.idle.pop();
    w?.removeAllListeners('error').removeAllListeners('exit');
    return w;
  }

  /** Stops the workers nobody took. */
  dispose(): void {
    for (const w of this.idle.splice(0)) void w.terminate();
  }

  private drop(w: Worker): void {
    const i = this.idle.indexOf(w);
    if (i >= 0) this.idle.splice(i, 1);
  }
}

/** Starts the workers a big job would use on this machine (none on a single core). */
export function startHashWorkers(cores: number = availableParallelism()): WarmWorkers {
  return new WarmWorkers(Math.max(0, Math.min(cores - 1, MAX_WORKERS)));
}

/** How a job is split between the main thread and worker threads. */
export interface HashPlan {
  workers: number;
  /** The main thread hashes files too (tests turn it off to push every file through the workers). */
  mainThread: boolean;
}

/** A job of this many files, or of this many bytes (or a mix: the fractions add up), is worth starting workers. */
export const POOL_MIN_FILES = 6000;
export const POOL_MIN_BYTES = 48 * 1024 * 1024;
export const MAX_WORKERS = 8;
/** Files up to this size are hashed synchronously, in short batches, on the main thread. */
export const SYNC_MAX_BYTES = HASH_CHUNK_SIZE;
/** Files at least this large are hashed first, largest first, so no thread is left alone with a big one at the end. */
const LARGE_FILE = 8 * 1024 * 1024;
/** Files (or bytes) hashed between two turns of the main thread's event loop, and per message from a worker. */
const BATCH_FILES = 64;
const BATCH_BYTES = 4 * 1024 * 1024;

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
  // Sizes are unknown only for the files of a big directory walk, which repays workers whatever they weigh.
  const unknown = files.some((f) => f.size === undefined);
  const bytes = knownBytes(files);
  const worthIt =
    files.length >= 2 && (unknown || files.length / POOL_MIN_FILES + bytes / POOL_MIN_BYTES >= 1);
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
  return new Promise<Subject[]>((resolve, reject) =>
    new HashJob(files, options, plan, resolve, reject).start(),
  ).finally(() => options.warm?.dispose());
}

class HashJob {
  private readonly algorithms: readonly DigestAlgorithm[];
  private readonly out: Subject[];
  private readonly progress: HashProgress;
  private readonly order: Int32Array;
  /** The next position in `order` to claim, shared with the workers. */
  private readonly next = new Int32Array(new SharedArrayBuffer(4));
  /** Bytes already reported for files still being hashed by a worker. */
  private readonly partial = new Map<number, number>();
  private settled = false;
  private readonly workers: Worker[] = [];
  private running = 0;

  private readonly files: readonly FoundFile[];
  private readonly options: HashFilesOptions;
  private readonly plan: HashPlan;
  private readonly resolve: (s: Subject[]) => void;
  private readonly reject: (e: unknown) => void;

  constructor(
    files: readonly FoundFile[],
    options: HashFilesOptions,
    plan: HashPlan,
    resolve: (s: Subject[]) => void,
    reject: (e: unknown) => void,
  ) {
    this.files = files;
    this.options = options;
    this.plan = plan;
    this.resolve = resolve;
    this.reject = reject;
    this.algorithms = options.algorithms ?? ['sha256'];
    this.out = new Array<Subject>(files.length);
    this.progress = {
      filesDone: 0,
      filesTotal: files.length,
      bytesDone: 0,
      bytesTotal: files.some((f) => f.size === undefined) ? undefined : knownBytes(files),
    };
    this.order = hashingOrder(files);
  }

  start(): void {
    if (this.files.length === 0) return this.settle();
    for (let w = 0; w < this.plan.workers; w++) this.startWorker();
    if (this.plan.mainThread || this.plan.workers === 0) {
      this.running++;
      void this.mainLoop().finally(() => this.stopped());
    }
  }

  /** A thread ran out of files: if none is left running and files are missing, something lost them. */
  private stopped(): void {
    if (--this.running > 0 || this.settled) return;
    setImmediate(() => {
      if (this.settled) return;
      const missing = this.files.findIndex((_, i) => this.out[i] === undefined);
      this.fail(
        new ProvenantError(
          'INTERNAL',
          `hashing stopped with ${quote(this.files[missing]?.path ?? '?')} not hashed; please report this.`,
        ),
      );
    });
  }

  /**
   * The main thread's share, a batch at a time: small files synchronously, and a file past one chunk asynchronously
   * (reads overlapped with hashing). It yields between batches so workers' messages and progress keep flowing.
   */
  private async mainLoop(): Promise<void> {
    while (!this.settled) {
      const i = this.take();
      if (i === undefined) return;
      try {
        let files = 0;
        let bytes = 0;
        for (let j: number | undefined = i; j !== undefined; j = this.takeSmall()) {
          const r = hashFileAdaptive(this.files[j]!.path, this.algorithms, (n) => this.addBytes(n));
          if (r instanceof Promise) {
            const done = await r;
            this.finish(j, done.digest, done.size, done.size);
            break;
          }
          this.finish(j, r.digest, r.size, 0);
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
      batchFiles: BATCH_FILES,
      batchBytes: BATCH_BYTES,
      paths: this.files.map((f) => f.path),
      order: this.order,
      next: this.next,
    };
    const worker = this.options.warm?.take() ?? startWorkerThread();
    worker.ref();
    worker.postMessage(data);
    this.workers.push(worker);
    this.running++;
    worker.on('message', (m: HashWorkerMessage) => {
      if (this.settled) return;
      try {
        if (m.partial) {
          const [i, soFar] = m.partial;
          this.addBytes(soFar - (this.partial.get(i) ?? 0));
          this.partial.set(i, soFar);
          return;
        }
        for (const r of m.results) {
          const i = r[0] as number;
          if (r[1] === -1) {
            const cause = Object.assign(new Error(r[3] as string), { code: (r[2] as string) || undefined });
            return this.fail(unreadable(this.files[i]!.path, cause));
          }
          const digest: DigestSet = {};
          this.algorithms.forEach((a, k) => (digest[a] = r[2 + k] as string));
          const counted = this.partial.get(i) ?? 0;
          this.partial.delete(i);
          this.finish(i, digest, r[1] as number, counted);
        }
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
      // A worker exits once nothing is left to claim; before the job ends, only a crash can explain it.
      if (code !== 0 && !this.settled) {
        this.fail(new ProvenantError('INTERNAL', `hashing worker exited early (code ${code})`));
      }
      this.stopped();
    });
  }

  /** Claims the next file, as the workers do. */
  private take(): number | undefined {
    const k = Atomics.add(this.next, 0, 1);
    return k < this.order.length ? this.order[k] : undefined;
  }

  /** Claims the next file only if it is small enough to hash synchronously. */
  private takeSmall(): number | undefined {
    for (;;) {
      const k = Atomics.load(this.next, 0);
      if (k >= this.order.length || (this.files[this.order[k]!]!.size ?? 0) > SYNC_MAX_BYTES)
        return undefined;
      if (Atomics.compareExchange(this.next, 0, k, k + 1) === k) return this.order[k];
    }
  }

  private addBytes(n: number): void {
    if (this.settled || n === 0) return;
    this.progress.bytesDone += n;
    this.options.onProgress?.(this.progress);
  }

  /** Records a file's digest; `counted` of its bytes were already reported as progress. */
  private finish(i: number, digest: DigestSet, size: number, counted: number): void {
    if (this.settled) return;
    const f = this.files[i]!;
    this.out[i] = { name: f.name, digest, size };
    this.progress.bytesDone += size - counted;
    this.progress.filesDone++;
    if (this.progress.filesDone === this.files.length) this.progress.bytesTotal = this.progress.bytesDone;
    this.options.onProgress?.(this.progress);
    if (this.progress.filesDone === this.files.length) this.settle();
  }

  private fail(e: unknown): void {
    if (this.settled) return;
    this.settled = true;
    // Nothing more to claim for the workers still running, and no wait for them.
    Atomics.store(this.next, 0, this.order.length);
    for (const w of this.workers) void w.terminate();
    this.reject(e);
  }

  private settle(): void {
    this.settled = true;
    // Every file is done, so every worker has passed the end of the list and is exiting on its own.
    for (const w of this.workers) w.unref();
    this.resolve(this.out);
  }
}

/**
 * Large files first, largest first; then the rest in the order given (directory order reads best from disk). Files of
 * unknown size go with the rest.
 */
function hashingOrder(files: readonly Pick<FoundFile, 'size'>[]): Int32Array {
  const large: number[] = [];
  const rest: number[] = [];
  files.forEach((f, i) => ((f.size ?? 0) >= LARGE_FILE ? large : rest).push(i));
  large.sort((a, b) => files[b]!.size! - files[a]!.size! || a - b);
  return Int32Array.from(large.concat(rest));
}

function knownBytes(files: readonly Pick<FoundFile, 'size'>[]): number {
  let sum = 0;
  for (const f of files) sum += f.size ?? 0;
  return sum;
}

/**
 * A hashing worker, waiting for its job. The threads module loads on first use: hashing one file needs none, and
 * loading it costs a few milliseconds of every start.
 */
function startWorkerThread(): Worker {
  const { Worker } = process.getBuiltinModule('node:worker_threads');
  return new Worker(HASH_WORKER_SOURCE, { eval: true });
}
