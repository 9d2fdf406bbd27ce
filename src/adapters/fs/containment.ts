import path from 'node:path';
import { inputError, ProvenantError, quote } from '../../core/errors.js';
import { fs, util } from '../builtins.js';
import { toPosix } from './globs.js';
import { ACTION_FILE_OPTIONS, type FileOptionNames } from '../../core/files.js';

// The callback form, promisified: node:fs/promises would load the modules builtins.ts avoids.
const realpath = util.promisify(fs.realpath);

/** The directory subject names are relative to: as given, and where it really is (links resolved). */
export interface BaseDir {
  path: string;
  real: string;
}

/** Resolves the base directory, which must exist. */
export async function resolveBaseDir(
  baseDir: string,
  names: FileOptionNames = ACTION_FILE_OPTIONS,
): Promise<BaseDir> {
  const given = path.resolve(baseDir);
  const real = await realpath(given).catch((e: NodeJS.ErrnoException) => {
    throw inputError(
      'INPUT_INVALID',
      `base directory: expected an existing directory, got ${quote(given)} (${e.code ?? e.message}). Set ${names.baseDir} to the folder holding your build outputs.`,
    );
  });
  return { path: given, real };
}

/**
 * Whether a path lies inside the base directory: the one check for every path that must. A path `as-named` (a
 * pattern, or a file under the name it was found by) is compared with the base as given; a `resolved` one (where a
 * path really leads) may lie below the base as given or below its real location.
 */
export function insideBase(base: BaseDir, target: string, as: 'as-named' | 'resolved'): boolean {
  return (
    pathBelow(base.path, target) !== undefined ||
    (as === 'resolved' && pathBelow(base.real, target) !== undefined)
  );
}

/** A path's name relative to the base directory as given, with POSIX separators; undefined when it lies outside. */
export function nameInBase(base: BaseDir, target: string): string | undefined {
  const rel = pathBelow(base.path, target);
  return rel === undefined ? undefined : toPosix(rel);
}

/** The way from `dir` down to `target` ('' for `dir` itself), or undefined when `target` is not below `dir`. */
export function pathBelow(dir: string, target: string): string | undefined {
  const rel = path.relative(dir, target);
  const leaves = rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
  return leaves ? undefined : rel;
}

/** The refusal of a pattern that names a place outside the base directory. */
export function patternOutsideBase(
  input: string,
  pattern: string,
  base: BaseDir,
  names: FileOptionNames = ACTION_FILE_OPTIONS,
): ProvenantError {
  return new ProvenantError(
    'PATH_OUTSIDE_BASE',
    `${input}: ${quote(pattern)} points outside the base directory ${quote(base.path)}. Expected paths inside it, ` +
      `because subject names are relative to it: move the files, change ${names.baseDir}, or set ${names.allowOutsideBase}.`,
  );
}

/** The refusal of a file a pattern found outside the base directory, where it lies or where a link on its way leads. */
export function fileOutsideBase(
  input: string,
  file: { path: string; pattern: string; real: string },
  base: BaseDir,
  names: FileOptionNames = ACTION_FILE_OPTIONS,
): ProvenantError {
  const found = `${input}: ${quote(file.path)} (matched by ${quote(file.pattern)})`;
  const message = insideBase(base, file.path, 'as-named')
    ? `${found} resolves to ${quote(file.real)}, outside the base directory ${quote(base.path)}. Expected files ` +
      `inside it: replace the symbolic link with the file, or set ${names.allowOutsideBase}.`
    : `${found} is outside the base directory ${quote(base.path)}. Expected files inside it, because subject names ` +
      `are relative to it: narrow the pattern, change ${names.baseDir}, or set ${names.allowOutsideBase}.`;
  return new ProvenantError('PATH_OUTSIDE_BASE', message);
}
