import type { Rule } from '../types.js';

export const issuerRule: Rule = (input, policy) => {
  if (policy.issuer === undefined || !input.claims) return undefined;
  if (input.claims.issuer === policy.issuer) return undefined;
  return {
    code: 'CERT_ISSUER_MISMATCH',
    rule: 'issuer',
    message:
      `expected the certificate's OIDC issuer ${policy.issuer}, got ${JSON.stringify(input.claims.issuer ?? null)}. ` +
      'Pass --cert-oidc-issuer with the issuer that signed this bundle (GitHub Actions is the default).',
  };
};
