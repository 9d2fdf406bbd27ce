import type { Dirent, Stats } from 'node:fs';
import path from 'node:path';
import type picomatchType from 'picomatch';
import { inputError, ProvenantError, quote } from '../../core/errors.js';
import { compareNames, normaliseSubjectName } from '../../core/subject.js';
import { fs, util } from '../builtins.js';

const {
  lstat: lstatCallback,
  readdir: readdirCallback,
  readdirSync,
  realpath: realpathCallback,
  stat: statCallback,
  statSync,
} = fs;
const { promisify } = util;
// The callback forms, promisified: node:fs/promises would load the modules builtins.ts avoids.
const lstat = promisify(lstatCallback);
const realpath = promisify(realpathCallback);
const stat = promisify(statCallback);
const readdir = (dir: string) =>
  new Promise<Dirent[]>((resolve, reject) =>
    readdirCallback(dir, { withFileTypes: true }, (e, list) => (e ? reject(e) : resolve(list))),
  );

export type IfNoFilesFound = 'error' | 'warn' | 'ignore';

export interface CollectOptions {
  baseDir: string;
  /** Files outside the base directory (by path or through a symlink) are refused unless this is set. */
  allowOutsideBase?: boolean;
  ifNoFilesFound?: IfNoFilesFound;
  warn?: (message: string) => void;
  /** The input's name in messages (`subject-path`, `--subject`, …). */
  inputName?: string;
  /**
   * Told how many files have been found so far, so a caller can prepare for a big job before the listing ends: after
   * each directory a walk lists (counting every file listed, matching or not), and after each pattern (counting the
   * files kept), which may repeat the last count.
   */
  onFound?: (files: number) => void;
}

export interface FoundFile {
  /** The subject name: POSIX path relative to the base directory. */
  name: string;
  /** Absolute path to read. */
  path: string;
  /** The pattern that found it, for messages. */
  pattern: string;
  /**
   * Bytes when found, for planning and progress. Left out for the files of a walk that finds more than
   * {@link SIZES_UP_TO} files: looking each one up cost more than hashing them in parallel gains (about a tenth of
   * the time for 10,000 small files), and their sizes come out of hashing.
   */
  size?: number;
}

