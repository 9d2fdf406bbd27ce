import { RE2JS } from 're2js';
import { inputError, quote } from '../errors.js';

/**
 * A user-supplied pattern, compiled for a matcher that runs in time linear in the value (RE2's automata, never
 * backtracking), so no pattern can stall a verification however it is written. It is searched for anywhere in the
 * value, as gh and cosign do (Go's `regexp.MatchString`): anchor it with `^` and `$` to match the whole value.
 * Every regular expression a user gives Provenant (flags, action inputs, layout rules) goes through here.
 */
export interface SafePattern {
  source: string;
  /** Every alternative begins with `^`, so the match cannot start in the middle of the value. */
  anchoredAtStart: boolean;
  /** The compiled automaton; opaque outside this module. */
  readonly matcher: { test(value: string): boolean };
}

/** Certificate identities are URIs of a few hundred characters; a longer pattern is a mistake or an attack. */
export const MAX_PATTERN_LENGTH = 512;

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

/** Go's leading flag groups such as `(?i)`: they change how the rest matches, not where it may start. */
const LEADING_FLAGS = /^(?:\(\?[imsU]+\))+/;

/** What RE2 said was wrong, without the library's own prefix. */
function syntaxProblem(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/^error parsing regexp: /, '');
}

/**
 * Compiles a pattern with Go's syntax and meaning (RE2: `(?i)` and the other inline flags, `\d \w \s \b`, classes,
 * bounded repeats up to 1000; no look-around, no back-references, which have no linear-time form), to be searched
 * for anywhere in a value. `flag` names where the pattern came from in every error.
 */
export function compileSafePattern(given: string, flag: string): SafePattern {
  if (given.length === 0 || given.length > MAX_PATTERN_LENGTH) {
    throw inputError(
      'INPUT_INVALID',
      `${flag}: expected a pattern of 1 to ${MAX_PATTERN_LENGTH} characters, got ${given.length}. ` +
        'Match the identity with a shorter pattern, or use the exact flag instead.',
    );
  }
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(given);
  } catch (e) {
    throw inputError(
      'INPUT_INVALID',
      `${flag}: expected a regular expression in Go's RE2 syntax (as gh and cosign read it), got ${quote(given)}: ` +
        `${syntaxProblem(e)}. Escape special characters such as . ? + ( ) with a backslash; look-around and ` +
        'back-references are not supported.',
    );
  }
  const body = given.replace(LEADING_FLAGS, '');
  return {
    source: given,
    anchoredAtStart: topLevelAlternatives(body).every((a) => a.startsWith('^') || a.startsWith('\\A')),
    matcher: { test: (value) => compiled.test(value) },
  };
}

/** Go's `regexp.MatchString`: whether the pattern matches anywhere in the value, in time linear in its length. */
export function matchesSafePattern(pattern: SafePattern, value: string): boolean {
  return pattern.matcher.test(value);
}
