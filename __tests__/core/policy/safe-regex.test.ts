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

  // gh and cosign search for the pattern (Go's regexp.MatchString); users copy their patterns verbatim.
  it('searches for the pattern anywhere, as gh and cosign do, unless it is anchored', () => {
    const p = compileSafePattern('b', 'r');
    expect(matchesSafePattern(p, 'b')).toBe(true);
    expect(matchesSafePattern(p, 'ab')).toBe(true);
    expect(matchesSafePattern(p, 'ba')).toBe(true);
    expect(p.anchoredAtStart).toBe(false);
    const anchored = compileSafePattern('^b$', 'r');
    expect(matchesSafePattern(anchored, 'b')).toBe(true);
    expect(matchesSafePattern(anchored, 'ab')).toBe(false);
    expect(anchored.anchoredAtStart).toBe(true);
    expect(compileSafePattern('^a|b', 'r').anchoredAtStart).toBe(false);
    expect(compileSafePattern('^a|^b', 'r').anchoredAtStart).toBe(true);
    expect(compileSafePattern('^(a|b)', 'r').anchoredAtStart).toBe(true);
  });

  it('counts the search of an unanchored pattern as one more unbounded repetition', () => {
    expect(() => compileSafePattern('^.*a.*a.*b', 'r')).not.toThrow();
    expect(() => compileSafePattern('a.*a.*b', 'r')).not.toThrow();
    // Measured: searching for this in 1 KiB of "a" takes minutes; anchored, it takes about a second.
    expect(() => compileSafePattern('a[^b]*a[^b]*a[^b]*c', 'r')).toThrow(/one more '\.\*'/);
    expect(() => compileSafePattern('.*a.*a.*b', 'r')).toThrow(/more than 3 unbounded/);
  });

  it("honours Go's leading (?i)", () => {
    expect(matchesSafePattern(compileSafePattern('(?i)^HTTPS://', 'r'), 'https://x')).toBe(true);
  });

  it('matches the worst case of an accepted pattern quickly', () => {
    for (const source of ['^.*a.*a.*b', 'a.*a.*b']) {
      const p = compileSafePattern(source, 'r');
      const started = Date.now();
      expect(matchesSafePattern(p, 'a'.repeat(1024))).toBe(false);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(matchesSafePattern(p, 'a'.repeat(5000))).toBe(false); // over the subject limit: refused outright
    }
  });
});
