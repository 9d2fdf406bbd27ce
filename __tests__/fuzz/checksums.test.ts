import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { formatChecksums, parseChecksums } from '../../src/core/checksums.js';
import { isProvenantError } from '../../src/core/errors.js';
import type { Subject } from '../../src/core/subject.js';

const RUNS = { seed: 42, numRuns: 300 };

const hex = (length: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length });

/** One name segment: anything but "/" and the characters names may not hold, never "." or "..". */
const segment = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 10 })
  .map((s) => s.replace(/[/\0\n\r]/g, '_'))
  .filter((s) => s !== '.' && s !== '..');
const name = fc
  .array(segment, { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join('/'))
  .filter((n) => !/^[A-Za-z]:[\\/]/.test(n));

const subjects = fc.uniqueArray(
  fc.record({ name, digest: fc.record({ sha256: hex(64) }) }) as fc.Arbitrary<Subject>,
  { selector: (s) => s.name, maxLength: 20 },
);

/** Lines close to what sha256sum writes, broken in the ways files get broken. */
const checksumLine = fc.oneof(
  fc
    .tuple(hex(64), fc.constantFrom('  ', ' *', ' ', '\t', '   '), fc.string({ maxLength: 20 }))
    .map(([h, sep, n]) => `${h}${sep}${n}`),
  fc
    .tuple(fc.constantFrom('\\', ''), hex(64), fc.string({ maxLength: 20 }))
    .map(([esc, h, n]) => `${esc}${h}  ${n}`),
  fc
    .tuple(
      fc.constantFrom('SHA256', 'SHA512', 'MD5', 'sha256', '\\SHA256'),
      fc.string({ maxLength: 20 }),
      hex(64),
    )
    .map(([alg, n, h]) => `${alg} (${n}) = ${h}`),
  fc.tuple(hex(63), fc.string({ maxLength: 10 })).map(([h, n]) => `${h}  ${n}`),
  fc.constantFrom('', '#', '# comment', '\r', '  ', '../x', `${'a'.repeat(64)}  ../../etc/passwd`),
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
);
const checksumFile = fc
  .tuple(fc.array(checksumLine, { maxLength: 12 }), fc.constantFrom('\n', '\r\n'))
  .map(([lines, eol]) => lines.join(eol));

describe('checksum parser (property-based)', () => {
  it('format → parse gives back exactly the subjects, for any valid names (escapes included)', () => {
    fc.assert(
      fc.property(subjects, (list) => {
        expect(parseChecksums(formatChecksums(list), 'fuzz')).toEqual(list);
      }),
      RUNS,
    );
  });

  it('never throws anything but a ProvenantError with a code that names the line', () => {
    fc.assert(
      fc.property(checksumFile, (text) => {
        try {
          const parsed = parseChecksums(text, 'SUMS');
          for (const s of parsed) {
            expect(s.name.split('/')).not.toContain('..');
            expect(s.name.startsWith('/')).toBe(false);
          }
        } catch (e) {
          if (!isProvenantError(e)) throw e;
          expect(e.code).toMatch(/^[A-Z_]+$/);
          expect(e.exitCode).toBe(2);
          expect(e.message).toMatch(/^SUMS:\d+: /);
        }
      }),
      RUNS,
    );
  });

  it('a parse of a parse is stable: parse(format(parse(x))) = parse(x)', () => {
    fc.assert(
      fc.property(checksumFile, (text) => {
        let once: Subject[];
        try {
          once = parseChecksums(text, 'SUMS');
        } catch {
          return;
        }
        const sha256Only = once.filter((s) => s.digest.sha256 !== undefined);
        expect(parseChecksums(formatChecksums(sha256Only), 'again')).toEqual(sha256Only);
      }),
      RUNS,
    );
  });

  it('found by this fuzz test: a name holding U+2028 (legal on Linux, printed as is by sha256sum) round-trips', () => {
    const list: Subject[] = [{ name: 'odd\u2028name\u2029.tar.gz', digest: { sha256: '0'.repeat(64) } }];
    expect(parseChecksums(formatChecksums(list), 'SUMS')).toEqual(list);
    expect(parseChecksums(`SHA256 (odd\u2028name) = ${'0'.repeat(64)}`, 'SUMS')[0]!.name).toBe(
      'odd\u2028name',
    );
  });
});