/** Splits an input of patterns given one per line or comma-separated; blank entries are dropped. */
export function splitPatterns(values: readonly string[]): string[] {
  return values
    .flatMap((v) => v.split(/[\n,]/))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

/** A pattern's files are looked up for their sizes when it matches at most this many. */
export const SIZES_UP_TO = 1024;

/** Paths resolved at once. */
const CHECK_BATCH = 64;

/**
 * Expands globs (`**`, `!` excludes, dotfiles included), directories (recursed) and plain paths into regular
 * files, each named relative to the base directory. Anything that is not a regular file, or that leaves the base
 * directory, is refused with an error that names the pattern and the path.
 */
export async function collectFiles(
  patterns: readonly string[],
  options: CollectOptions,
): Promise<FoundFile[]> {
  const input = options.inputName ?? 'subject-path';
  if (patterns.some((p) => GLOB_CHARACTERS.test(p))) await loadGlobs();
  const baseDir = path.resolve(options.baseDir);
  const realBase = await realpath(baseDir).catch((e: NodeJS.ErrnoException) => {
    throw inputError(
      'INPUT_INVALID',
      `base directory: expected an existing directory, got ${quote(baseDir)} (${e.code ?? e.message}). Set base-dir to the folder holding your build outputs.`,
    );
  });
  const excludes = patterns.filter((p) => p.startsWith('!')).map((p) => toPosix(p.slice(1)));
  const includes = patterns.filter((p) => !p.startsWith('!'));
  const found: FoundFile[] = [];

  for (const pattern of includes) {
    const before = found.length;
    const matches = await expandPattern(pattern, baseDir, realBase, excludes, options, input, (n) =>
      options.onFound?.(before + n),
    );
    if (matches.length === 0) {
      const message =
        `${input}: no files matched ${quote(pattern)} under ${quote(baseDir)}. Expected at least one file: check the ` +
        'pattern and that the build step ran before this one (or set if-no-files-found to warn or ignore).';
      const mode = options.ifNoFilesFound ?? 'error';
      if (mode === 'error') throw new ProvenantError('NO_FILES_FOUND', message);
      if (mode === 'warn') options.warn?.(message);
      continue;
    }
    // Where a match really leads is known from the walk for plain files; the rest (links, or paths named directly)
    // are resolved side by side, since each costs metadata calls whose latency, not CPU, dominates. Problems are then
    // reported in the matches' order, whatever the timing.
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
    const check: CheckContext = {
      pattern,
      baseDir,
      realBase,
      allowOutsideBase: options.allowOutsideBase === true,
      input,
      where: `${input} ${quote(pattern)}`,
      sized: matches.length <= SIZES_UP_TO,
    };
    for (const candidate of matches) found.push(checkFile(candidate, check));
    options.onFound?.(found.length);
  }
  // A file matched by several patterns is one subject: the sort is stable, so the first match is kept.
  found.sort((a, b) => compareNames(a.name, b.name));
  return found.filter((f, i) => i === 0 || f.name !== found[i - 1]!.name);
}

async function expandPattern(
  pattern: string,
  baseDir: string,
  realBase: string,
  excludes: string[],
  options: CollectOptions,
  input: string,
  onListed: (files: number) => void,
): Promise<Candidate[]> {
  const posix = toPosix(pattern);
  const literal = path.resolve(baseDir, pattern);
  const escapes =
    !isInside(baseDir, literal) && !isInside(baseDir, path.resolve(baseDir, staticPrefix(posix)));
  if (escapes && !options.allowOutsideBase) {
    throw new ProvenantError(
      'PATH_OUTSIDE_BASE',
      `${input}: ${quote(pattern)} points outside the base directory ${quote(baseDir)}. Expected paths inside it, ` +
        'because subject names are relative to it: move the files, change base-dir, or set allow-outside-base: true.',
      { exitCode: 2 },
    );
  }
  const literalStat = await stat(literal).catch(() => undefined);
  if (literalStat && !literalStat.isDirectory()) return [{ path: literal }];
  if (!literalStat && !isDynamicPattern(posix)) return [];
  const root = literalStat ? literal : path.resolve(baseDir, staticPrefix(posix));
  const matchAll = literalStat !== undefined;
  const isMatch = matchAll
    ? () => true
    : globs!(toPosix(path.relative(baseDir, path.resolve(baseDir, posix))), { dot: true });
  const isExcluded = excludes.length > 0 ? globs!(excludes, { dot: true }) : () => false;
  const files: Candidate[] = [];
  // Names relative to the base come from the walk's own relative paths when the root is inside the base (the common
  // case): path.relative on every file cost more than listing the files.
  const rootName = toPosix(path.relative(baseDir, root));
  const rootInside = rootName === '' || (!rootName.startsWith('..') && !path.isAbsolute(rootName));
  const walked = await walk(
    root,
    rootInside ? rootName : undefined,
    (real) => isInside(realBase, real) || isInside(baseDir, real),
    onListed,
  );
  for (const entry of walked) {
    const rel = entry.name ?? toPosix(path.relative(baseDir, entry.path));
    if (isMatch(rel) && !isExcluded(rel)) files.push(entry);
  }
  return files;
}

/** A path to check. */
interface Candidate {
  path: string;
  /** Its subject name, when the walk already knows it (the root is inside the base directory). */
  name?: string;
  /** Where it really leads: known without resolving for a plain file found by the walk (then it is `path`). */
  real?: string;
  /** The walk knows it is inside the base directory: a plain file below a root that is. */
  realInside?: boolean;
  /** The walk saw a regular file (not a link, directory or special file). */
  regular?: boolean;
  /** Why its location could not be resolved, reported in order with the other problems. */
  failure?: Error;
}

/**
 * Every non-directory entry below `root`. Our own walk rather than a glob library's, because those skip FIFOs,
 * sockets and devices silently, and a subject list must never silently miss what the user pointed at. Links to
 * directories are not descended (no cycles, no escaping trees). `rootName` is the root's name relative to the base
 * directory, when it is inside it: the entries' names are then built from it.
 */
async function walk(
  root: string,
  rootName: string | undefined,
  isInsideBase: (real: string) => boolean,
  onListed: (files: number) => void,
): Promise<Candidate[]> {
  // The walk never descends a linked directory, so a plain file leads where its path says below the root's real
  // location, and it is inside the base exactly when that location is.
  const realRoot = await realpath(root).catch(() => undefined);
  const realInside = realRoot !== undefined && isInsideBase(realRoot);
  const entries = await listTree(root, LISTING_LIMITS, onListed);
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  const namePrefix = rootName ? `${rootName}/` : '';
  const out: Candidate[] = [];
  let parent: string | undefined;
  let dir = '';
  for (const entry of entries) {
    // Each entry's directory is the root joined with the directories below it, so the part below the root is a plain
    // suffix: string slicing, where path.relative per file was a large share of collecting. Entries come a directory
    // at a time, so it is worked out once per directory.
    if (entry.parentPath !== parent) {
      parent = entry.parentPath;
      dir =
        parent === root
          ? ''
          : parent.startsWith(prefix)
            ? parent.slice(prefix.length) + path.sep
            : path.relative(root, parent) + path.sep;
    }
    const below = dir + entry.name;
    const full = prefix + below;
    const name = rootName === undefined ? undefined : namePrefix + toPosix(below);
    if (entry.isSymbolicLink()) {
      const target = await stat(full).catch(() => undefined);
      if (target?.isDirectory()) continue;
      out.push({ path: full, name });
    } else if (entry.isFile() && realRoot !== undefined) {
      // Inside the base, its path serves as well as its real location (and costs no second string per file).
      out.push({
        path: full,
        name,
        real: realInside ? full : realRoot + path.sep + below,
        realInside,
        regular: true,
      });
    } else {
      out.push({ path: full, name });
    }
  }
  return out;
}

/** Directories listed at once, once listing is slow enough to repay it. */
const LIST_BATCH = 64;
/**
 * A synchronous listing that takes longer than this, or synchronous listings adding up to more than the budget,
 * switch the rest of the walk to listing side by side. The budget bounds how long the event loop is held, and a
 * filesystem slow on every call (a network mount) is listed side by side after it however slow each call is.
 */
export const LISTING_LIMITS = { slowMs: 2, syncBudgetMs: 50 };

/**
 * Every entry below `root` except directories, which are descended (links to directories are not). `onListed` is told
 * how many there are so far after each listing that adds some.
 *
 * Build outputs are usually just written, so their directories are in the kernel's cache and a listing costs a few
 * microseconds: those are listed synchronously, since a round trip through libuv's pool cost more than the listing
 * (and, in a fresh process, has to compete with the hashing workers starting up). As soon as one listing is slow (a
 * cold disk, a network filesystem) or they have taken {@link LISTING_LIMITS} in all, the rest are listed side by
 * side, a level at a time, so their latencies overlap.
 */
export async function listTree(
  root: string,
  limits = LISTING_LIMITS,
  onListed?: (entries: number) => void,
): Promise<Dirent[]> {
  const out: Dirent[] = [];
  const take = (list: Dirent[], next: string[]) => {
    const before = out.length;
    for (const entry of list) {
      if (entry.isDirectory()) next.push(path.join(entry.parentPath, entry.name));
      else out.push(entry);
    }
    if (out.length > before) onListed?.(out.length);
  };
  let level = [root];
  let fast = true;
  let syncMs = 0;
  while (level.length > 0) {
    const next: string[] = [];
    let i = 0;
    for (; fast && i < level.length; i++) {
      const started = process.hrtime.bigint();
      take(listSync(level[i]!, root), next);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      syncMs += ms;
      fast = ms < limits.slowMs && syncMs < limits.syncBudgetMs;
    }
    for (; i < level.length; i += LIST_BATCH) {
      const lists = await Promise.all(level.slice(i, i + LIST_BATCH).map((dir) => listAsync(dir, root)));
      for (const list of lists) take(list, next);
    }
    level = next;
  }
  return out;
}

function listSync(dir: string, root: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    return listingFailed(dir, root, e as NodeJS.ErrnoException);
  }
}

