/** Splits an input of patterns given one per line or comma-separated; blank entries are dropped. */
export function splitPatterns(values: readonly string[]): string[] {
  return values
    .flatMap((v) => v.split(/[\n,]/))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

/** A list of patterns, split into what they take and what they leave out. */
export interface PatternSet {
  includes: string[];
  /** The patterns that began with `!`, without it. */
  excludes: string[];
}

/** Splits patterns into includes and `!` excludes, each in the order given. */
export function partitionPatterns(patterns: readonly string[]): PatternSet {
  const includes: string[] = [];
  const excludes: string[] = [];
  for (const p of patterns) {
    if (p.startsWith('!')) excludes.push(p.slice(1));
    else includes.push(p);
  }
  return { includes, excludes };
}

/**
 * Turns globs into a test of names: picomatch fits. Passed in rather than imported, so that code which only splits
 * patterns never loads a glob matcher.
 */
export type GlobCompiler = (globs: string | string[], options: { dot: true }) => (name: string) => boolean;

/**
 * A test of names: true for a name `include` matches (any name, when it is undefined) and no exclude does. Dotfiles
 * match like any other name.
 */
export function nameFilter(
  compile: GlobCompiler,
  include: string | string[] | undefined,
  excludes: readonly string[],
): (name: string) => boolean {
  const isIncluded = include === undefined ? () => true : compile(include, { dot: true });
  const isExcluded = excludes.length > 0 ? compile([...excludes], { dot: true }) : () => false;
  return (name) => isIncluded(name) && !isExcluded(name);
}
