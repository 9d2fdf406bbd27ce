import { matchesSafePattern } from '../safe-regex.js';
import type { Rule } from '../types.js';
import { keySigned } from './certificate.js';

/** --cert-identity (exact) or --cert-identity-regex (searched for, as gh and cosign do) against the certificate's SAN. */
export const identityRule: Rule = (input, policy) => {
  if (!policy.identity) return undefined;
  const wanted =
    'exact' in policy.identity ? policy.identity.exact : `a match for ${policy.identity.pattern.source}`;
  if (!input.claims) return keySigned('CERT_IDENTITY_MISMATCH', 'identity', `the identity ${wanted}`);
  const san = input.claims.subjectAlternativeName;
  const ok =
    san !== undefined &&
    ('exact' in policy.identity
      ? san === policy.identity.exact
      : matchesSafePattern(policy.identity.pattern, san));
  if (ok) return undefined;
  return {
    code: 'CERT_IDENTITY_MISMATCH',
    rule: 'identity',
    message:
      `expected the certificate identity ${wanted}, got ${JSON.stringify(san ?? null)}. ` +
      'Check --cert-identity / --cert-identity-regex against the workflow that signed (the identity is the full workflow URI with @ref).',
  };
};
