import type { FileOptionNames } from '../../core/files.js';
import path from 'node:path';
import { fs, util } from '../builtins.js';
import { insideBase, nameInBase, pathBelow, patternOutsideBase, type BaseDir } from './containment.js';
import { isDynamicPattern, patternFilter, staticPrefix, toPosix } from './globs.js';
import { listTree } from './list-tree.js';

const realpath = util.promisify(fs.realpath);
const stat = util.promisify(fs.stat);

/** What expanding every pattern of one call shares. */
export interface Scope {
  /** Where relative patterns start: the working directory, absolute. */
  cwd: string;
  base: BaseDir;
  /** The `!` patterns, without the `!`, with POSIX separators; they match paths relative to `cwd`, as includes do. */
  excludes: string[];
  allowOutsideBase: boolean;
  /** The input's name, for messages. */
  input: string;
  /** The entry point's option names, for messages. */
  names: FileOptionNames;
}

/** A path a pattern matched, to be checked. */
export interface Candidate {
  path: string;
  /** Its subject name, when the walk already knows it (the root is inside the base directory). */
  name?: string;
  /** Its path relative to the working directory, which patterns match, when the walk knows it (the root is below). */
  key?: string;
  /** Where it really leads: known without resolving for a plain file found by the walk. */
  real?: string;
  /** The walk knows it is inside the base directory: a plain file below a root that is. */
  realInside?: boolean;
  /** The walk saw a regular file (not a link, directory or special file). */
  regular?: boolean;
  /** Why its location could not be resolved, reported in order with the other problems. */
  failure?: Error;
}

/**
 * The paths one pattern matches: itself when it names a file, every file below it when it names a directory, and
 * what a glob matches below its static prefix; never what an exclude matches. Patterns start at the working
 * directory. A pattern that can find nothing inside the base directory is refused unless that is allowed; one whose
 * prefix holds the base directory (`**` over the workspace with base-dir `dist`) is walked, and each file it finds is
 * checked on its own.
 */
export async function expandPattern(
  pattern: string,
  scope: Scope,
  onListed: (files: number) => void,
): Promise<Candidate[]> {
  const { base, cwd } = scope;
  const posix = toPosix(pattern);
  const literal = path.resolve(cwd, pattern);
  const prefix = path.resolve(cwd, staticPrefix(posix));
  if (
    !scope.allowOutsideBase &&
    !insideBase(base, literal, 'as-named') &&
    !insideBase(base, prefix, 'as-named') &&
    !holdsBase(prefix, base)
  )
    throw patternOutsideBase(scope.input, pattern, base, scope.names);
  const literalStat = await stat(literal).catch(() => undefined);
  if (literalStat && !literalStat.isDirectory()) return [{ path: literal }];
  if (!literalStat && !isDynamicPattern(posix)) return [];
  const root = literalStat ? literal : prefix;
  const glob = literalStat ? undefined : toPosix(path.relative(cwd, literal));
  const wanted = patternFilter(glob, scope.excludes);
  const walked = await walk(root, scope, onListed);
  return walked.filter((entry) => wanted(entry.key ?? toPosix(path.relative(cwd, entry.path))));
}

/** Whether the base directory lies below `dir` (or is it), so a walk of `dir` may find files inside the base. */
function holdsBase(dir: string, base: BaseDir): boolean {
  return pathBelow(dir, base.path) !== undefined;
}

/**
 * Every non-directory entry below `root`. Our own walk rather than a glob library's, because those skip FIFOs,
 * sockets and devices silently, and a subject list must never silently miss what the user pointed at. Links to
 * directories are not descended (no cycles, no escaping trees).
 */
async function walk(root: string, scope: Scope, onListed: (files: number) => void): Promise<Candidate[]> {
  const { base } = scope;
  // Names relative to the base, and the paths relative to the working directory that patterns match, come from the
  // walk's own relative paths when the root is below each (the common case), rather than from path.relative on every
  // file, which cost more than listing them. With the base at the working directory (the default) they are one string.
  const rootName = nameInBase(base, root);
  const way = pathBelow(scope.cwd, root);
  const rootKey = way === undefined ? undefined : toPosix(way);
  // The walk never descends a linked directory, so a plain file leads where its path says below the root's real
  // location, and it is inside the base exactly when that location is.
  const realRoot = await realpath(root).catch(() => undefined);
  const realInside = realRoot !== undefined && insideBase(base, realRoot, 'resolved');
  const entries = await listTree(root, undefined, onListed);
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  const namePrefix = rootName ? `${rootName}/` : '';
  const sameKey = rootKey === rootName;
  const keyPrefix = rootKey ? `${rootKey}/` : '';
  const out: Candidate[] = [];
  let parent: string | undefined;
  let dir = '';
  for (const entry of entries) {
    // Each entry's directory is the root joined with the directories below it, so the part below the root is a plain
    // suffix, worked out once per directory (entries come a directory at a time).
    if (entry.parentPath !== parent) {
      parent = entry.parentPath;
      dir = parent === root ? '' : belowRoot(parent, root, prefix) + path.sep;
    }
    const below = dir + entry.name;
    const full = prefix + below;
    const posixBelow = toPosix(below);
    const name = rootName === undefined ? undefined : namePrefix + posixBelow;
    const key = sameKey ? name : rootKey === undefined ? undefined : keyPrefix + posixBelow;
    if (entry.isSymbolicLink()) {
      const target = await stat(full).catch(() => undefined);
      if (!target?.isDirectory()) out.push({ path: full, name, key });
    } else if (entry.isFile() && realRoot !== undefined) {
      // Inside the base, its path serves as well as its real location (and costs no second string per file).
      const real = realInside ? full : realRoot + path.sep + below;
      out.push({ path: full, name, key, real, realInside, regular: true });
    } else {
      out.push({ path: full, name, key });
    }
  }
  return out;
}

function belowRoot(dir: string, root: string, prefix: string): string {
  return dir.startsWith(prefix) ? dir.slice(prefix.length) : path.relative(root, dir);
}
