/**
 * The simple globs matched in linear time give picomatch's answers (with `dot: true`, as every pattern of Provenant
 * is compiled) on generated patterns and names, and decide a pattern that makes picomatch backtrack at once.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { isSimpleGlob, linearGlobs } from '../../src/core/glob-match.js';

const compile = linearGlobs(picomatch);
const piece = fc.constantFrom('a', 'b', '.', '-', '*', '?', '/', '**', '*.', 'a.b');
const pattern = fc.array(piece, { minLength: 1, maxLength: 7 }).map((p) => p.join(''));
const name = fc
  .array(fc.constantFrom('a', 'b', '.', '..', '-', 'ab', '.a', 'a.b'), { minLength: 1, maxLength: 4 })
  .map((segments) => segments.join('/'));

describe('simple globs', () => {
  it('agree with picomatch on every generated pattern and name', () => {
    fc.assert(
      fc.property(pattern, fc.array(name, { minLength: 1, maxLength: 8 }), (glob, names) => {
        fc.pre(isSimpleGlob(glob));
        const ours = compile(glob, { dot: true });
        const theirs = picomatch(glob, { dot: true });
        for (const n of names) expect([glob, n, ours(n)]).toEqual([glob, n, theirs(n)]);
      }),
      { numRuns: Number(process.env.GLOB_RUNS ?? 3000) },
    );
  });

  it.each([
    ['dist/**', ['dist', 'dist/a', 'dist/a/b.txt', 'dist/.hidden', 'distx', 'src/dist']],
    ['**/*.tgz', ['a.tgz', 'x/y/a.tgz', '.tgz', 'a.tgz/b']],
    ['*', ['a', '.a', 'a/b']],
    ['a/**/b', ['a/b', 'a/x/b', 'a/x/y/b', 'a/x/y/c']],
  ])('%s as picomatch has it', (glob, names) => {
    for (const n of names)
      expect([n, compile(glob, { dot: true })(n)]).toEqual([n, picomatch(glob, { dot: true })(n)]);
  });

  it('hands braces, classes and extglobs to picomatch', () => {
    for (const glob of ['*.{js,ts}', 'a[bc].txt', '@(a|b).js', '!(x)', 'a\\*b', './a', 'a//b', 'a/'])
      expect(isSimpleGlob(glob)).toBe(false);
    expect(compile(['*.{js,ts}', 'x.md'], { dot: true })('a.ts')).toBe(true);
    expect(compile(['*.{js,ts}', 'x.md'], { dot: true })('x.md')).toBe(true);
    expect(compile([], { dot: true })('x.md')).toBe(false);
  });

  it('decides a pattern that backtracks in a regular expression at once', () => {
    const glob = `${'*a'.repeat(12)}*b`;
    // Counted, not timed: the segment matcher's steps are bounded by pattern length × name length.
    expect(compile(glob, { dot: true })('a'.repeat(255))).toBe(false);
    expect(compile(glob, { dot: true })(`${'a'.repeat(254)}b`)).toBe(true);
  });
});
