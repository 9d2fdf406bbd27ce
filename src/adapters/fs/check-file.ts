import type { Stats } from 'node:fs';
import path from 'node:path';
import { ProvenantError, quote } from '../../core/errors.js';
import type { FoundFile } from '../../core/files.js';
import { normaliseSubjectName } from '../../core/subject.js';
import { fs, util } from '../builtins.js';
import { fileOutsideBase, insideBase, nameInBase } from './containment.js';
import type { Candidate, Scope } from './expand-pattern.js';
import { staticPrefix, toPosix } from './globs.js';

const { statSync } = fs;
const lstat = util.promisify(fs.lstat);
const realpath = util.promisify(fs.realpath);

/** Paths resolved at once. */
const CHECK_BATCH = 64;

/**
 * Turns one pattern's matches into found files, or refuses the first that is not a regular file inside the base
 * directory. `sized`: the matches are few enough to look each one up for its size.
 */
export async function checkMatches(
  matches: Candidate[],
  pattern: string,
  scope: Scope,
  sized: boolean,
): Promise<FoundFile[]> {
  await resolveLocations(matches, pattern, scope.input);
  const where = `${scope.input} ${quote(pattern)}`;
  return matches.map((candidate) => checkFile(candidate, pattern, where, scope, sized));
}

/**
 * Where the matches really lead, for those the walk does not know it of (links, or paths named directly). They are
 * resolved side by side, since each costs metadata calls whose latency, not CPU, dominates; a problem is kept with
 * its match, to be reported in the matches' order whatever the timing.
 */
async function resolveLocations(matches: Candidate[], pattern: string, input: string): Promise<void> {
  const unresolved = matches.filter((m) => m.real === undefined);
  for (let i = 0; i < unresolved.length; i += CHECK_BATCH) {
    await Promise.all(
      unresolved.slice(i, i + CHECK_BATCH).map((m) =>
        resolveReal(m.path, pattern, input).then(
          (real) => (m.real = real),
          (e: unknown) => (m.failure = e instanceof Error ? e : new Error(String(e))),
        ),
      ),
    );
  }
}

function checkFile(
  candidate: Candidate,
  pattern: string,
  where: string,
  scope: Scope,
  sized: boolean,
): FoundFile {
  const { input } = scope;
  const absolute = candidate.path;
  if (candidate.failure !== undefined) throw candidate.failure;
  const real = candidate.real ?? absolute;
  if (!scope.allowOutsideBase && !candidate.realInside && !insideBase(scope.base, real, 'resolved'))
    throw fileOutsideBase(input, { path: absolute, pattern, real }, scope.base, scope.names);
  // The walk already knows a plain file is one; anything else is looked at, as is every file of a small match.
  if (candidate.regular && !sized)
    return { name: nameOf(candidate, pattern, where, scope), path: absolute, pattern };
  // Synchronous on purpose: metadata of files just listed is cached, and a direct call is much cheaper than a round
  // trip through the thread pool; collection is all this process is doing.
  let st: Stats;
  try {
    st = statSync(real);
  } catch (e) {
    throw new ProvenantError(
      'FILE_UNREADABLE',
      `${input}: cannot read ${quote(absolute)} (matched by ${quote(pattern)}): ${(e as NodeJS.ErrnoException).code ?? String(e)}.`,
    );
  }
  if (!st.isFile()) {
    throw new ProvenantError(
      'NOT_REGULAR_FILE',
      `${input}: ${quote(absolute)} (matched by ${quote(pattern)}) is a ${kindOf(st)}, expected a regular file. ` +
        'Exclude it with a "!" pattern or point the input at the build outputs only.',
    );
  }
  return { name: nameOf(candidate, pattern, where, scope), path: absolute, pattern, size: st.size };
}

/** The subject name: the walk's, or the path below the base directory, or (outside it) below the pattern's prefix. */
function nameOf(candidate: Candidate, pattern: string, where: string, scope: Scope): string {
  const absolute = candidate.path;
  return normaliseSubjectName(
    candidate.name ?? nameInBase(scope.base, absolute) ?? relativeToPattern(absolute, pattern, scope),
    where,
  );
}

/** Where a path really leads, through a link at the file itself or at any directory on its way. */
async function resolveReal(absolute: string, pattern: string, input: string): Promise<string> {
  const link = await lstat(absolute).catch((e: NodeJS.ErrnoException) => {
    throw new ProvenantError(
      'FILE_UNREADABLE',
      `${input}: cannot read ${quote(absolute)} (matched by ${quote(pattern)}): ${e.code ?? e.message}.`,
    );
  });
  if (link.isSymbolicLink()) {
    return realpath(absolute).catch(() => {
      throw new ProvenantError(
        'FILE_UNREADABLE',
        `${input}: ${quote(absolute)} (matched by ${quote(pattern)}) is a symbolic link to nothing. Expected a file: ` +
          'fix or remove the dangling link, or exclude it with a "!" pattern.',
      );
    });
  }
  // The file itself is no link, but a directory on its path may be one that leads out of the base.
  return realpath(absolute).catch(() => absolute);
}

function relativeToPattern(absolute: string, pattern: string, { cwd }: Scope): string {
  const prefix = path.resolve(cwd, staticPrefix(toPosix(pattern)));
  const rel = path.relative(prefix, absolute);
  return toPosix(rel === '' ? path.basename(absolute) : rel);
}

function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'named pipe (FIFO)';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice()) return 'character device';
  if (st.isBlockDevice()) return 'block device';
  if (st.isDirectory()) return 'directory';
  return 'special file';
}
