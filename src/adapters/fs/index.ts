import type { FileSystemPort } from '../../app/ports.js';
import { collectFiles } from './collect-files.js';
import { hashFiles } from './hash-files.js';
import { readTextFile } from './read-text.js';

/** The real filesystem, as the use cases see it. */
export const nodeFileSystem: FileSystemPort = {
  collectFiles,
  hashFiles,
  readTextFile: (p, max) => readTextFile(p, max, 'subject-checksums'),
};
