import { describe, expect, it } from '@jest/globals';
import {
  compileSafePattern,
  matchesSafePattern,
  MAX_PATTERN_LENGTH,
} from '../../../src/core/policy/safe-regex.js';
import { isProvenantError } from '../../../src/core/errors.js';

const IDENTITY = 'https://github.com/octo-org/octo-repo/.github/workflows/release.yml@refs/tags/v1.0.10';
const matches = (source: string, value: string) =>
  matchesSafePattern(compileSafePattern(source, '--cert-identity-regex'), value);

/** The refusal of `source`: its code, exit code and message. */
function refusal(source: string, flag = '--cert-identity-regex') {
  try {
    compileSafePattern(source, flag);
  } catch (e) {
    if (isProvenantError(e)) return { code: e.code, exitCode: e.exitCode, message: e.message };
    throw e;
  }
  throw new Error(`accepted ${source}`);
}

describe('identity patterns, matched in linear time with Go semantics', () => {
  it.each([
    'https://github\\.com/octo-org/.*',
    'https://github\\.com/octo-org/[^/]+/\\.github/workflows/release\\.yml@refs/tags/v.*',
    'https://github\\.com/(?:octo-org|other-org)/octo-repo/.+',
    'https://github\\.com/octo-org/(octo-repo|lib)/\\.github/workflows/release\\.yml@refs/tags/v1\\.0\\.10',
    // Patterns a backtracking engine takes exponential time over: RE2 runs them in one pass.
    '(a+)+$',
    '(.*)*x',
    '(\\w+\\s?)*$',
  ])('accepts %s', (source) => {
    expect(() => compileSafePattern(source, '--cert-identity-regex')).not.toThrow();
  });

  it('matches what Go would: unanchored search, (?i), \\d and friends, end of text for $', () => {
    expect(matches('octo-repo', IDENTITY)).toBe(true);
    expect(matches('^octo-repo', IDENTITY)).toBe(false);
    expect(matches('(?i)^HTTPS://GITHUB\\.COM/', IDENTITY)).toBe(true);
    expect(matches('@refs/tags/v\\d+\\.\\d+\\.\\d+$', IDENTITY)).toBe(true);
    expect(matches('\\bocto-org\\b', IDENTITY)).toBe(true);
    // Go's $ (without the m flag) is the end of the text, not the end of a line; . does not match \n.
    expect(matches('a$', 'a\n')).toBe(false);
    expect(matches('a.b', 'a\nb')).toBe(false);
    expect(matches('(?s)a.b', 'a\nb')).toBe(true);
    expect(matches('\\Aocto\\z', 'octo')).toBe(true);
    // No length cap on values: a linear matcher has no reason to refuse a long one.
    expect(matches('b$', `${'a'.repeat(100_000)}b`)).toBe(true);
  });

  it('says whether a pattern is anchored at the start, flags aside', () => {
    const anchored = (source: string) => compileSafePattern(source, 'r').anchoredAtStart;
    expect(anchored('b')).toBe(false);
    expect(anchored('^b$')).toBe(true);
    expect(anchored('^a|b')).toBe(false);
    expect(anchored('^a|^b')).toBe(true);
    expect(anchored('^(a|b)')).toBe(true);
    expect(anchored('(?i)^a')).toBe(true);
    expect(anchored('\\Aa')).toBe(true);
  });

  it.each<[string, RegExp]>([
    ['https://github.com/(', /missing closing \)/],
    ['[z-a]', /invalid character class range/],
    ['(a)\\1', /invalid escape sequence/],
    ['(?=a)b', /invalid or unsupported Perl syntax/],
    ['a{1001}', /invalid repeat count/],
    ['(?:a{0,1000}){0,1000}', /expression too large/],
  ])('refuses %s with a usage error naming the flag', (source, why) => {
    const r = refusal(source, '--certificate-identity-regexp');
    expect(r).toMatchObject({ code: 'INPUT_INVALID', exitCode: 2 });
    expect(r.message).toMatch(
      /^--certificate-identity-regexp: expected a regular expression in Go's RE2 syntax/,
    );
    expect(r.message).toMatch(why);
  });

  it('refuses empty and overlong patterns', () => {
    for (const source of ['', 'a'.repeat(MAX_PATTERN_LENGTH + 1)])
      expect(refusal(source)).toMatchObject({ code: 'INPUT_INVALID', exitCode: 2 });
  });
});
