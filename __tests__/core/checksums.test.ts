import { describe, expect, it } from '@jest/globals';
import { formatChecksums, parseChecksums } from '../../src/core/checksums.js';

const a = 'a'.repeat(64);
const b = 'b'.repeat(128);

describe('checksum files', () => {
  it('reads text mode, binary mode, sha512, escaped names, CRLF, comments and blank lines', () => {
    const text = [
      `${a}  dist/app.tar.gz`,
      `${a.toUpperCase()} *bin/tool.exe`,
      `${b}  big.iso`,
      `\\${a}  odd\\\\name`,
      '# a comment',
      '',
      `${a}  with  two  spaces\r`,
    ].join('\n');
    expect(parseChecksums(text, 'SUMS')).toEqual([
      { name: 'dist/app.tar.gz', digest: { sha256: a } },
      { name: 'bin/tool.exe', digest: { sha256: a } },
      { name: 'big.iso', digest: { sha512: b } },
      { name: 'odd\\name', digest: { sha256: a } },
      { name: 'with  two  spaces', digest: { sha256: a } },
    ]);
  });

  it('refuses an escaped name holding a line break (no consumer could name that file safely)', () => {
    expect(() => parseChecksums(`\\${a}  two\\nlines\n`, 'SUMS')).toThrow(
      expect.objectContaining({ code: 'SUBJECT_NAME_INVALID', message: expect.stringContaining('SUMS:1') }),
    );
  });

  it('reads the BSD --tag form', () => {
    expect(parseChecksums(`SHA256 (dist/a b) = ${a}\n`, 'SUMS')).toEqual([
      { name: 'dist/a b', digest: { sha256: a } },
    ]);
  });

  it('reports the file and the line number of a malformed line', () => {
    expect(() => parseChecksums(`${a}  ok\nnot a checksum line\n`, 'SHA256SUMS')).toThrow(
      expect.objectContaining({
        code: 'CHECKSUM_LINE_INVALID',
        message: expect.stringContaining('SHA256SUMS:2'),
      }),
    );
  });

  it('refuses a digest of a length no algorithm has', () => {
    expect(() => parseChecksums(`${'a'.repeat(40)}  sha1-file\n`, 'SUMS')).toThrow(
      expect.objectContaining({ code: 'DIGEST_INVALID', message: expect.stringContaining('SUMS:1') }),
    );
  });

  it('refuses an unknown algorithm in the tag form', () => {
    expect(() => parseChecksums(`MD5 (x) = ${'a'.repeat(32)}\n`, 'SUMS')).toThrow(
      expect.objectContaining({ code: 'DIGEST_ALGORITHM_UNKNOWN' }),
    );
  });

  it('refuses names that climb out of the directory', () => {
    expect(() => parseChecksums(`${a}  ../../etc/passwd\n`, 'SUMS')).toThrow(
      expect.objectContaining({ code: 'SUBJECT_NAME_INVALID', message: expect.stringContaining('SUMS:1') }),
    );
  });

  it('round-trips what it formats, including backslashes', () => {
    const subjects = [
      { name: 'a/b', digest: { sha256: a } },
      { name: 'back\\slash', digest: { sha256: a } },
    ];
    const text = formatChecksums(subjects);
    expect(text).toBe(`${a}  a/b\n\\${a}  back\\\\slash\n`);
    expect(parseChecksums(text, 'x')).toEqual(subjects);
  });
});
