import type { Rule } from '../types.js';
import { keySigned } from './certificate.js';

export const GITHUB_HOSTED = 'github-hosted';

/** --deny-self-hosted-runners: Runner Environment (.11) must say github-hosted; absent counts as self-hosted. */
export const runnerRule: Rule = (input, policy) => {
  if (!policy.denySelfHostedRunners) return undefined;
  if (!input.claims) return keySigned('SELF_HOSTED_RUNNER_DENIED', 'runner', `a ${GITHUB_HOSTED} runner`);
  const got = input.claims.runnerEnvironment;
  if (got === GITHUB_HOSTED) return undefined;
  return {
    code: 'SELF_HOSTED_RUNNER_DENIED',
    rule: 'runner',
    message:
      `expected the build to run on a ${GITHUB_HOSTED} runner, got ${JSON.stringify(got ?? null)}. ` +
      "A self-hosted runner is outside GitHub's isolation guarantees; drop --deny-self-hosted-runners only if you trust that runner.",
  };
};
