import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { FoundArtifact, PathKind } from '../../app/ports.js';
import { inputError, ProvenantError, quote } from '../../core/errors.js';
import { collectFiles } from './collect-files.js';
import { isDynamicPattern, loadGlobsFor, toPosix } from './globs.js';

/** What is at a path, without following it into an error: a missing path (or a file used as a directory) is 'missing'. */
export async function pathKind(path: string): Promise<PathKind> {
  try {
    const info = await stat(path);
    return info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR')
      return 'missing';
    throw e;
  }
}

/** Bundles sit beside artifacts in release directories; a file with a bundle's name is never an artifact. */
export const isBundleFile = (path: string): boolean =>
  path.endsWith('.sigstore.json') || path.endsWith('.jsonl');

/** A path as the report shows it: relative to the working directory when inside it, else absolute. */
function shown(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === '' || rel === '..' || rel.startsWith('../') || isAbsolute(rel) ? path : toPosix(rel);
}

/**
 * The artifacts one argument of `provenant verify` or one entry of the verify action's `artifacts` names: a file
 * (shown as given), a directory (walked), or a glob (quoted, so the shell leaves it alone); `!` patterns leave files
 * out. Bundle files (`*.sigstore.json`, `*.jsonl`) are never artifacts. Both entry points come through here.
 */
export async function findArtifacts(
  pattern: string,
  excludes: readonly string[],
  cwd: string,
): Promise<FoundArtifact[]> {
  const literal = resolve(cwd, pattern);
  const kind = await pathKind(literal);
  if (kind === 'file') return isBundleFile(literal) ? [] : [{ name: pattern, path: literal }];
  if (kind === 'missing') {
    await loadGlobsFor([pattern]);
    if (!isDynamicPattern(toPosix(pattern)))
      throw inputError(
        'FILE_NOT_FOUND',
        `artifact ${quote(pattern)}: expected a file, a directory or a glob, got nothing at that path. Check the path, or pass sha256:<hex> to verify by digest.`,
      );
  }
  const found = await collectFiles([pattern, ...excludes.map((e) => `!${e}`)], {
    cwd,
    baseDir: cwd,
    allowOutsideBase: true,
    ifNoFilesFound: 'error',
    inputName: 'artifact',
  });
  return found.filter((f) => !isBundleFile(f.path)).map((f) => ({ name: shown(cwd, f.path), path: f.path }));
}

/** The bundle files (`*.sigstore.json`, `*.jsonl`) directly inside a --bundle-dir, sorted, as absolute paths. */
export async function listBundleFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    throw new ProvenantError(
      'FILE_UNREADABLE',
      `--bundle-dir ${quote(dir)}: expected a readable directory, got ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`,
    );
  }
  return names
    .filter(isBundleFile)
    .sort()
    .map((n) => resolve(dir, n));
}
