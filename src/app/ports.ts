import type { DigestAlgorithm } from '../core/digest.js';
import type { Subject } from '../core/subject.js';
import type { CollectOptions, FoundFile } from '../core/files.js';
import type { HashOptions as HashFilesOptions } from '../core/files.js';

/** What the subject use case needs from the filesystem; tests inject fakes, entry points the real adapters. */
export interface FileSystemPort {
  collectFiles(patterns: readonly string[], options: CollectOptions): Promise<FoundFile[]>;
  hashFiles(files: readonly FoundFile[], options: HashFilesOptions): Promise<Subject[]>;
  readTextFile(path: string, maxBytes: number): Promise<string>;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  debug?(message: string): void;
}

export interface SubjectRequest {
  /** Globs, directories and paths, with `!` excludes. */
  patterns: readonly string[];
  /** sha256sum/sha512sum files whose lines become subjects. */
  checksumFiles: readonly string[];
  /** Subjects given as a name and a `sha256:<hex>` digest. */
  digests: readonly { name: string; digest: string }[];
  baseDir: string;
  allowOutsideBase: boolean;
  ifNoFilesFound: 'error' | 'warn' | 'ignore';
  algorithms: readonly DigestAlgorithm[];
  /** The input names as the user sees them, for messages. */
  inputNames?: { patterns?: string; checksumFiles?: string; digests?: string };
}
