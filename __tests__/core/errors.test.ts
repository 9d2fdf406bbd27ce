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

describe('one exit code per error code', () => {
  it('usage errors exit 2 and failed checks exit 1, whoever throws them', async () => {
    const { ProvenantError, inputError, exitCodeOf } = await import('../../src/core/errors.js');
    expect(new ProvenantError('INPUT_INVALID', 'x').exitCode).toBe(2);
    expect(inputError('SUBJECT_MISMATCH', 'x').exitCode).toBe(1);
    expect(new ProvenantError('BUNDLE_NOT_FOUND', 'x').exitCode).toBe(1);
    expect(exitCodeOf('PATH_OUTSIDE_BASE')).toBe(2);
    expect(exitCodeOf('SIGNATURE_INVALID')).toBe(1);
  });

  it('no source sets an exit code by hand', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const root = path.join(process.cwd(), 'src');
    const offenders = (readdirSync(root, { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts') && f !== path.join('core', 'errors.ts'))
      .filter((f) => /exitCode:\s*[12]\s*[,}]/.test(readFileSync(path.join(root, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});

describe('README lists the usage error codes', () => {
  it('exactly the codes that exit 2', async () => {
    const { readFileSync } = await import('node:fs');
    const { USAGE_ERROR_CODES } = await import('../../src/core/errors.js');
    const readme = readFileSync('README.md', 'utf8');
    const listed = /each code has one\s+exit code: 2 for ([^(]+)\(/
      .exec(readme)![1]!
      .match(/`([A-Z_]+)`/g)!
      .map((c) => c.slice(1, -1));
    expect(listed.sort()).toEqual([...USAGE_ERROR_CODES].sort());
  });
});
