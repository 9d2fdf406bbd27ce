import { DIGEST_ALGORITHMS, type DigestAlgorithm, normaliseHex, parseAlgorithm } from './digest.js';
import { inputError, quote } from './errors.js';
import { normaliseSubjectName, type Subject } from './subject.js';

/**
 * GNU coreutils checksum files: `<hex>  <name>` (text mode) or `<hex> *<name>` (binary mode), a leading `\` when the
 * name has backslash escapes (`\\`, `\n`, `\r`), and the BSD `--tag` form `SHA256 (name) = <hex>`.
 * The algorithm comes from the tag, else from the digest length.
 */
export function parseChecksums(text: string, source: string): Subject[] {
  const subjects: Subject[] = [];
  const lines = text.split('\n');
  lines.forEach((rawLine, index) => {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '' || line.startsWith('#')) return;
    const where = `${source}:${index + 1}`;
    const parsed = parseTagLine(line, where) ?? parseGnuLine(line, where);
    subjects.push({
      name: normaliseSubjectName(parsed.name, where),
      digest: { [parsed.algorithm]: parsed.hex },
    });
  });
  return subjects;
}

function parseTagLine(
  line: string,
  where: string,
): { algorithm: DigestAlgorithm; hex: string; name: string } | undefined {
  // `s`: a name may hold U+2028 or U+2029, which `.` alone does not match (line breaks were split off already).
  const m = /^(\\?)(SHA256|SHA384|SHA512|[A-Za-z0-9-]+) \((.*)\) = ([0-9A-Za-z]+)$/s.exec(line);
  if (!m) return undefined;
  const algorithm = parseAlgorithm(m[2]!, where);
  const name = m[1] ? unescapeName(m[3]!, where) : m[3]!;
  return { algorithm, hex: normaliseHex(algorithm, m[4]!, where), name };
}

function parseGnuLine(
  line: string,
  where: string,
): { algorithm: DigestAlgorithm; hex: string; name: string } {
  const escaped = line.startsWith('\\');
  const body = escaped ? line.slice(1) : line;
  const m = /^([0-9A-Fa-f]+) ([ *])(.+)$/s.exec(body);
  if (!m) {
    throw inputError(
      'CHECKSUM_LINE_INVALID',
      `${where}: expected "<hex digest>  <file name>" as sha256sum prints it, got ${quote(line)}. ` +
        'Regenerate the file with `sha256sum FILES > SHA256SUMS` or fix this line.',
    );
  }
  const hex = m[1]!;
  const algorithm = algorithmForLength(hex.length, where, line);
  return {
    algorithm,
    hex: normaliseHex(algorithm, hex, where),
    name: escaped ? unescapeName(m[3]!, where) : m[3]!,
  };
}

function algorithmForLength(length: number, where: string, line: string): DigestAlgorithm {
  for (const [alg, len] of Object.entries(DIGEST_ALGORITHMS) as [DigestAlgorithm, number][]) {
    if (len === length) return alg;
  }
  throw inputError(
    'DIGEST_INVALID',
    `${where}: expected a sha256, sha384 or sha512 digest (64, 96 or 128 hexadecimal characters), got ${length} ` +
      `characters in ${quote(line)}. Use sha256sum, sha384sum or sha512sum to make the file.`,
  );
}

function unescapeName(name: string, where: string): string {
  return name.replace(/\\(.)/g, (_all, c: string) => {
    if (c === '\\') return '\\';
    if (c === 'n') return '\n';
    if (c === 'r') return '\r';
    throw inputError(
      'CHECKSUM_LINE_INVALID',
      `${where}: expected the escapes \\\\, \\n or \\r in an escaped name, got "\\${c}".`,
    );
  });
}

/**
 * Lines `sha256sum -c` accepts. Names with a backslash or line break get GNU's escaped form, so every name
 * round-trips exactly.
 */
export function formatChecksums(subjects: readonly Subject[], algorithm: DigestAlgorithm = 'sha256'): string {
  // Lines joined once: appending to one string instead builds a rope of every piece, which flattening then costs
  // more than the formatting itself (measured: README §Performance).
  const lines: string[] = [];
  for (const s of subjects) {
    const hex = s.digest[algorithm];
    if (hex === undefined) continue;
    lines.push(
      NEEDS_ESCAPE.test(s.name)
        ? `\\${hex}  ${s.name.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}\n`
        : `${hex}  ${s.name}\n`,
    );
  }
  return lines.join('');
}

const NEEDS_ESCAPE = /[\\\n\r]/;

/**
 * Which algorithms `hash` prints. Asked for explicitly, every subject must have each; by default (sha256), subjects
 * that all share another algorithm (a sha512sum file) print in that one, and a mix that no single list serves is an
 * error that says which subjects lack what, never an empty output.
 */
export function checksumAlgorithms(
  subjects: readonly Subject[],
  asked: readonly DigestAlgorithm[],
  explicit: boolean,
): DigestAlgorithm[] {
  const lacking = (alg: DigestAlgorithm) => subjects.filter((s) => s.digest[alg] === undefined);
  const missing = asked.flatMap((alg) => (lacking(alg).length > 0 ? [alg] : []));
  if (missing.length === 0) return [...asked];
  if (!explicit) {
    const shared = (['sha256', 'sha384', 'sha512'] as const).filter((alg) => lacking(alg).length === 0);
    if (shared.length > 0) return [shared[0]!];
  }
  const alg = missing[0]!;
  const names = lacking(alg);
  const has = [...new Set(names.flatMap((s) => Object.keys(s.digest)))].join(', ');
  throw inputError(
    'INPUT_INVALID',
    `${explicit ? `--algorithm ${alg}` : `the default algorithm ${alg}`}: expected every subject to have a ${alg} digest, ` +
      `got ${names.length} without one (${names
        .slice(0, 3)
        .map((s) => quote(s.name))
        .join(
          ', ',
        )}${names.length > 3 ? ', …' : ''}, which ${names.length === 1 ? 'has' : 'have'} ${has} only). ` +
      'A checksum file gives only its own algorithm: pass --algorithm with one every subject has, or hash those files instead.',
  );
}
