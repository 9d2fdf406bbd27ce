import { inputError, quote } from '../errors.js';

/** A user-supplied pattern, anchored at both ends and checked against catastrophic backtracking. */
export interface SafePattern {
  source: string;
  regex: RegExp;
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

/**
 * Finds constructs that make a backtracking engine exponential: a quantified group that itself contains a
 * quantifier or an alternation (`(a+)+`, `(a|a)*`), too many unbounded repetitions, and back-references. Conservative on purpose: identity
 * patterns never need these, and refusing is cheaper than a hung deploy job.
 */
export function unsafeConstruct(source: string): string | undefined {
  // Per open group: does it contain a quantifier or an alternation?
  const groups: { risky: boolean }[] = [];
  let lastGroupRisky = false;
  let inClass = false;
  let unbounded = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (!inClass && (/[1-9]/.test(next) || next === 'k')) return 'a back-reference';
      i++;
      lastGroupRisky = false;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      lastGroupRisky = false;
      continue;
    }
    if (c === '(') {
      groups.push({ risky: false });
      // Skip a group prefix such as (?: (?= (?<name> so its `?` is not read as a quantifier.
      if (source[i + 1] === '?') {
        const kind = source[i + 2] ?? '';
        if (kind === '<' && source[i + 3] !== '=' && source[i + 3] !== '!') {
          const close = source.indexOf('>', i);
          i = close < 0 ? source.length : close;
        } else {
          i += kind === '<' ? 3 : 2;
        }
      }
      lastGroupRisky = false;
      continue;
    }
    if (c === ')') {
      const closed = groups.pop();
      lastGroupRisky = closed?.risky ?? false;
      // A risky inner group makes the outer one risky too.
      if (lastGroupRisky && groups.length > 0) groups[groups.length - 1]!.risky = true;
      continue;
    }
    if (c === '*' || c === '+' || c === '?' || c === '{') {
      // `x*?` is a lazy quantifier, not a second one.
      const lazyMark = c === '?' && '*+?}'.includes(source[i - 1] ?? '');
      if (!lazyMark) {
        // `(…)?` repeats at most once; anything more on a risky group can backtrack exponentially.
        if (lastGroupRisky && c !== '?')
          return 'a quantified group that contains a quantifier or alternation';
        if (groups.length > 0) groups[groups.length - 1]!.risky = true;
      }
      if (c === '{') {
        const close = source.indexOf('}', i);
        if (close > 0) {
          if (/,\s*$/.test(source.slice(i + 1, close))) unbounded++;
          i = close;
        }
      }
      if (c === '*' || c === '+') unbounded++;
      if (unbounded > MAX_UNBOUNDED_QUANTIFIERS)
        return `more than ${MAX_UNBOUNDED_QUANTIFIERS} unbounded repetitions`;
      lastGroupRisky = false;
      continue;
    }
    if (c === '|' && groups.length > 0) groups[groups.length - 1]!.risky = true;
    lastGroupRisky = false;
  }
  return undefined;
}

/** Compiles a pattern anchored at both ends (`^(?:…)$`), as cosign and gh document, refusing unsafe ones. */
export function compileSafePattern(source: string, flag: string): SafePattern {
  if (source.length === 0 || source.length > MAX_PATTERN_LENGTH) {
    throw inputError(
      'INPUT_INVALID',
      `${flag}: expected a pattern of 1 to ${MAX_PATTERN_LENGTH} characters, got ${source.length}. ` +
        'Match the identity with a shorter pattern, or use the exact flag instead.',
    );
  }
  const unsafe = unsafeConstruct(source);
  if (unsafe) {
    throw inputError(
      'INPUT_INVALID',
      `${flag}: expected a pattern without nested repetition or back-references, got ${quote(source)}, which has ${unsafe}. ` +
        'Such patterns can take exponential time; write the identity out more literally (e.g. [^/]+ instead of (.+)+).',
    );
  }
  let regex: RegExp;
  try {
    regex = new RegExp(`^(?:${source})$`, 'u');
  } catch (e) {
    throw inputError(
      'INPUT_INVALID',
      `${flag}: expected a valid JavaScript regular expression, got ${quote(source)} (${(e as Error).message}). ` +
        'Escape special characters such as . ? + ( ) with a backslash.',
    );
  }
  return { source, regex };
}

export function matchesSafePattern(pattern: SafePattern, value: string): boolean {
  return value.length <= MAX_SUBJECT_LENGTH && pattern.regex.test(value);
}
