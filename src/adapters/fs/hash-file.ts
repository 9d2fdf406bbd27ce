import { createHash, type Hash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { DigestAlgorithm, DigestSet } from '../../core/digest.js';
import { ProvenantError, quote } from '../../core/errors.js';

/** Chunk size for synchronous reads: large enough to amortise syscalls, small enough that memory stays bounded per file. */
export const HASH_CHUNK_SIZE = 1024 * 1024;
/**
 * Chunk size for the overlapped reads of {@link hashFile}. Larger than the synchronous one because every chunk costs a
 * round trip through libuv's pool and a promise: at 4 MiB a 1 GiB file takes 256 of them instead of 1024, which
 * measured (bench/hash.ts) brings in-process hashing from about 0.88 to 0.96 of hashing a buffer already in memory.
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
 * Hashes a file with bounded memory (two chunk buffers, whatever the file size). The next read is in flight (on
 * libuv's thread pool) while the current chunk is hashed, so copying from disk or page cache and hashing overlap.
 */
export async function hashFile(
  filePath: string,
  algorithms: readonly DigestAlgorithm[] = ['sha256'],
  onBytes?: (n: number) => void,
): Promise<HashResult> {
  const handle = await open(filePath, 'r').catch((e: NodeJS.ErrnoException) => {
    throw unreadable(filePath, e);
  });
  const buffers = [streamBuffers.take(), streamBuffers.take()];
  let pending: Promise<{ bytesRead: number }> | undefined;
  try {
    const hashes: [DigestAlgorithm, Hash][] = algorithms.map((a) => [a, createHash(a)]);
    let size = 0;
    let which = 0;
    pending = handle.read(buffers[which]!, 0, STREAM_CHUNK_SIZE, null);
    for (;;) {
      const { bytesRead } = await pending.catch((e: NodeJS.ErrnoException) => {
        throw unreadable(filePath, e);
      });
      pending = undefined;
      if (bytesRead === 0) break;
      const current = buffers[which]!;
      which ^= 1;
      pending = handle.read(buffers[which]!, 0, STREAM_CHUNK_SIZE, null);
      const chunk = bytesRead === STREAM_CHUNK_SIZE ? current : current.subarray(0, bytesRead);
      for (const [, h] of hashes) h.update(chunk);
      size += bytesRead;
      onBytes?.(bytesRead);
    }
    const digest: DigestSet = {};
    for (const [a, h] of hashes) digest[a] = h.digest('hex');
    return { digest, size };
  } finally {
    // A read still in flight (when a callback threw) must land before its buffer can serve another file.
    if (pending) await pending.catch(() => undefined);
    for (const b of buffers) streamBuffers.giveBack(b);
    await handle.close();
  }
}

/**
 * Hashes a small file synchronously into one reused buffer: for files of a few KiB, the open/read/close round trips
 * through libuv's pool cost more than the hashing, so the main thread does them directly, in short batches.
 */
export function hashFileSync(
  filePath: string,
  algorithms: readonly DigestAlgorithm[] = ['sha256'],
): HashResult {
  const buffer = syncBuffers.take();
  try {
    let fd: number;
    try {
      fd = openSync(filePath, 'r');
    } catch (e) {
      throw unreadable(filePath, e as NodeJS.ErrnoException);
    }
    try {
      const hashes: [DigestAlgorithm, Hash][] = algorithms.map((a) => [a, createHash(a)]);
      let size = 0;
      for (;;) {
        let n: number;
        try {
          n = readSync(fd, buffer, 0, HASH_CHUNK_SIZE, null);
        } catch (e) {
          throw unreadable(filePath, e as NodeJS.ErrnoException);
        }
        if (n === 0) break;
        const chunk = n === HASH_CHUNK_SIZE ? buffer : buffer.subarray(0, n);
        for (const [, h] of hashes) h.update(chunk);
        size += n;
      }
      const digest: DigestSet = {};
      for (const [a, h] of hashes) digest[a] = h.digest('hex');
      return { digest, size };
    } finally {
      closeSync(fd);
    }
  } finally {
    syncBuffers.giveBack(buffer);
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
