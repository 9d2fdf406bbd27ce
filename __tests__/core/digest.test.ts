import { describe, expect, it } from '@jest/globals';
import { normaliseHex, parseAlgorithm, parseDigestRef } from '../../src/core/digest.js';
import { ProvenantError } from '../../src/core/errors.js';

describe('digest references', () => {
  it('parses and lower-cases sha256:<hex>', () => {
    expect(parseDigestRef(`SHA256:${'AB'.repeat(32)}`, 'test')).toEqual({
      algorithm: 'sha256',
      hex: 'ab'.repeat(32),
    });
  });
  it.each([
    ['sha256:abc', 'DIGEST_INVALID'],
    [`md5:${'0'.repeat(32)}`, 'DIGEST_ALGORITHM_UNKNOWN'],
    ['nocolon', 'DIGEST_INVALID'],
    [`sha512:${'g'.repeat(128)}`, 'DIGEST_INVALID'],
  ])('refuses %s with %s', (value, code) => {
    expect(() => parseDigestRef(value, 'test')).toThrow(expect.objectContaining({ code }));
  });
  it('names the input and the fix', () => {
    try {
      normaliseHex('sha384', 'abc', 'subject-digest');
      throw new Error('not thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(ProvenantError);
      expect((e as Error).message).toMatch(
        /subject-digest: expected a sha384 digest of 96 hexadecimal characters, got "abc"/,
      );
    }
  });
  it('accepts only known algorithms', () => {
    expect(parseAlgorithm('SHA512', 'x')).toBe('sha512');
  });
});
