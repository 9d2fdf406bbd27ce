import type { DigestAlgorithm } from './digest.js';

/** What finding no file for a pattern does: fail, warn and go on, or go on. */
export type IfNoFilesFound = 'error' | 'warn' | 'ignore';

/** How an entry point names the options a file-finding message tells the user to change. */
export interface FileOptionNames {
  baseDir: string;
  /** Written as the setting to make: `allow-outside-base: true`, `--allow-outside-base`. */
  allowOutsideBase: string;
  ifNoFilesFound: string;
}

export const ACTION_FILE_OPTIONS: FileOptionNames = {
  baseDir: 'base-dir',
  allowOutsideBase: 'allow-outside-base: true',
  ifNoFilesFound: 'if-no-files-found to warn or ignore',
};

export const CLI_FILE_OPTIONS: FileOptionNames = {
  baseDir: '--base-dir',
  allowOutsideBase: '--allow-outside-base',
  ifNoFilesFound: '--if-no-files-found warn (or ignore)',
};

/** How a use case asks for files to be found. */
export interface CollectOptions {
  /** The entry point's names for the options its messages mention (default: the action's inputs). */
  optionNames?: FileOptionNames;
  /**
   * Where relative patterns start (default: the process's working directory, which is the workspace for the action
   * and the shell's directory for the CLI). Patterns never start at the base directory: it only decides the names.
   */
  cwd?: string;
  /** Subject names are paths relative to it, and every file found must lie inside it. */
  baseDir: string;
  /** Files outside the base directory (by path or through a symlink) are refused unless this is set. */
  allowOutsideBase?: boolean;
  ifNoFilesFound?: IfNoFilesFound;
  warn?: (message: string) => void;
  /** The input's name in messages (`subject-path`, `--subject`, …). */
  inputName?: string;
  /**
   * Told how many files have been found so far, so a caller can prepare for a big job before the listing ends: after
   * each directory a walk lists (counting every file listed, matching or not), and after each pattern (counting the
   * files kept), which may repeat the last count.
   */
  onFound?: (files: number) => void;
}

/** A file found for a pattern, to be hashed into a subject. */
export interface FoundFile {
  /** The subject name: POSIX path relative to the base directory. */
  name: string;
  /** Absolute path to read. */
  path: string;
  /** The pattern that found it, for messages. */
  pattern: string;
  /**
   * Bytes when found, for planning and progress. Left out for the files of a walk that finds many: their sizes come
   * out of hashing.
   */
  size?: number;
}

/** How far hashing has got, reported as it goes. */
export interface HashProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  /**
   * Every file's bytes, when every size was known before hashing; undefined while some are not (files found by a big
   * directory walk), and exact in the last report.
   */
  bytesTotal: number | undefined;
}

/** How a use case asks for files to be hashed. */
export interface HashOptions {
  algorithms?: readonly DigestAlgorithm[];
  onProgress?: (p: HashProgress) => void;
}