function listAsync(dir: string, root: string): Promise<Dirent[]> {
  return readdir(dir).catch((e: NodeJS.ErrnoException) => listingFailed(dir, root, e));
}

function listingFailed(dir: string, root: string, e: NodeJS.ErrnoException): Dirent[] {
  if (dir === root && e.code === 'ENOENT') return [];
  throw new ProvenantError(
    'FILE_UNREADABLE',
    `cannot list ${quote(dir)}: ${e.code ?? e.message}. Expected a readable directory: fix its permissions ` +
      '(chmod a+rx) or point the pattern at a directory that does not contain it.',
  );
}

/** What checking a pattern's matches needs, worked out once per pattern rather than per file. */
interface CheckContext {
  pattern: string;
  baseDir: string;
  realBase: string;
  allowOutsideBase: boolean;
  input: string;
  /** The input and pattern, for messages about a name. */
  where: string;
  /** The matches are few enough to look each one up for its size. */
  sized: boolean;
}

function checkFile(candidate: Candidate, check: CheckContext): FoundFile {
  const { pattern, baseDir, realBase, input } = check;
  const absolute = candidate.path;
  if (candidate.failure !== undefined) throw candidate.failure;
  const real = candidate.real ?? absolute;
  const outside = !candidate.realInside && !isInside(realBase, real) && !isInside(baseDir, real);
  if (outside && !check.allowOutsideBase) {
    throw new ProvenantError(
      'PATH_OUTSIDE_BASE',
      `${input}: ${quote(absolute)} (matched by ${quote(pattern)}) resolves to ${quote(real)}, outside the base directory ` +
        `${quote(baseDir)}. Expected files inside it: replace the symbolic link with the file, or set allow-outside-base: true.`,
      { exitCode: 2 },
    );
  }
  // The walk already knows a plain file is one; anything else is looked at, as is every file of a small match.
  if (candidate.regular && !check.sized) return { name: nameOf(candidate, check), path: absolute, pattern };
  // Synchronous on purpose: metadata of files just listed is cached, and a direct call costs microseconds where a
  // round trip through the thread pool costs tens of them; collection is all this process is doing.
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
      { exitCode: 2 },
    );
  }
  return { name: nameOf(candidate, check), path: absolute, pattern, size: st.size };
}

