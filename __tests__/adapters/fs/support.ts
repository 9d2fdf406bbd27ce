import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, jest } from '@jest/globals';
import { once } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { startHashWorker, WarmWorkers } from '../../../src/adapters/fs/hash-pool.js';
import type { FoundFile, HashProgress } from '../../../src/core/files.js';

/** A temporary directory for the tests of one file, made before them and removed after them. */
export function scratchDir(prefix: string): () => string {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), `provenant-${prefix}-`));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return () => dir;
}

/** One coreutils call for many files: `{path: hex}`. */
export function coreutils(tool: string, files: readonly string[]): Map<string, string> {
  const out = execFileSync(tool, ['--', ...files], { maxBuffer: 64 * 1024 * 1024 }).toString();
  return new Map(
    out
      .trimEnd()
      .split('\n')
      .map((line) => [line.slice(line.indexOf(' ') + 2), line.slice(0, line.indexOf(' '))] as const),
  );
}

/** The SHA-256 of each file, by `sha256sum`, in the files' order. */
export function sha256sums(files: readonly Pick<FoundFile, 'path'>[]): (string | undefined)[] {
  const sums = coreutils(
    'sha256sum',
    files.map((f) => f.path),
  );
  return files.map((f) => sums.get(f.path));
}

/** `count` file sizes, all `size` or the `i`th `size(i)`. */
export const fileSizes = (count: number, size: number | ((i: number) => number)): number[] =>
  Array.from({ length: count }, (_, i) => (typeof size === 'number' ? size : size(i)));

/** Files of random bytes in `dir/sub`, one per size, as collecting would have found them. */
export async function makeFiles(dir: string, sub: string, sizes: readonly number[]): Promise<FoundFile[]> {
  const root = path.join(dir, sub);
  await mkdir(root, { recursive: true });
  return Promise.all(
    sizes.map(async (size, i) => {
      const p = path.join(root, `f${i}-${size}.bin`);
      await writeFile(p, randomBytes(size));
      return { name: `${sub}/f${i}-${size}.bin`, path: p, pattern: '*', size };
    }),
  );
}

/** Records every progress report, as it was when reported. */
export function recorder() {
  const seen: HashProgress[] = [];
  return { seen, onProgress: (p: HashProgress) => void seen.push({ ...p }) };
}

/** A thread started as a warm worker, as a test sees it. */
export interface WatchedThread {
  worker: Worker;
  /** Resolves when the thread has ended. */
  exited: Promise<void>;
  /** How many jobs it was given. */
  jobs: () => number;
}

/** Warm workers whose threads the test can watch. */
export function watchedWarmWorkers(count: number): { warm: WarmWorkers; threads: WatchedThread[] } {
  const threads: WatchedThread[] = [];
  const warm = new WarmWorkers(count, () => {
    const worker = startHashWorker();
    const posted = jest.spyOn(worker, 'postMessage');
    const exited = once(worker, 'exit').then(() => undefined);
    threads.push({ worker, exited, jobs: () => posted.mock.calls.length });
    return worker;
  });
  return { warm, threads };
}
