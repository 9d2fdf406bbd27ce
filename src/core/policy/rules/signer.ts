import { splitSignerURI } from '../github-identity.js';
import { matchesSafePattern } from '../safe-regex.js';
import type { Policy, PolicyInput, Rule } from '../types.js';
import { keySigned } from './certificate.js';

/** The workflow that signed: Fulcio's Build Signer URI (.9), which equals the SAN for GitHub; the SAN if absent. */
function signerURI(input: PolicyInput): string | undefined {
  return input.claims?.buildSignerURI ?? input.claims?.subjectAlternativeName;
}

const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** --signer-workflow [HOST/]OWNER/REPO/PATH[@REF]: which workflow file (and optionally ref) signed, as gh matches it. */
export const signerWorkflowRule: Rule = (input, policy) => {
  const want = policy.signerWorkflow;
  if (!want) return undefined;
  const shown = `a match for ${want.pattern.source}`;
  if (!input.claims)
    return keySigned('SIGNER_WORKFLOW_MISMATCH', 'signer-workflow', `the signing workflow (${shown})`);
  const uri = signerURI(input);
  if (uri !== undefined && matchesSafePattern(want.pattern, uri)) return undefined;
  return {
    code: 'SIGNER_WORKFLOW_MISMATCH',
    rule: 'signer-workflow',
    message:
      `expected the signing workflow ${want.shown} (${shown}), got ${JSON.stringify(uri ?? null)}. ` +
      'For the reusable provenance workflow, name that workflow; for a `uses:` step, name your own release workflow.',
  };
};

function signerRepository(input: PolicyInput): { server: string; repository: string } | undefined {
  const uri = signerURI(input);
  return uri === undefined ? undefined : splitSignerURI(uri);
}

/** --signer-repo OWNER/REPO (or the same repository, implied by --repo when no signer flag narrows it). */
export const signerRepoRule: Rule = (input, policy: Policy) => {
  const want = policy.signerRepo;
  if (!want) return undefined;
  if (!input.claims) return keySigned('SIGNER_REPO_MISMATCH', 'signer-repo', `a workflow of ${want.shown}`);
  const uri = signerURI(input);
  if (uri !== undefined && matchesSafePattern(want.pattern, uri)) return undefined;
  return {
    code: 'SIGNER_REPO_MISMATCH',
    rule: 'signer-repo',
    message:
      `expected a workflow of ${want.shown} to have signed, got ${JSON.stringify(uri ?? null)}. ` +
      (want.implied
        ? '--repo also requires the signer to be that repository; if a reusable workflow signed for it, pass --signer-repo or --signer-workflow naming that workflow.'
        : 'Check --signer-repo.'),
  };
};

/** The owner whose workflows may sign, implied by --owner when no narrower signer flag is given. */
export const signerOwnerRule: Rule = (input, policy) => {
  const want = policy.signerOwner;
  if (!want) return undefined;
  if (!input.claims)
    return keySigned('SIGNER_REPO_MISMATCH', 'signer-owner', `a workflow of ${policy.server}/${want}/*`);
  const got = signerRepository(input);
  if (got && sameName(got.server, policy.server) && sameName(got.repository.split('/')[0]!, want))
    return undefined;
  return {
    code: 'SIGNER_REPO_MISMATCH',
    rule: 'signer-owner',
    message:
      `expected a workflow of ${policy.server}/${want}/* to have signed, got ${JSON.stringify(signerURI(input) ?? null)}. ` +
      '--owner also requires the signer to belong to that owner; if a reusable workflow elsewhere signed, pass --signer-repo or --signer-workflow.',
  };
};

/** --signer-digest: the commit of the signing workflow (pins a reusable workflow by SHA). */
export const signerDigestRule: Rule = (input, policy) => {
  if (policy.signerDigest === undefined) return undefined;
  if (!input.claims)
    return keySigned(
      'SIGNER_DIGEST_MISMATCH',
      'signer-digest',
      `a signing workflow at commit ${policy.signerDigest}`,
    );
  const got = input.claims.buildSignerDigest;
  if (got !== undefined && got.toLowerCase() === policy.signerDigest.toLowerCase()) return undefined;
  return {
    code: 'SIGNER_DIGEST_MISMATCH',
    rule: 'signer-digest',
    message:
      `expected the signing workflow at commit ${policy.signerDigest}, got ${JSON.stringify(got ?? null)}. ` +
      'Check --signer-digest against the commit the workflow was pinned to.',
  };
};
