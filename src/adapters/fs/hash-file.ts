import type { Hash } from 'node:crypto';
import type { DigestAlgorithm, DigestSet } from '../../core/digest.js';
import { ProvenantError, quote } from '../../core/errors.js';
import { fs } from '../builtins.js';
import { hashFirstChunk, type FirstChunk } from './hash-worker.js';

const { closeSync, openSync, read: fsRead } = fs;

/** Chunk size for synchronous reads: large enough to amortise syscalls, small enough that memory stays bounded per file. */
export const HASH_CHUNK_SIZE = 1024 * 1024;
/**
 * Chunk size for the overlapped reads of {@link hashFile}. Larger than the synchronous one because every chunk costs a
 * round trip through libuv's pool and a promise: a 1 GiB file takes 256 of them instead of 1024.
 */
export const STREAM_CHUNK_SIZE = 4 * HASH_CHUNK_SIZE;

export interface HashResult {
  digest: DigestSet;
  size: number;
}

/**
 * Chunk buffers are reused across files: allocating two fresh 1 MiB buffers per file made hashing thousands of small
 * files spend most of its time faulting in new pages and collecting garbage. A few are kept; the rest are dropped.
 */
class BufferPool {
  private readonly spare: Buffer[] = [];
  private readonly size: number;
  private readonly keep: number;
  constructor(size: number, keep: number) {
    this.size = size;
    this.keep = keep;
  }
  take(): Buffer {
    return this.spare.pop() ?? Buffer.allocUnsafeSlow(this.size);
  }
  giveBack(b: Buffer): void {
    if (this.spare.length < this.keep) this.spare.push(b);
  }
}
const syncBuffers = new BufferPool(HASH_CHUNK_SIZE, 4);
const streamBuffers = new BufferPool(STREAM_CHUNK_SIZE, 4);

/**
 * Hashes a file with bounded memory, whatever its size. A file that fits one chunk is read synchronously and hashed
 * in one call; past that, the next read is in flight (on libuv's thread pool) while the current chunk is hashed, so
 * copying from disk or page cache and hashing overlap. Small files never take the large streaming buffers, which
 * matters when many are hashed side by side.
 */
export async function hashFile(
  filePath: string,
  algorithms: readonly DigestAlgorithm[] = ['sha256'],
  onBytes?: (n: number) => void,
): Promise<HashResult> {
  return hashFileAdaptive(filePath, algorithms, onBytes);
}

/**
 * {@link hashFile} without a promise when none is needed: a file that fits one chunk is hashed synchronously (no
 * round trip through libuv's pool, which costs more than hashing a few KiB) and the result returned at once; a longer
 * one continues asynchronously, so it never blocks the event loop for long.
 */
export function hashFileAdaptive(
  filePath: string,
  algorithms: readonly DigestAlgorithm[] = ['sha256'],
  onBytes?: (n: number) => void,
): HashResult | Promise<HashResult> {
  const fd = openFd(filePath);
  let handedOver = false;
  try {
    const { size, digests, hashes } = hashStart(filePath, fd, algorithms);
    if (hashes === undefined) return { digest: digestSet(algorithms, digests), size };
    onBytes?.(size);
    handedOver = true;
    return hashRest(filePath, fd, hashes, size, onBytes)
      .then((total) => ({
        digest: digestSet(
          algorithms,
          hashes.map((h) => h.digest('hex')),
        ),
        size: total,
      }))
      .finally(() => closeSync(fd));
  } finally {
    if (!handedOver) closeSync(fd);
  }
}

/** Hex digests, in the order of their algorithms, as a digest set. */
export function digestSet(algorithms: readonly DigestAlgorithm[], hex: readonly string[]): DigestSet {
  const digest: DigestSet = {};
  algorithms.forEach((a, k) => (digest[a] = hex[k]));
  return digest;
}

function openFd(filePath: string): number {
  try {
    return openSync(filePath, 'r');
  } catch (e) {
    throw unreadable(filePath, e as NodeJS.ErrnoException);
  }
}

/** The first chunk, read into a buffer the pool lends: the whole file when it is small. */
function hashStart(filePath: string, fd: number, algorithms: readonly DigestAlgorithm[]): FirstChunk {
  const buffer = syncBuffers.take();
  try {
    return hashFirstChunk(fd, buffer, algorithms);
  } catch (e) {
    throw unreadable(filePath, e as NodeJS.ErrnoException);
  } finally {
    syncBuffers.giveBack(buffer);
  }
}

/** The overlapped read-and-hash loop to the end of the file, from `size` bytes already hashed; resolves with the total. */
async function hashRest(
  filePath: string,
  fd: number,
  hashes: Hash[],
  size: number,
  onBytes?: (n: number) => void,
): Promise<number> {
  const read = (b: Buffer) =>
    new Promise<number>((resolve, reject) =>
      fsRead(fd, b, 0, b.length, null, (e, n) => (e ? reject(e) : resolve(n))),
    );
  const buffers = [streamBuffers.take(), streamBuffers.take()];
  let pending: Promise<number> | undefined;
  try {
    let which = 0;
    pending = read(buffers[which]!);
    for (;;) {
      const bytesRead = await pending.catch((e: NodeJS.ErrnoException) => {
        throw unreadable(filePath, e);
      });
      pending = undefined;
      if (bytesRead === 0) return size;
      const current = buffers[which]!;
      which ^= 1;
      pending = read(buffers[which]!);
      const chunk = bytesRead === STREAM_CHUNK_SIZE ? current : current.subarray(0, bytesRead);
      for (const h of hashes) h.update(chunk);
      size += bytesRead;
      onBytes?.(bytesRead);
    }
  } finally {
    // A read still in flight (when a callback threw) must land before its buffer can serve another file.
    if (pending) await pending.catch(() => undefined);
    for (const b of buffers) streamBuffers.giveBack(b);
  }
}

/** The error for a file that cannot be opened or read, naming it; shared with the worker pool. */
export function unreadable(
  filePath: string,
  e: { code?: string | undefined; message: string },
): ProvenantError {
  const why = e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied' : (e.code ?? e.message);
  return new ProvenantError(
    'FILE_UNREADABLE',
    `cannot read ${quote(filePath)}: ${why}. Expected a readable file: fix its permissions (chmod a+r) or exclude it.`,
    { cause: e },
  );
}
