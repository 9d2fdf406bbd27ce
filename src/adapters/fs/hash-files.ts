import type { DigestAlgorithm } from '../../core/digest.js';
import type { Subject } from '../../core/subject.js';
import type { FoundFile } from './collect-files.js';
import { hashFile } from './hash-file.js';

export interface HashProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface HashFilesOptions {
  algorithms?: readonly DigestAlgorithm[];
  /** Files hashed at once: overlaps the reads of small files, whose cost is mostly latency. */
  concurrency?: number;
  onProgress?: (p: HashProgress) => void;
}

/** Hashes found files into subjects, in the order given. */
export async function hashFiles(
  files: readonly FoundFile[],
  options: HashFilesOptions = {},
): Promise<Subject[]> {
  const algorithms = options.algorithms ?? ['sha256'];
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const out = new Array<Subject>(files.length);
  const progress: HashProgress = {
    filesDone: 0,
    filesTotal: files.length,
    bytesDone: 0,
    bytesTotal: files.reduce((sum, f) => sum + f.size, 0),
  };
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= files.length) return;
      const f = files[i]!;
      const r = await hashFile(f.path, algorithms, (n) => {
        progress.bytesDone += n;
        options.onProgress?.(progress);
      });
      out[i] = { name: f.name, digest: r.digest, size: r.size };
      progress.filesDone++;
      options.onProgress?.(progress);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  return out;
}