function nameOf(candidate: Candidate, { baseDir, pattern, where }: CheckContext): string {
  const absolute = candidate.path;
  return normaliseSubjectName(
    candidate.name ??
      toPosix(
        isInside(baseDir, absolute)
          ? path.relative(baseDir, absolute)
          : relativeToPattern(absolute, pattern, baseDir),
      ),
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

function relativeToPattern(absolute: string, pattern: string, baseDir: string): string {
  const prefix = path.resolve(baseDir, staticPrefix(toPosix(pattern)));
  const rel = path.relative(prefix, absolute);
  return rel === '' ? path.basename(absolute) : rel;
}

/** The directory part of a pattern before its first glob character. */
function staticPrefix(posixPattern: string): string {
  const parts = posixPattern.split('/');
  const out: string[] = [];
  for (const part of parts.slice(0, -1)) {
    if (isDynamicPattern(part)) break;
    out.push(part);
  }
  if (!isDynamicPattern(posixPattern)) return path.posix.dirname(posixPattern);
  return out.join('/') || '.';
}

function isInside(dir: string, target: string): boolean {
  const rel = path.relative(dir, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Characters without which no pattern is a glob. The glob matcher loads only for patterns that have one: most runs name
 * a directory or files, and a command that starts fast matters when it is run on every release.
 */
const GLOB_CHARACTERS = /[*?[\]{}()!+@\\]/;
let globs: typeof picomatchType | undefined;

async function loadGlobs(): Promise<void> {
  globs ??= (await import('picomatch')).default;
}

function isDynamicPattern(p: string): boolean {
  return GLOB_CHARACTERS.test(p) && globs!.scan(p).isGlob;
}

function toPosix(p: string): string {
  return path.sep === '\\' ? p.replace(/\\/g, '/') : p;
}

function kindOf(st: import('node:fs').Stats): string {
  if (st.isFIFO()) return 'named pipe (FIFO)';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice()) return 'character device';
  if (st.isBlockDevice()) return 'block device';
  if (st.isDirectory()) return 'directory';
  return 'special file';
}
