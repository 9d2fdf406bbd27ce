/**
 * Globs made of literal characters, `*`, `?`, `**` and `/` (nearly every pattern a release names) matched in
 * polynomial time: picomatch turns `*a*a*a*a*a*a*a*b` into a regular expression that backtracks for minutes against a
 * long name. Everything else (braces, classes, extglobs, escapes) still goes to the compiler given, so the meaning of
 * every pattern is picomatch's with `dot: true`; a differential test holds the two to the same answers.
 */
import type { GlobCompiler } from './patterns.js';

const SIMPLE = /^[^\\[\]{}()!+@]*$/;

/** Whether the pattern is in the subset matched here (no leading `./`, no empty segment, no trailing slash). */
export function isSimpleGlob(glob: string): boolean {
  return (
    SIMPLE.test(glob) &&
    glob.length > 0 &&
    !glob.startsWith('./') &&
    // picomatch gives a `*` right after a dot rules of its own (`.*` does not match `.`): left to it.
    !glob.includes('.*') &&
    // `**` inside a segment (`a**`, `***`) is parsed by rules of picomatch's own: only a whole `**` segment here.
    !glob.split('/').some((s) => s === '' || (s !== '**' && s.includes('**')))
  );
}

/** picomatch never lets a segment that starts with `*` (or `**`) be `.` or `..`. */
const isDots = (segment: string): boolean => segment === '.' || segment === '..';

/** One segment against one name segment: `*` any run of characters, `?` one, the rest literal (greedy, O(n·m)). */
function segmentMatches(pattern: string, name: string): boolean {
  if (name === '' || (isDots(name) && pattern.startsWith('*'))) return false;
  let p = 0;
  let n = 0;
  let star = -1;
  let resume = 0;
  while (n < name.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === name[n])) {
      p++;
      n++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = n;
    } else if (star >= 0) {
      p = star + 1;
      n = ++resume;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** Segments against segments, `**` standing for any number of them (none `.` or `..`), memoized: O(P·N) states. */
function pathMatches(pattern: readonly string[], name: readonly string[]): boolean {
  const memo = new Map<number, boolean>();
  const at = (i: number, j: number): boolean => {
    const key = i * (name.length + 1) + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (i === pattern.length) result = j === name.length;
    else if (pattern[i] === '**' && i === pattern.length - 1) {
      // picomatch lets a final `**` stand for no segment, except after a segment that ends in `*` (`*/**`).
      const rest = name.slice(j);
      const before = pattern[i - 1];
      const needsOne = before !== undefined && before !== '**' && before.endsWith('*');
      result = rest.every((s) => !isDots(s)) && rest.length >= (needsOne ? 1 : 0);
    } else if (pattern[i] === '**')
      result = at(i + 1, j) || (j < name.length && !isDots(name[j]!) && at(i, j + 1));
    else result = j < name.length && segmentMatches(pattern[i]!, name[j]!) && at(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return at(0, 0);
}

/** A compiler that matches simple globs itself and hands every other one to `fallback`. */
export function linearGlobs(fallback: GlobCompiler): GlobCompiler {
  return (globs, options) => {
    const list = typeof globs === 'string' ? [globs] : globs;
    if (list.length === 0) return fallback(globs, options);
    const tests = list.map((glob) => {
      if (!isSimpleGlob(glob)) return fallback(glob, options);
      const segments = glob.split('/');
      return (name: string) => pathMatches(segments, name.split('/'));
    });
    return (name) => tests.some((test) => test(name));
  };
}
