/**
 * The one place a layout's `identity_regex` is compiled and matched, so the regex engine behind it can be swapped
 * (for a linear-time matcher) without touching the layout code. It reads patterns as `--cert-identity-regex` does:
 * searched for anywhere in the identity (anchor with `^…$`), refused when it could take exponential time.
 */
import { compileSafePattern, matchesSafePattern, type SafePattern } from '../policy/safe-regex.js';

export type IdentityPattern = SafePattern;

export function compileIdentityPattern(source: string, where: string): IdentityPattern {
  return compileSafePattern(source, where);
}

export function matchesIdentityPattern(pattern: IdentityPattern, identity: string): boolean {
  return matchesSafePattern(pattern, identity);
}
