import { describe, expect, it } from '@jest/globals';
import { inputError, isProvenantError, ProvenantError } from '../../src/core/errors.js';

describe('recognising Provenant errors', () => {
  it('recognises its own errors, with their code and exit code', () => {
    const e = inputError('INPUT_INVALID', 'bad');
    expect(isProvenantError(e)).toBe(true);
    expect(e).toBeInstanceOf(ProvenantError);
    expect([e.code, e.exitCode]).toEqual(['INPUT_INVALID', 2]);
  });

  it('recognises an error made by another bundled copy of the class, by its mark', () => {
    // What a copy in a separately bundled part of dist/ produces: a different class, the same mark.
    const copy = Object.assign(new Error('from the hash command'), {
      [Symbol.for('provenant.error')]: true,
      code: 'NO_FILES_FOUND',
      exitCode: 1,
    });
    expect(copy).not.toBeInstanceOf(ProvenantError);
    expect(isProvenantError(copy)).toBe(true);
  });

  it('does not take other errors, or look-alikes without the mark, for its own', () => {
    expect(isProvenantError(new Error('x'))).toBe(false);
    expect(
      isProvenantError(Object.assign(new Error('x'), { name: 'ProvenantError', code: 'INTERNAL' })),
    ).toBe(false);
    expect(isProvenantError({ [Symbol.for('provenant.error')]: true })).toBe(false);
    expect(isProvenantError(undefined)).toBe(false);
  });
});
