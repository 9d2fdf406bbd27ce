import { inputError, quote } from '../errors.js';

/**
 * A user-supplied pattern, checked against catastrophic backtracking. It is searched for anywhere in the value, as
 * gh and cosign do (Go's `regexp.MatchString`): anchor it with `^` and `$` to match the whole value.
 */
export interface SafePattern {
  source: string;
  regex: RegExp;
  /** Every alternative begins with `^`, so the match cannot start in the middle of the value. */
  anchoredAtStart: boolean;
}

/** Certificate identities are URIs of a few hundred characters; a longer pattern is a mistake or an attack. */
export const MAX_PATTERN_LENGTH = 512;
/** Matching runs against certificate values only; anything longer than this is refused before matching. */
export const MAX_SUBJECT_LENGTH = 1024;
/**
 * Adjacent unbounded repetitions (`.*x.*y.*`) backtrack polynomially, with the count as the exponent; three keep the
 * worst case over a 1 KiB value well under a second, and real identity patterns use one or two.
 */
export const MAX_UNBOUNDED_QUANTIFIERS = 3;

/** The state of one left-to-right walk over a pattern. */
interface Scan {
  readonly source: string;
  i: number;
  /** Per open group: does it contain a quantifier or an alternation? */
  readonly groups: { risky: boolean }[];
  /** Whether the atom just before `i` is a risky group, so that a quantifier on it nests repetition. */
  lastGroupRisky: boolean;
  inClass: boolean;
  unbounded: number;
}

function markOpenGroupRisky(scan: Scan): void {
  if (scan.groups.length > 0) scan.groups[scan.groups.length - 1]!.risky = true;
}

/** `(`: opens a group, skipping a prefix such as (?: (?= (?<name> so its `?` is not read as a quantifier. */
function openGroup(scan: Scan): void {
  const { source, i } = scan;
  scan.groups.push({ risky: false });
  if (source[i + 1] === '?') {
    const kind = source[i + 2] ?? '';
    if (kind === '<' && source[i + 3] !== '=' && source[i + 3] !== '!') {
      const close = source.indexOf('>', i);
      scan.i = close < 0 ? source.length : close;
    } else {
      scan.i += kind === '<' ? 3 : 2;
    }
  }
  scan.lastGroupRisky = false;
}

/** `)`: a risky inner group makes the outer one risky too. */
function closeGroup(scan: Scan): void {
  const closed = scan.groups.pop();
  scan.lastGroupRisky = closed?.risky ?? false;
  if (scan.lastGroupRisky) markOpenGroupRisky(scan);
}

/** `*`, `+`, `?` or `{…}`: refuses repetition of a risky group and too many unbounded repetitions. */
function quantifier(scan: Scan, c: string): string | undefined {
  const { source } = scan;
  // `x*?` is a lazy quantifier, not a second one.
  const lazyMark = c === '?' && '*+?}'.includes(source[scan.i - 1] ?? '');
  if (!lazyMark) {
    // `(…)?` repeats at most once; anything more on a risky group can backtrack exponentially.
    if (scan.lastGroupRisky && c !== '?')
      return 'a quantified group that contains a quantifier or alternation';
    markOpenGroupRisky(scan);
  }
  if (c === '{') {
    const close = source.indexOf('}', scan.i);
    if (close > 0) {
      if (/,\s*$/.test(source.slice(scan.i + 1, close))) scan.unbounded++;
      scan.i = close;
    }
  }
  if (c === '*' || c === '+') scan.unbounded++;
  if (scan.unbounded > MAX_UNBOUNDED_QUANTIFIERS)
    return `more than ${MAX_UNBOUNDED_QUANTIFIERS} unbounded repetitions`;
  scan.lastGroupRisky = false;
  return undefined;
}

