import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isProvenantError } from '../../src/core/errors.js';
import { normaliseSubjectName } from '../../src/core/subject.js';

const RUNS = { seed: 42, numRuns: 300 };

/** Path-shaped strings: segments that are often `.`, `..`, empty, drive-letter-like or backslashed. */
const segment = fc.oneof(
  fc.constantFrom('', '.', '..', '...', 'C:', 'c:', 'a', 'dist', '..\\x', 'x\\..', ' ', '~', '%2e%2e'),
  fc.string({ maxLength: 6 }),
);
const pathLike = fc.oneof(
  fc.array(segment, { maxLength: 8 }).map((parts) => parts.join('/')),
  fc
    .tuple(fc.constantFrom('', '/', './', '//', 'C:/', 'C:\\', '../'), fc.array(segment, { maxLength: 5 }))
    .map(([head, parts]) => head + parts.join('/')),
  fc.string({ maxLength: 40 }),
);

/** Outcome of normalising: the name, or the error code (anything but a ProvenantError is rethrown). */
function normalise(raw: string): { name: string } | { code: string } {
  try {
    return { name: normaliseSubjectName(raw, 'fuzz') };
  } catch (e) {
    if (isProvenantError(e)) return { code: e.code };
    throw e;
  }
}

describe('subject-name normaliser (property-based)', () => {
  it('never returns a name with a ".." segment, an empty or "." segment, or an absolute form', () => {
    fc.assert(
      fc.property(pathLike, (raw) => {
        const out = normalise(raw);
        if ('code' in out) {
          expect(out.code).toBe('SUBJECT_NAME_INVALID');
          return;
        }
        const parts = out.name.split('/');
        expect(parts).not.toContain('..');
        expect(parts).not.toContain('.');
        expect(parts).not.toContain('');
        expect(out.name.startsWith('/')).toBe(false);
        expect(out.name).not.toMatch(/^[A-Za-z]:[\\/]/);
        expect(out.name).not.toMatch(/[\0\n\r]/);
      }),
      RUNS,
    );
  });

  it('is idempotent: a normalised name normalises to itself', () => {
    fc.assert(
      fc.property(pathLike, (raw) => {
        const once = normalise(raw);
        if ('code' in once) return;
        expect(normalise(once.name)).toEqual(once);
      }),
      RUNS,
    );
  });

  it('only ever throws SUBJECT_NAME_INVALID, for any string at all', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (raw) => {
        const out = normalise(raw);
        if ('code' in out) expect(out.code).toBe('SUBJECT_NAME_INVALID');
      }),
      RUNS,
    );
  });

  it('found by this fuzz test: "./C:/x" once normalised to the Windows-absolute "C:/x"', () => {
    expect(normalise('./C:/x')).toEqual({ code: 'SUBJECT_NAME_INVALID' });
    expect(normalise('.//C:\\x')).toEqual({ code: 'SUBJECT_NAME_INVALID' });
    expect(normalise('a/C:/x')).toEqual({ name: 'a/C:/x' });
  });
});
