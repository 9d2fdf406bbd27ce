/**
 * The one place a layout's `identity_regex` is compiled and matched. It reads patterns as `--cert-identity-regex`
 * does, through the same module: Go's RE2 syntax, searched for anywhere in the identity (anchor with `^…$`), matched
 * in time linear in the identity.
 */
import { compileSafePattern, matchesSafePattern, type SafePattern } from '../policy/safe-regex.js';

export type IdentityPattern = SafePattern;

export function compileIdentityPattern(source: string, where: string): IdentityPattern {
  return compileSafePattern(source, where);
}

export function matchesIdentityPattern(pattern: IdentityPattern, identity: string): boolean {
  return matchesSafePattern(pattern, identity);
}
