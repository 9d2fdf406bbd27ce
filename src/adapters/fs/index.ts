import type { FileSystemPort } from '../../app/ports.js';
import { collectFiles, mayMatchMany } from './collect-files.js';
import { hashFiles, startHashWorkers, type WarmWorkers } from './hash-files.js';
import { readTextFile } from './read-text.js';

/** The real filesystem, as the use cases see it. */
export function createNodeFileSystem(): FileSystemPort {
  let warm: WarmWorkers | undefined;
  return {
    async collectFiles(patterns, options) {
      // A directory or a glob may give thousands of files: the hashing workers start now, while the files are found,
      // instead of after. Unused ones are stopped when hashing starts (or collecting fails).
      warm?.dispose();
      warm = mayMatchMany(patterns, options.baseDir) ? startHashWorkers() : undefined;
      try {
        return await collectFiles(patterns, options);
      } catch (e) {
        warm?.dispose();
        warm = undefined;
        throw e;
      }
    },
    hashFiles(files, options) {
      const started = warm;
      warm = undefined;
      return hashFiles(files, { ...options, warm: started });
    },
    readTextFile: (p, max) => readTextFile(p, max, 'subject-checksums'),
  };
}

export const nodeFileSystem: FileSystemPort = createNodeFileSystem();
