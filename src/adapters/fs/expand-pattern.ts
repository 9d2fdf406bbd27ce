import path from 'node:path';
import { fs, util } from '../builtins.js';
import { insideBase, nameInBase, patternOutsideBase, type BaseDir } from './containment.js';
import { isDynamicPattern, patternFilter, staticPrefix, toPosix } from './globs.js';
import { listTree } from './list-tree.js';

const realpath = util.promisify(fs.realpath);
const stat = util.promisify(fs.stat);

/** What expanding every pattern of one call shares. */
export interface Scope {
  base: BaseDir;
  /** The `!` patterns, without the `!`, with POSIX separators. */
  excludes: string[];
  allowOutsideBase: boolean;
  /** The input's name, for messages. */
  input: string;
}

/** A path a pattern matched, to be checked. */
export interface Candidate {
  path: string;
  /** Its subject name, when the walk already knows it (the root is inside the base directory). */
  name?: string;
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
 * what a glob matches below its static prefix; never what an exclude matches. A pattern that points outside the base
 * directory is refused unless that is allowed.
 */
export async function expandPattern(
  pattern: string,
  scope: Scope,
  onListed: (files: number) => void,
): Promise<Candidate[]> {
  const { base } = scope;
  const posix = toPosix(pattern);
  const literal = path.resolve(base.path, pattern);
  const prefix = path.resolve(base.path, staticPrefix(posix));
  if (
    !scope.allowOutsideBase &&
    !insideBase(base, literal, 'as-named') &&
    !insideBase(base, prefix, 'as-named')
  )
    throw patternOutsideBase(scope.input, pattern, base);
  const literalStat = await stat(literal).catch(() => undefined);
  if (literalStat && !literalStat.isDirectory()) return [{ path: literal }];
  if (!literalStat && !isDynamicPattern(posix)) return [];
  const root = literalStat ? literal : prefix;
  const glob = literalStat ? undefined : toPosix(path.relative(base.path, path.resolve(base.path, posix)));
  const wanted = patternFilter(glob, scope.excludes);
  const walked = await walk(root, base, onListed);
  return walked.filter((entry) => wanted(entry.name ?? toPosix(path.relative(base.path, entry.path))));
}

/**
 * Every non-directory entry below `root`. Our own walk rather than a glob library's, because those skip FIFOs,
 * sockets and devices silently, and a subject list must never silently miss what the user pointed at. Links to
 * directories are not descended (no cycles, no escaping trees).
 */
async function walk(root: string, base: BaseDir, onListed: (files: number) => void): Promise<Candidate[]> {
  // Names relative to the base come from the walk's own relative paths when the root is inside the base (the common
  // case), rather than from path.relative on every file, which cost more than listing them.
  const rootName = nameInBase(base, root);
  // The walk never descends a linked directory, so a plain file leads where its path says below the root's real
  // location, and it is inside the base exactly when that location is.
  const realRoot = await realpath(root).catch(() => undefined);
  const realInside = realRoot !== undefined && insideBase(base, realRoot, 'resolved');
  const entries = await listTree(root, undefined, onListed);
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  const namePrefix = rootName ? `${rootName}/` : '';
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
    const name = rootName === undefined ? undefined : namePrefix + toPosix(below);
    if (entry.isSymbolicLink()) {
      const target = await stat(full).catch(() => undefined);
      if (!target?.isDirectory()) out.push({ path: full, name });
    } else if (entry.isFile() && realRoot !== undefined) {
      // Inside the base, its path serves as well as its real location (and costs no second string per file).
      const real = realInside ? full : realRoot + path.sep + below;
      out.push({ path: full, name, real, realInside, regular: true });
    } else {
      out.push({ path: full, name });
    }
  }
  return out;
}

function belowRoot(dir: string, root: string, prefix: string): string {
  return dir.startsWith(prefix) ? dir.slice(prefix.length) : path.relative(root, dir);
}
