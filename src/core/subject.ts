import { type DigestAlgorithm, type DigestSet } from './digest.js';
import { inputError, ProvenantError, quote } from './errors.js';

/** One thing the provenance speaks about: a name relative to the base directory and its digests. */
export interface Subject {
  name: string;
  digest: DigestSet;
  /** Bytes, when the subject was hashed here (absent for digests given explicitly). */
  size?: number;
}

/**
 * Subject names are POSIX paths relative to the base directory, so `a/x` and `b/x` never collide (GitHub's action
 * uses the basename, which does). Names that would let a consumer write outside a directory are refused.
 */
export function normaliseSubjectName(raw: string, where: string): string {
  // Most names (every one a directory walk produces) are already in normal form: one test instead of the full work,
  // which showed in collecting 100,000 files.
  if (raw.length > 0 && !NEEDS_NORMALISING.test(raw)) return raw;
  if (raw.length === 0) {
    throw inputError(
      'SUBJECT_NAME_INVALID',
      `${where}: expected a subject name, got an empty string. Give each subject a file name.`,
    );
  }
  if (/[\0\n\r]/.test(raw)) {
    throw inputError(
      'SUBJECT_NAME_INVALID',
      `${where}: expected a subject name without NUL or line breaks, got ${quote(raw)}. Rename the file.`,
    );
  }
  // Backslashes stay: on Linux they are ordinary name characters (the filesystem adapter already gives POSIX paths).
  const name = raw;
  if (name.startsWith('/') || /^[A-Za-z]:[\\/]/.test(name)) {
    throw inputError(
      'SUBJECT_NAME_INVALID',
      `${where}: expected a relative subject name, got the absolute path ${quote(raw)}. Name subjects relative to the base directory.`,
    );
  }
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      throw inputError(
        'SUBJECT_NAME_INVALID',
        `${where}: expected a subject name inside the base directory, got ${quote(raw)} which climbs out with "..". ` +
          'Choose a base directory that contains the file.',
      );
    }
    parts.push(part);
  }
  if (parts.length === 0) {
    throw inputError('SUBJECT_NAME_INVALID', `${where}: expected a file name, got ${quote(raw)}.`);
  }
  const normalised = parts.join('/');
  // Dropping a leading "./" must not uncover a drive letter ("./C:/x" would become the absolute "C:/x").
  if (/^[A-Za-z]:[\\/]/.test(normalised)) {
    throw inputError(
      'SUBJECT_NAME_INVALID',
      `${where}: expected a relative subject name, got ${quote(raw)}, which is the absolute path ${quote(normalised)}. Name subjects relative to the base directory.`,
    );
  }
  return normalised;
}

/**
 * Matches names the full normaliser must see: an empty, `.` or `..` segment (including a leading or trailing `/`), a
 * NUL or line break, or a leading drive letter.
 */
const NEEDS_NORMALISING = /(?:^|\/)\.{0,2}(?:\/|$)|[\0\n\r]|^[A-Za-z]:[\\/]/;

/** Byte-wise order, the same on every machine and locale. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Subjects from one input; `origin` names the input in messages. */
export interface SubjectGroup {
  origin?: string;
  subjects: readonly Subject[];
}

/**
 * Merges subjects that name the same file, across inputs. The same name with agreeing digests is one subject (the
 * union of its algorithms); any disagreement means two different files claim one name, which a statement must not
 * hide. A subject named once is passed through as it is, not copied: a release of 100,000 files would otherwise hold
 * two or three copies of its subject list at the peak. Subjects given are never changed.
 */
export function mergeSubjects(groups: readonly SubjectGroup[]): Subject[] {
  // The usual run has one input whose names are already unique and in order (found files are sorted and deduplicated):
  // strictly increasing names prove both, and spare a map of every name.
  const nonEmpty = groups.filter((g) => g.subjects.length > 0);
  if (nonEmpty.length <= 1 && strictlyIncreasing(nonEmpty[0]?.subjects ?? [])) {
    return [...(nonEmpty[0]?.subjects ?? [])];
  }
  const at = new Map<string, number>();
  const out: Subject[] = [];
  const origins: (string | undefined)[] = [];
  /** Subjects in `out` that are copies of ours, safe to change. */
  const copied = new Set<number>();
  for (const group of groups) {
    for (const s of group.subjects) {
      const k = at.get(s.name);
      if (k === undefined) {
        at.set(s.name, out.length);
        out.push(s);
        origins.push(group.origin);
        continue;
      }
      if (!copied.has(k)) {
        const first = out[k]!;
        out[k] = { ...first, digest: { ...first.digest } };
        copied.add(k);
      }
      const seen = out[k]!;
      for (const [alg, hex] of Object.entries(s.digest) as [DigestAlgorithm, string][]) {
        const other = seen.digest[alg];
        if (other !== undefined && other !== hex) {
          throw new ProvenantError(
            'SUBJECT_CONFLICT',
            `subject ${quote(s.name)} has two different ${alg} digests: ${other} (from ${origins[k] ?? 'an earlier input'}) ` +
              `and ${hex} (from ${group.origin ?? 'a later input'}). Expected one digest per name: remove the stale input ` +
              'or give the files different names.',
          );
        }
        seen.digest[alg] = hex;
      }
      if (seen.size === undefined && s.size !== undefined) seen.size = s.size;
    }
  }
  // Hashed files arrive already in order: checking costs one pass, sorting a hundred thousand names much more. Names
  // in `out` are unique by now, so "in order" and "strictly increasing" are the same test.
  return strictlyIncreasing(out) ? out : out.sort((a, b) => compareNames(a.name, b.name));
}

function strictlyIncreasing(subjects: readonly Subject[]): boolean {
  for (let i = 1; i < subjects.length; i++) {
    if (compareNames(subjects[i - 1]!.name, subjects[i]!.name) >= 0) return false;
  }
  return true;
}
