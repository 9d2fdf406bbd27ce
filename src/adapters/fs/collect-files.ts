import path from 'node:path';
import { ProvenantError, quote } from '../../core/errors.js';
import { ACTION_FILE_OPTIONS, type CollectOptions, type FoundFile } from '../../core/files.js';
import { partitionPatterns } from '../../core/patterns.js';
import { compareNames } from '../../core/subject.js';
import { checkMatches } from './check-file.js';
import { resolveBaseDir } from './containment.js';
import { expandPattern, type Scope } from './expand-pattern.js';
import { loadGlobsFor, toPosix } from './globs.js';

/**
 * A pattern's files are looked up for their sizes when it matches at most this many. Past it, looking each one up
 * costs more than hashing them in parallel gains, and their sizes come out of hashing.
 */
export const SIZES_UP_TO = 1024;

/**
 * Expands globs (`**`, `!` excludes, dotfiles included), directories (recursed) and plain paths into regular
 * files. Patterns, includes and excludes alike, are paths relative to the working directory; each file found is named
 * relative to the base directory. Anything that is not a regular file, or that is not inside the base directory, is
 * refused with an error that names the pattern and the path.
 */
export async function collectFiles(
  patterns: readonly string[],
  options: CollectOptions,
): Promise<FoundFile[]> {
  const input = options.inputName ?? 'subject-path';
  await loadGlobsFor(patterns);
  const names = options.optionNames ?? ACTION_FILE_OPTIONS;
  const base = await resolveBaseDir(options.baseDir, names);
  const { includes, excludes } = partitionPatterns(patterns);
  const scope: Scope = {
    cwd: path.resolve(options.cwd ?? process.cwd()),
    base,
    excludes: excludes.map(toPosix),
    allowOutsideBase: options.allowOutsideBase === true,
    input,
    names,
  };
  const found: FoundFile[] = [];
  for (const pattern of includes) {
    const before = found.length;
    const matches = await expandPattern(pattern, scope, (n) => options.onFound?.(before + n));
    if (matches.length === 0) {
      noFilesFound(pattern, scope, options);
      continue;
    }
    for (const file of await checkMatches(matches, pattern, scope, matches.length <= SIZES_UP_TO))
      found.push(file);
    options.onFound?.(found.length);
  }
  // A file matched by several patterns is one subject: the sort is stable, so the first match is kept.
  found.sort((a, b) => compareNames(a.name, b.name));
  return found.filter((f, i) => i === 0 || f.name !== found[i - 1]!.name);
}

/** A pattern that matched nothing: an error, a warning or nothing, as asked. */
function noFilesFound(pattern: string, { input, cwd, names }: Scope, options: CollectOptions): void {
  const message =
    `${input}: no files matched ${quote(pattern)} in ${quote(cwd)} (patterns are relative to the working directory, ` +
    `not to ${names.baseDir}). Expected at least one file: check the pattern and that the build step ran before this ` +
    `one (or set ${names.ifNoFilesFound}).`;
  const mode = options.ifNoFilesFound ?? 'error';
  if (mode === 'error') throw new ProvenantError('NO_FILES_FOUND', message);
  if (mode === 'warn') options.warn?.(message);
}
