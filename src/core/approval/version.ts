/**
 * Semantic versions of release tags (`v1.2.3`, `1.2.3-rc.1`), for --min-version: a release older than the pinned
 * minimum is a rollback. Precedence as semver.org §11: numbers, then a pre-release sorts before its release.
 */
import { inputError, quote } from '../errors.js';

export interface Version {
  text: string;
  core: [number, number, number];
  pre: string[];
}

const SEMVER =
  /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** The version a tag names, or undefined when it names none. */
export function versionOf(tag: string): Version | undefined {
  const m = SEMVER.exec(tag);
  if (!m) return undefined;
  return {
    text: tag,
    core: [Number(m[1]), Number(m[2]), Number(m[3])],
    pre: m[4] === undefined ? [] : m[4].split('.'),
  };
}

export function parseMinVersion(value: string, flag: string): Version {
  const v = versionOf(value);
  if (!v)
    throw inputError(
      'INPUT_INVALID',
      `${flag}: expected a semantic version such as 1.4.0 or v1.4.0, got ${quote(value)}.`,
    );
  return v;
}

function comparePre(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return b.length - a.length;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const [x, y] = [a[i]!, b[i]!];
    const [nx, ny] = [/^\d+$/.test(x), /^\d+$/.test(y)];
    if (nx && ny && Number(x) !== Number(y)) return Number(x) - Number(y);
    if (nx !== ny) return nx ? -1 : 1;
    if (!nx && x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** Negative when a is older than b, zero when equal in precedence, positive when newer. */
export function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a.core[i] !== b.core[i]) return a.core[i]! - b.core[i]!;
  return comparePre(a.pre, b.pre);
}
