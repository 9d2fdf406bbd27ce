import type { Rule } from '../types.js';
import { keySigned } from './certificate.js';

export const issuerRule: Rule = (input, policy) => {
  if (policy.issuer === undefined) return undefined;
  if (!input.claims) return keySigned('CERT_ISSUER_MISMATCH', 'issuer', `the OIDC issuer ${policy.issuer}`);
  if (input.claims.issuer === policy.issuer) return undefined;
  return {
    code: 'CERT_ISSUER_MISMATCH',
    rule: 'issuer',
    message:
      `expected the certificate's OIDC issuer ${policy.issuer}, got ${JSON.stringify(input.claims.issuer ?? null)}. ` +
      'Pass --cert-oidc-issuer with the issuer that signed this bundle (GitHub Actions is the default).',
  };
};
