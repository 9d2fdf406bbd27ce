import { describe, expect, it } from '@jest/globals';
import { isProvenantError } from '../../src/core/errors.js';
import { parseJq, renderJq, runJq } from '../../src/cli/verify-jq.js';

const result = {
  verified: false,
  artifacts: [
    {
      artifact: 'a.tgz',
      verified: true,
      digest: { sha256: 'aa' },
      failures: [],
      certificate: { issuer: 'https://i' },
    },
    {
      artifact: 'b.tgz',
      verified: false,
      code: 'SUBJECT_MISMATCH',
      failures: [{ code: 'SUBJECT_MISMATCH' }],
    },
  ],
};

const jq = (expression: string, input: unknown = result) => runJq(parseJq(expression), input);

describe('the --jq subset', () => {
  it.each<[string, unknown[]]>([
    ['.', [result]],
    ['.verified', [false]],
    ['.artifacts[0].artifact', ['a.tgz']],
    ['.artifacts[-1].code', ['SUBJECT_MISMATCH']],
    ['.artifacts[].artifact', ['a.tgz', 'b.tgz']],
    ['.artifacts | .[] | .artifact', ['a.tgz', 'b.tgz']],
    ['.artifacts[0].digest.sha256', ['aa']],
    ['.artifacts[0]["digest"].sha256', ['aa']],
    ['.artifacts[0].certificate.issuer', ['https://i']],
    ['.artifacts[1].certificate', [null]],
    ['.artifacts[5]', [null]],
    ['.artifacts[] | select(.verified == true) | .artifact', ['a.tgz']],
    ['.artifacts[] | select(.code != "SUBJECT_MISMATCH") | .artifact', ['a.tgz']],
    ['.artifacts[] | select(.failures[].code == "SUBJECT_MISMATCH") | .artifact', ['b.tgz']],
    ['.artifacts[0].digest[]', ['aa']],
    ['.artifacts[] | select(.artifact == "a|b") | .artifact', []],
  ])('%s', (expression, outputs) => {
    expect(jq(expression)).toEqual(outputs);
  });

  it.each([
    '',
    'artifacts',
    '.artifacts | length',
    '.artifacts[] | select(.verified)',
    '.artifacts[] | select(.verified > 1)',
    '.a, .b',
    '.artifacts[] | select(.x == foo)',
    '.a[1:2]',
  ])('refuses %j as a usage error naming the subset', (expression) => {
    try {
      parseJq(expression);
      throw new Error('accepted');
    } catch (e) {
      expect(isProvenantError(e) && e.code === 'USAGE' && e.exitCode === 2).toBe(true);
      expect((e as Error).message).toMatch(
        /^--jq: expected an expression of the supported subset, .*Supported: `\.`/,
      );
    }
  });

  it('refuses to index or iterate what cannot be, as jq does', () => {
    expect(() => jq('.verified.x')).toThrow(/cannot index boolean with "x"/);
    expect(() => jq('.verified[]')).toThrow(/cannot iterate over boolean/);
    expect(() => jq('.artifacts.x')).toThrow(/cannot index array/);
  });

  it('prints strings as they are (control characters escaped) and other values as JSON, one per line', () => {
    expect(renderJq(['a.tgz', { x: 1 }, null, 'evil\nVERIFIED', 'x\u2028y'])).toBe(
      'a.tgz\n{"x":1}\nnull\nevil\\x0aVERIFIED\nx\\u{2028}y\n',
    );
  });
});
