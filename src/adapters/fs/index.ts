import type { FileSystemPort } from '../../app/ports.js';
import { collectFiles, SIZES_UP_TO } from './collect-files.js';
import { hashFiles } from './hash-files.js';
import { startHashWorkers, type WarmWorkers } from './hash-pool.js';
import { readTextFile } from './read-text.js';

export interface NodeFileSystemOptions {
  /** The hashing workers start once collecting has found more files than this. */
  warmAfterFiles?: number;
  /** Starts them (tests count the calls). */
  startWorkers?: () => WarmWorkers;
  /** Worker threads for every job, instead of as many as each job's plan wants. */
  workers?: number;
}

/**
 * The real filesystem, as the use cases see it.
 *
 * Hashing workers start while the files are still being found, so their start-up overlaps the listing instead of
 * delaying hashing, but only once the count passes {@link SIZES_UP_TO}: past it sizes are not looked up and the job
 * always uses workers. A worker started for a job that turns out small costs more than it saves: its start-up
 * competes with the command for the CPU, and exit has to stop it.
 */
export function createNodeFileSystem({
  warmAfterFiles = SIZES_UP_TO,
  startWorkers = startHashWorkers,
  workers,
}: NodeFileSystemOptions = {}): FileSystemPort {
  let warm: WarmWorkers | undefined;
  const drop = () => {
    warm?.dispose();
    warm = undefined;
  };
  return {
    async collectFiles(patterns, options) {
      drop();
      try {
        return await collectFiles(patterns, {
          ...options,
          onFound: (files) => {
            options.onFound?.(files);
            if (warm === undefined && files > warmAfterFiles) warm = startWorkers();
          },
        });
      } catch (e) {
        drop();
        throw e;
      }
    },
    hashFiles(files, options) {
      const started = warm;
      warm = undefined;
      return hashFiles(files, { ...options, workers, warm: started });
    },
    readTextFile: (p, max) => readTextFile(p, max, 'subject-checksums'),
  };
}

export const nodeFileSystem: FileSystemPort = createNodeFileSystem();
