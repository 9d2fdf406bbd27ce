import type { Worker } from 'node:worker_threads';
import type { DigestAlgorithm, DigestSet } from '../../core/digest.js';
import { ProvenantError, quote } from '../../core/errors.js';
import type { FoundFile, HashOptions, HashProgress } from '../../core/files.js';
import type { Subject } from '../../core/subject.js';
import { digestSet, HASH_CHUNK_SIZE, hashFileAdaptive, unreadable } from './hash-file.js';
import { hashingOrder, knownBytes, planHashing, SYNC_MAX_BYTES, type HashPlan } from './hash-plan.js';
import { runWorker, startHashWorker, type WarmWorkers } from './hash-pool.js';
import type { HashWorkerData } from './hash-worker.js';

/** What a use case asks for, and how this adapter is to go about it. */
export interface HashFilesOptions extends HashOptions {
  /**
   * Worker threads besides the main thread. By default one per extra core, started only when the job is big enough
   * to repay their start-up (see {@link planHashing}); 0 keeps every file on the main thread.
   */
  workers?: number;
  /** Worker threads started ahead (see {@link WarmWorkers}); those the plan does not need are stopped. */
  warm?: WarmWorkers;
}

/** Files (or bytes) hashed between two turns of the main thread's event loop, and per message from a worker. */
const BATCH_FILES = 64;
const BATCH_BYTES = 4 * 1024 * 1024;

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
    const job: HashWorkerData = {
      algorithms: [...this.algorithms],
      chunkSize: HASH_CHUNK_SIZE,
      reportEvery: 16 * HASH_CHUNK_SIZE,
      batchFiles: BATCH_FILES,
      batchBytes: BATCH_BYTES,
      paths: this.files.map((f) => f.path),
      order: this.order,
      next: this.next,
    };
    const worker = this.options.warm?.take() ?? startHashWorker();
    this.workers.push(worker);
    this.running++;
    runWorker(worker, job, {
      partial: (i, soFar) => {
        if (this.settled) return;
        this.addBytes(soFar - (this.partial.get(i) ?? 0));
        this.partial.set(i, soFar);
      },
      hashed: (i, hex, size) => {
        const counted = this.partial.get(i) ?? 0;
        this.partial.delete(i);
        this.finish(i, digestSet(this.algorithms, hex), size, counted);
      },
      unreadable: (i, cause) => this.fail(unreadable(this.files[i]!.path, cause)),
      failed: (e) => this.fail(e),
      exited: (code) => {
        // A worker exits once nothing is left to claim; before the job ends, only a crash can explain it.
        if (code !== 0 && !this.settled) {
          this.fail(new ProvenantError('INTERNAL', `hashing worker exited early (code ${code})`));
        }
        this.stopped();
      },
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
