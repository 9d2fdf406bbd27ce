import type { ReleasePolicy } from '../approval/options.js';
import type { Policy } from './types.js';

/** The enforced policy as data, for `--format json`: patterns by their source, nothing left out that was asked. */
export type PolicyDescription = Omit<
  Policy,
  'issuerPattern' | 'identity' | 'signerWorkflow' | 'signerRepo'
> & {
  issuerPattern?: string;
  identity?: { exact: string } | { pattern: string };
  signerWorkflow?: { pattern: string; given: string };
  signerRepo?: { pattern: string; given: string; implied: boolean };
};

export function describePolicy(policy: Policy): PolicyDescription {
  const { identity, signerWorkflow, signerRepo, issuerPattern } = policy;
  const out: PolicyDescription = {
    server: policy.server,
    denySelfHostedRunners: policy.denySelfHostedRunners,
    checkStatementSource: policy.checkStatementSource,
  };
  const plain = [
    'predicateType',
    'issuer',
    'signerOwner',
    'signerDigest',
    'sourceRepo',
    'sourceOwner',
    'sourceRef',
    'sourceDigest',
    'environment',
  ] as const;
  for (const key of plain) if (policy[key] !== undefined) out[key] = policy[key];
  if (issuerPattern) out.issuerPattern = issuerPattern.source;
  if (identity)
    out.identity = 'exact' in identity ? { exact: identity.exact } : { pattern: identity.pattern.source };
  if (signerWorkflow)
    out.signerWorkflow = { pattern: signerWorkflow.pattern.source, given: signerWorkflow.shown };
  if (signerRepo)
    out.signerRepo = {
      pattern: signerRepo.pattern.source,
      given: signerRepo.shown,
      implied: signerRepo.implied,
    };
  if (policy.warnings) out.warnings = [...policy.warnings];
  return out;
}

/** The release's rules as data: the approver's policy, and the tag, age and version rules. */
export interface ReleaseDescription {
  requireApproval: boolean;
  approver?: PolicyDescription;
  maxAgeMs?: number;
  expectedTag?: string;
  minVersion?: string;
}

export function describeRelease(release: ReleasePolicy): ReleaseDescription {
  const { approval } = release;
  return {
    requireApproval: approval !== undefined,
    ...(approval ? { approver: describePolicy(approval.approver) } : {}),
    ...(approval?.maxAgeMs !== undefined ? { maxAgeMs: approval.maxAgeMs } : {}),
    ...(release.expectedTag !== undefined ? { expectedTag: release.expectedTag } : {}),
    ...(release.minVersion ? { minVersion: release.minVersion.text } : {}),
  };
}
