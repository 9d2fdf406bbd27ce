import path from 'node:path';
import type picomatchType from 'picomatch';
import { linearGlobs } from '../../core/glob-match.js';
import { nameFilter } from '../../core/patterns.js';

/**
 * Characters without which no pattern is a glob. The glob matcher loads only for patterns that have one: most runs
 * name a directory or files, and a command that starts fast matters when it is run on every release.
 */
const GLOB_CHARACTERS = /[*?[\]{}()!+@\\]/;
let globs: typeof picomatchType | undefined;

/** Loads the glob matcher when one of the patterns may need it. */
export async function loadGlobsFor(patterns: readonly string[]): Promise<void> {
  if (patterns.some((p) => GLOB_CHARACTERS.test(p))) globs ??= (await import('picomatch')).default;
}

/** Whether a pattern is a glob rather than a plain path (after {@link loadGlobsFor} has seen it). */
export function isDynamicPattern(p: string): boolean {
  return GLOB_CHARACTERS.test(p) && globs!.scan(p).isGlob;
}

/** The directory part of a POSIX pattern before its first glob character (of a plain path, its directory). */
export function staticPrefix(posixPattern: string): string {
  if (!isDynamicPattern(posixPattern)) return path.posix.dirname(posixPattern);
  const out: string[] = [];
  for (const part of posixPattern.split('/').slice(0, -1)) {
    if (isDynamicPattern(part)) break;
    out.push(part);
  }
  return out.join('/') || '.';
}

/**
 * The test of names relative to the base directory for one pattern: names it matches (all, when `glob` is undefined)
 * and no exclude matches. Excludes need the glob matcher, which any `!` pattern has loaded.
 */
export function patternFilter(
  glob: string | undefined,
  excludes: readonly string[],
): (name: string) => boolean {
  return nameFilter(
    linearGlobs((g, options) => globs!(g, options)),
    glob,
    excludes,
  );
}

export function toPosix(p: string): string {
  return path.sep === '\\' ? p.replace(/\\/g, '/') : p;
}
