import { matchesSafePattern } from '../safe-regex.js';
import type { Rule } from '../types.js';
import { keySigned } from './certificate.js';

/** --cert-oidc-issuer (exact) or --cert-oidc-issuer-regex against the issuer Fulcio recorded. */
export const issuerRule: Rule = (input, policy) => {
  const { issuer, issuerPattern } = policy;
  if (issuer === undefined && issuerPattern === undefined) return undefined;
  const wanted = issuer ?? `an issuer matching ${issuerPattern!.source}`;
  if (!input.claims) return keySigned('CERT_ISSUER_MISMATCH', 'issuer', `the OIDC issuer ${wanted}`);
  const got = input.claims.issuer;
  const ok =
    got !== undefined && (issuer !== undefined ? got === issuer : matchesSafePattern(issuerPattern!, got));
  if (ok) return undefined;
  return {
    code: 'CERT_ISSUER_MISMATCH',
    rule: 'issuer',
    message:
      `expected the certificate's OIDC issuer ${wanted}, got ${JSON.stringify(got ?? null)}. ` +
      'Pass --cert-oidc-issuer (or --cert-oidc-issuer-regex) with the issuer that signed this bundle (GitHub Actions is the default).',
  };
};
