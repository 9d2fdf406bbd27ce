import type { Worker } from 'node:worker_threads';
import { ProvenantError } from '../../core/errors.js';
import { os } from '../builtins.js';
import { workersFor } from './hash-plan.js';
import type { HashWorkerData, HashWorkerMessage } from './hash-worker.js';
import { hashWorkerScript } from './hash-worker-source.js';

/**
 * A hashing worker, waiting for its job. The threads module loads on first use: hashing one file needs none, and
 * loading it costs time at every start.
 */
export function startHashWorker(): Worker {
  const { Worker } = process.getBuiltinModule('node:worker_threads');
  return new Worker(hashWorkerScript(), { eval: true });
}

/**
 * Worker threads started before the files are known, so their start-up overlaps finding the files instead of
 * delaying hashing. Idle ones do not keep the process alive.
 */
export class WarmWorkers {
  /** Each idle worker, with the listener that drops it should it end before it is taken. */
  private readonly idle: { worker: Worker; drop: () => void }[] = [];

  /** `start` starts one thread (by default a hashing worker). */
  constructor(count: number, start: () => Worker = startHashWorker) {
    for (let i = 0; i < count; i++) {
      let worker: Worker;
      try {
        worker = start();
      } catch {
        // Warming up is an optimisation: a job starts its own workers if none are waiting.
        break;
      }
      worker.unref();
      // One that fails or ends before it has a job is simply not used.
      const drop = () => this.drop(worker);
      worker.on('error', drop).on('exit', drop);
      this.idle.push({ worker, drop });
    }
  }

  /** Hands over a started worker, if one is left. */
  take(): Worker | undefined {
    const entry = this.idle.pop();
    entry?.worker.off('error', entry.drop).off('exit', entry.drop);
    return entry?.worker;
  }

  /** Stops the workers nobody took. */
  dispose(): void {
    for (const { worker } of this.idle.splice(0)) void worker.terminate();
  }

  private drop(worker: Worker): void {
    const i = this.idle.findIndex((entry) => entry.worker === worker);
    if (i >= 0) this.idle.splice(i, 1);
  }
}

/** Starts the workers a big job would use on this machine (none on a single core). */
export function startHashWorkers(cores: number = os.availableParallelism()): WarmWorkers {
  return new WarmWorkers(workersFor(cores));
}

/** What a job hears from one of its workers. Any of them may throw, which ends the job with that error. */
export interface WorkerEvents {
  /** `bytes` of file `i` have been read so far. */
  partial(i: number, bytes: number): void;
  hashed(i: number, hexDigests: string[], size: number): void;
  /** File `i` could not be read. */
  unreadable(i: number, cause: Error & { code?: string }): void;
  /** The job must end: the worker failed, or failed to handle what it sent. */
  failed(e: unknown): void;
  /** The worker has ended, after its job or not. */
  exited(code: number): void;
}

/** Gives a worker (started or warm) its job and passes on what it reports. */
export function runWorker(worker: Worker, job: HashWorkerData, events: WorkerEvents): void {
  worker.ref();
  worker.postMessage(job);
  const digests = job.algorithms.length;
  worker.on('message', (m: HashWorkerMessage) => {
    try {
      if (m.partial) return events.partial(...m.partial);
      for (const r of m.results) {
        const i = r[0] as number;
        if (r[1] === -1) {
          const cause = Object.assign(new Error(r[3] as string), { code: (r[2] as string) || undefined });
          return events.unreadable(i, cause);
        }
        events.hashed(i, r.slice(2, 2 + digests) as string[], r[1] as number);
      }
    } catch (e) {
      // A progress callback that throws ends the job like any other failure.
      events.failed(e);
    }
  });
  worker.on('error', (e: unknown) => {
    const why = e instanceof Error ? e.message : String(e);
    events.failed(new ProvenantError('INTERNAL', `hashing worker failed: ${why}`, { cause: e }));
  });
  worker.on('exit', (code) => events.exited(code));
}
