import type { Rule } from '../types.js';
import { keySigned } from './certificate.js';

/**
 * --environment NAME against the certificate's Deployment Environment (.23), exact. It is what sets a job that ran
 * in a protected environment (required reviewers, branch rules) apart from every other job of the same workflow file,
 * which all share one SAN; a certificate without it (no environment, or a Fulcio older than the extension) fails.
 */
export const environmentRule: Rule = (input, policy) => {
  const want = policy.environment;
  if (want === undefined) return undefined;
  if (!input.claims)
    return keySigned('ENVIRONMENT_MISMATCH', 'environment', `the deployment environment ${want}`);
  const got = input.claims.deploymentEnvironment;
  if (got === want) return undefined;
  return {
    code: 'ENVIRONMENT_MISMATCH',
    rule: 'environment',
    message:
      `expected the certificate's Deployment Environment (1.3.6.1.4.1.57264.1.23) ${JSON.stringify(want)}, got ${JSON.stringify(got ?? null)}. ` +
      (got === undefined
        ? 'The signing job ran in no environment (or its Fulcio predates the extension): only a job with `environment: ' +
          `${want}\` gets a certificate naming it.`
        : 'Check --environment against the `environment:` of the job that signed.'),
  };
};
