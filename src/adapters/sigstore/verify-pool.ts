/**
 * Worker threads for the cryptography of many bundles, so every core works on a release's bundles. Each thread builds
 * the trust material once; bundles go to whichever thread has the fewest outstanding, as JSON, and come back as
 * plain data. Threads start only once a run has shown it has many bundles, never for a few, and do not keep the
 * process alive while idle. Where the worker script is not there (running from sources, or the single executable),
 * the caller verifies in-process instead.
 */
import { bundleToJSON, type Bundle } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { VerifiedBundle } from '../../app/ports.js';
import type { DigestSet } from '../../core/digest.js';
import { ProvenantError, type ErrorCode } from '../../core/errors.js';
import { os } from '../builtins.js';

/** A bundle whose thread ended before answering: nothing was decided about it, so the caller checks it itself. */
export class ThreadLost extends Error {}

export interface VerifyWorkerData {
  provenantVerifyWorker: true;
  trustedRoot: unknown;
}
export interface VerifyJob {
  id: number;
  source: string;
  bundle: ReturnType<typeof bundleToJSON>;
  artifact: DigestSet;
}
export type VerifyAnswer =
  | { id: number; verified: VerifiedBundle; error?: undefined }
  | { id: number; error: { code?: ErrorCode; message: string } };

/** dist/verify-worker.js, beside the entry or one level up from dist/chunks/; undefined when absent. */
export function workerScript(from: string | undefined = import.meta.url): string | undefined {
  // The single executable has no module URL (and no worker script beside it).
  if (typeof from !== 'string' || !from.startsWith('file:') || !from.endsWith('.js')) return undefined;
  for (const candidate of ['./verify-worker.js', '../verify-worker.js']) {
    const path = fileURLToPath(new URL(candidate, from));
    if (existsSync(path)) return path;
  }
  return undefined;
}

interface Thread {
  worker: Worker;
  outstanding: number;
  alive: boolean;
}

export class VerifyPool {
  private readonly threads: Thread[] = [];
  private readonly pending = new Map<
    number,
    { resolve: (v: VerifiedBundle) => void; reject: (e: Error) => void; thread: Thread }
  >();
  private nextId = 0;

  constructor(script: string, root: TrustedRoot, size: number = os.availableParallelism()) {
    const { Worker } = process.getBuiltinModule('node:worker_threads');
    const workerData: VerifyWorkerData = {
      provenantVerifyWorker: true,
      trustedRoot: TrustedRoot.toJSON(root),
    };
    for (let i = 0; i < Math.max(1, size); i++) {
      const thread: Thread = { worker: new Worker(script, { workerData }), outstanding: 0, alive: true };
      thread.worker.unref();
      thread.worker.on('message', (answer: VerifyAnswer) => this.settle(answer));
      thread.worker.on('error', (e: unknown) =>
        this.fail(thread, new ThreadLost(e instanceof Error ? e.message : String(e))),
      );
      thread.worker.on('exit', (code) =>
        this.fail(thread, new ThreadLost(`a verification thread ended (exit code ${code})`)),
      );
      this.threads.push(thread);
    }
  }

  verify(bundle: Bundle, source: string, artifact: DigestSet): Promise<VerifiedBundle> {
    const alive = this.threads.filter((t) => t.alive);
    if (alive.length === 0) return Promise.reject(new ThreadLost('no verification thread is left'));
    const thread = alive.reduce((a, b) => (b.outstanding < a.outstanding ? b : a));
    const id = this.nextId++;
    // A thread with work keeps the process alive until it answers; idle, it does not.
    if (thread.outstanding++ === 0) thread.worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, thread });
      const job: VerifyJob = { id, source, bundle: bundleToJSON(bundle), artifact };
      thread.worker.postMessage(job);
    });
  }

  private done(id: number) {
    const entry = this.pending.get(id);
    if (!entry) return undefined;
    this.pending.delete(id);
    if (--entry.thread.outstanding === 0) entry.thread.worker.unref();
    return entry;
  }

  private settle(answer: VerifyAnswer): void {
    const entry = this.done(answer.id);
    if (!entry) return;
    if (!answer.error) entry.resolve(answer.verified);
    else if (answer.error.code) entry.reject(new ProvenantError(answer.error.code, answer.error.message));
    else entry.reject(new Error(answer.error.message));
  }

  /** A thread that dies fails what it held; nothing it was given passes. */
  private fail(thread: Thread, e: Error): void {
    thread.alive = false;
    for (const [id, entry] of [...this.pending]) if (entry.thread === thread) this.done(id)?.reject(e);
  }

  stop(): void {
    for (const { worker } of this.threads) void worker.terminate();
  }
}
