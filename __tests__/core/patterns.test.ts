import { describe, expect, it } from '@jest/globals';
import picomatch from 'picomatch';
import { nameFilter, partitionPatterns, splitPatterns } from '../../src/core/patterns.js';

describe('splitting pattern inputs', () => {
  it.each([
    [['dist/**'], ['dist/**']],
    [['a, b,c'], ['a', 'b', 'c']],
    [['a\nb\n\n c \n'], ['a', 'b', 'c']],
    [
      ['a', ' ', 'b,,'],
      ['a', 'b'],
    ],
    [[], []],
  ])('%j gives %j', (values, patterns) => {
    expect(splitPatterns(values)).toEqual(patterns);
  });
});

describe('includes and excludes', () => {
  it('are told apart by a leading !, each kept in order, the ! dropped', () => {
    expect(partitionPatterns(['a/**', '!a/b/**', 'c', '!*.md'])).toEqual({
      includes: ['a/**', 'c'],
      excludes: ['a/b/**', '*.md'],
    });
  });

  it('filter names: included by any include and by no exclude, dotfiles like any other', () => {
    const chosen = nameFilter(picomatch, ['*.tgz', '*.zip'], ['debug-*']);
    expect(['app.tgz', '.hidden.zip', 'debug-app.tgz', 'notes.md'].filter((n) => chosen(n))).toEqual([
      'app.tgz',
      '.hidden.zip',
    ]);
  });

  it('filter every name with no include given, and none with an empty list of includes', () => {
    expect(nameFilter(picomatch, undefined, ['*.md'])('app.tgz')).toBe(true);
    expect(nameFilter(picomatch, undefined, ['*.md'])('notes.md')).toBe(false);
    expect(nameFilter(picomatch, [], [])('app.tgz')).toBe(false);
  });

  it('need no glob matcher when there is nothing to compile', () => {
    const none = () => {
      throw new Error('compiled a glob');
    };
    expect(nameFilter(none, undefined, [])('anything')).toBe(true);
  });
});
