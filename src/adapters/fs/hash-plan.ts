import type { FoundFile } from '../../core/files.js';
import { os } from '../builtins.js';
import { HASH_CHUNK_SIZE } from './hash-file.js';

const { availableParallelism } = os;

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

/**
 * The main thread always hashes; workers join it, one per extra core, when the job repays their start-up (time and
 * memory for each). One file alone stays on the main thread: SHA-256 of one stream cannot be split, and there reads
 * on libuv's pool overlap hashing. `workers` overrides the count (0: the main thread only).
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
  const worthIt =
    files.length >= 2 && (unknown || files.length / POOL_MIN_FILES + knownBytes(files) / POOL_MIN_BYTES >= 1);
  return { workers: worthIt ? workersFor(cores, files.length - 1) : 0, mainThread: true };
}

/** One worker per extra core, up to {@link MAX_WORKERS} and to `wanted`. */
export function workersFor(cores: number, wanted = MAX_WORKERS): number {
  return Math.max(0, Math.min(cores - 1, MAX_WORKERS, wanted));
}

/**
 * The order files are claimed in: large files first, largest first; then the rest in the order given (directory
 * order reads best from disk). Files of unknown size go with the rest.
 */
export function hashingOrder(files: readonly Pick<FoundFile, 'size'>[]): Int32Array {
  const large: number[] = [];
  const rest: number[] = [];
  files.forEach((f, i) => ((f.size ?? 0) >= LARGE_FILE ? large : rest).push(i));
  large.sort((a, b) => files[b]!.size! - files[a]!.size! || a - b);
  return Int32Array.from(large.concat(rest));
}

/** The bytes of the files whose sizes are known. */
export function knownBytes(files: readonly Pick<FoundFile, 'size'>[]): number {
  let sum = 0;
  for (const f of files) sum += f.size ?? 0;
  return sum;
}
