import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  isDynamicPattern,
  loadGlobsFor,
  patternFilter,
  staticPrefix,
} from '../../../src/adapters/fs/globs.js';

beforeAll(async () => {
  await loadGlobsFor(['*']);
});

describe('globs', () => {
  it.each([
    ['dist/**/*.tgz', true],
    ['dist/{a,b}/x', true],
    ['dist/?.txt', true],
    ['dist/app.tgz', false],
    ['dist/x[1].bin', true],
    ['dist/c++@2.zip', false],
  ])('%s is a glob: %s', (pattern, glob) => {
    expect(isDynamicPattern(pattern)).toBe(glob);
  });

  it.each([
    ['dist/**/*.tgz', 'dist'],
    ['dist/linux/*', 'dist/linux'],
    ['*.tgz', '.'],
    ['dist/*/bin/tool', 'dist'],
    ['dist/app.tgz', 'dist'],
    ['app.tgz', '.'],
  ])('the static prefix of %s is %s', (pattern, prefix) => {
    expect(staticPrefix(pattern)).toBe(prefix);
  });

  it('filter names by a glob and the excludes, dotfiles included', () => {
    const wanted = patternFilter('dist/**', ['**/b/**']);
    expect(['dist/a/x', 'dist/.hidden/y', 'dist/b/z', 'other/x'].filter((n) => wanted(n))).toEqual([
      'dist/a/x',
      'dist/.hidden/y',
    ]);
  });

  it('take every name but the excluded ones when there is no glob', () => {
    const wanted = patternFilter(undefined, ['*.md']);
    expect(['a', '.b', 'c.md'].filter((n) => wanted(n))).toEqual(['a', '.b']);
    expect(patternFilter(undefined, [])('anything')).toBe(true);
  });
});