/** Reads the token at `scan.i` (moving `i` past any it spans but the last character); returns what is unsafe. */
function step(scan: Scan): string | undefined {
  const c = scan.source[scan.i]!;
  if (c === '\\') {
    const next = scan.source[scan.i + 1] ?? '';
    if (!scan.inClass && (/[1-9]/.test(next) || next === 'k')) return 'a back-reference';
    scan.i++;
    scan.lastGroupRisky = false;
    return undefined;
  }
  if (scan.inClass) {
    if (c === ']') scan.inClass = false;
    return undefined;
  }
  if (c === '(') openGroup(scan);
  else if (c === ')') closeGroup(scan);
  else if (c === '*' || c === '+' || c === '?' || c === '{') return quantifier(scan, c);
  else {
    if (c === '[') scan.inClass = true;
    if (c === '|') markOpenGroupRisky(scan);
    scan.lastGroupRisky = false;
  }
  return undefined;
}

/**
 * Finds constructs that make a backtracking engine exponential: a quantified group that itself contains a
 * quantifier or an alternation (`(a+)+`, `(a|a)*`), too many unbounded repetitions, and back-references. Conservative on purpose: identity
 * patterns never need these, and refusing is cheaper than a hung deploy job.
 */
export function unsafeConstruct(source: string): string | undefined {
  const scan: Scan = { source, i: 0, groups: [], lastGroupRisky: false, inClass: false, unbounded: 0 };
  for (; scan.i < source.length; scan.i++) {
    const found = step(scan);
    if (found) return found;
  }
  return undefined;
}

/** The top-level alternatives of a pattern (split at `|` outside groups and classes). */
function topLevelAlternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(source.slice(start, i));
      start = i + 1;
    }
  }
  out.push(source.slice(start));
  return out;
}

/** Go's `(?i)` at the very start, which JavaScript spells as a flag. */
const CASE_INSENSITIVE = '(?i)';

/**
 * Compiles a pattern to be searched for anywhere in a value, as gh and cosign do, refusing unsafe ones. A search is
 * a match tried at every position: for a pattern not anchored at the start, that counts as one more unbounded
 * repetition. A leading `(?i)` (Go's case-insensitive flag) is honoured.
 */
export function compileSafePattern(given: string, flag: string): SafePattern {
  const insensitive = given.startsWith(CASE_INSENSITIVE);
  const source = insensitive ? given.slice(CASE_INSENSITIVE.length) : given;
  if (source.length === 0 || source.length > MAX_PATTERN_LENGTH) {
    throw inputError(
      'INPUT_INVALID',
      `${flag}: expected a pattern of 1 to ${MAX_PATTERN_LENGTH} characters, got ${source.length}. ` +
        'Match the identity with a shorter pattern, or use the exact flag instead.',
    );
  }
  const anchoredAtStart = topLevelAlternatives(source).every((a) => a.startsWith('^'));
  const unsafe = unsafeConstruct(anchoredAtStart ? source : `.*(?:${source})`);
  if (unsafe) {
    throw inputError(
      'INPUT_INVALID',
      `${flag}: expected a pattern without nested repetition or back-references, got ${quote(given)}, which has ${unsafe}` +
        `${anchoredAtStart ? '' : " (a pattern not anchored with ^ is searched for, which counts as one more '.*')"}. ` +
        'Such patterns can take exponential time; write the identity out more literally (e.g. [^/]+ instead of (.+)+).',
    );
  }
  let regex: RegExp;
  try {
    regex = new RegExp(source, insensitive ? 'iu' : 'u');
  } catch (e) {
    throw inputError(
      'INPUT_INVALID',
      `${flag}: expected a valid JavaScript regular expression, got ${quote(given)} (${(e as Error).message}). ` +
        'Escape special characters such as . ? + ( ) with a backslash.',
    );
  }
  return { source: given, regex, anchoredAtStart };
}

export function matchesSafePattern(pattern: SafePattern, value: string): boolean {
  return value.length <= MAX_SUBJECT_LENGTH && pattern.regex.test(value);
}
