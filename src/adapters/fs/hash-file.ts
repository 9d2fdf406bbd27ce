import { createHash, type Hash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { DigestAlgorithm, DigestSet } from '../../core/digest.js';
import { ProvenantError, quote } from '../../core/errors.js';

/** Chunk size for reads: large enough to amortise syscalls, small enough that memory stays bounded per file. */
export const HASH_CHUNK_SIZE = 1024 * 1024;

export interface HashResult {
  digest: DigestSet;
  size: number;
}

/**
 * Hashes a file with bounded memory (two chunk buffers, whatever the file size). The next read is in flight while
 * the current chunk is hashed, so disk and CPU overlap.
 */
export async function hashFile(
  filePath: string,
  algorithms: readonly DigestAlgorithm[] = ['sha256'],
  onBytes?: (n: number) => void,
): Promise<HashResult> {
  const handle = await open(filePath, 'r').catch((e: NodeJS.ErrnoException) => {
    throw unreadable(filePath, e);
  });
  try {
    const hashes: [DigestAlgorithm, Hash][] = algorithms.map((a) => [a, createHash(a)]);
    const buffers = [Buffer.allocUnsafe(HASH_CHUNK_SIZE), Buffer.allocUnsafe(HASH_CHUNK_SIZE)];
    let size = 0;
    let which = 0;
    let pending = handle.read(buffers[which]!, 0, HASH_CHUNK_SIZE, null);
    for (;;) {
      const { bytesRead } = await pending.catch((e: NodeJS.ErrnoException) => {
        throw unreadable(filePath, e);
      });
      if (bytesRead === 0) break;
      const current = buffers[which]!;
      which ^= 1;
      pending = handle.read(buffers[which]!, 0, HASH_CHUNK_SIZE, null);
      const chunk = bytesRead === HASH_CHUNK_SIZE ? current : current.subarray(0, bytesRead);
      for (const [, h] of hashes) h.update(chunk);
      size += bytesRead;
      onBytes?.(bytesRead);
    }
    const digest: DigestSet = {};
    for (const [a, h] of hashes) digest[a] = h.digest('hex');
    return { digest, size };
  } finally {
    await handle.close();
  }
}

function unreadable(filePath: string, e: NodeJS.ErrnoException): ProvenantError {
  const why = e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied' : (e.code ?? e.message);
  return new ProvenantError(
    'FILE_UNREADABLE',
    `cannot read ${quote(filePath)}: ${why}. Expected a readable file: fix its permissions (chmod a+r) or exclude it.`,
    { cause: e },
  );
}
