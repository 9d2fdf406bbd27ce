import { readdir, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { PathKind } from '../../app/ports.js';
import { ProvenantError, quote } from '../../core/errors.js';

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
    .filter((n) => n.endsWith('.sigstore.json') || n.endsWith('.jsonl'))
    .sort()
    .map((n) => resolve(dir, n));
}
