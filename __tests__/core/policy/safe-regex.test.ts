import { describe, expect, it } from '@jest/globals';
import {
  compileSafePattern,
  matchesSafePattern,
  MAX_PATTERN_LENGTH,
  unsafeConstruct,
} from '../../../src/core/policy/safe-regex.js';
import { isProvenantError } from '../../../src/core/errors.js';

describe('safe identity patterns', () => {
  it.each([
    'https://github\\.com/octo-org/.*',
    'https://github\\.com/octo-org/[^/]+/\\.github/workflows/release\\.yml@refs/tags/v.*',
    'https://github\\.com/(?:octo-org|other-org)/app/.+',
    'https://github\\.com/octo-org/(app|lib)/\\.github/workflows/r\\.yml@refs/heads/main',
    'x(?<name>y)?z{2,3}',
    'a*?b',
  ])('accepts %s', (source) => {
    expect(unsafeConstruct(source)).toBeUndefined();
    expect(() => compileSafePattern(source, '--cert-identity-regex')).not.toThrow();
  });

  it.each<[string, RegExp]>([
    ['(a+)+$', /quantified group/],
    ['(a|a)*', /quantified group/],
    ['(?:a*)*', /quantified group/],
    ['((ab)+c)+', /quantified group/],
    ['(\\w+\\s?)*', /quantified group/],
    ['(a{1,})+', /quantified group/],
    ['(a)\\1', /back-reference/],
    ['(?<x>a)\\k<x>', /back-reference/],
    ['.*a.*b.*c.*d', /unbounded/],
  ])('refuses %s', (source, why) => {
    expect(unsafeConstruct(source)).toMatch(why);
    expect(() => compileSafePattern(source, '--cert-identity-regex')).toThrow(
      /nested repetition or back-references/,
    );
  });

  it('refuses invalid and overlong patterns with a usage error', () => {
    for (const source of ['https://github.com/(', '[z-a]', '', 'a'.repeat(MAX_PATTERN_LENGTH + 1)]) {
      try {
        compileSafePattern(source, '--cert-identity-regex');
        throw new Error(`accepted ${source}`);
      } catch (e) {
        expect(isProvenantError(e) && e.exitCode === 2 && e.code === 'INPUT_INVALID').toBe(true);
      }
    }
  });

  it('anchors at both ends', () => {
    const p = compileSafePattern('b', 'r');
    expect(matchesSafePattern(p, 'b')).toBe(true);
    expect(matchesSafePattern(p, 'ab')).toBe(false);
    expect(matchesSafePattern(p, 'ba')).toBe(false);
    expect(matchesSafePattern(compileSafePattern('^b$', 'r'), 'b')).toBe(true);
  });

  it('matches the worst case of an accepted pattern quickly', () => {
    const p = compileSafePattern('.*a.*a.*b', 'r');
    const started = Date.now();
    expect(matchesSafePattern(p, 'a'.repeat(1024))).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(matchesSafePattern(p, 'a'.repeat(5000))).toBe(false); // over the subject limit: refused outright
  });
});
