import { inputError, ProvenantError, quote } from '../errors.js';
import { SLSA_PROVENANCE_V1 } from '../provenance.js';
import { DEFAULT_SERVER, parseOwner, parseRepository, parseWorkflowRef } from './github-identity.js';
import { compileSafePattern } from './safe-regex.js';
import type { PolicyOptions } from './options.js';
import type { Policy } from './types.js';

export const GITHUB_ACTIONS_ISSUER = 'https://token.actions.githubusercontent.com';

function commitLike(value: string, flag: string): string {
  // A git commit is a SHA-1 (40) or SHA-256 (64) object name.
  if (!/^[0-9a-fA-F]{40}$/.test(value) && !/^[0-9a-fA-F]{64}$/.test(value)) {
    throw inputError(
      'INPUT_INVALID',
      `${flag}: expected a full commit SHA (40 hexadecimal characters), got ${quote(value)}. Abbreviated SHAs are ambiguous.`,
    );
  }
  return value.toLowerCase();
}

function serverURL(value: string | undefined): string {
  const raw = value ?? DEFAULT_SERVER;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw inputError(
      'INPUT_INVALID',
      `server: expected an https URL such as ${DEFAULT_SERVER}, got ${quote(raw)}.`,
    );
  }
  if (url.protocol !== 'https:' || url.pathname !== '/' || url.search || url.hash) {
    throw inputError(
      'INPUT_INVALID',
      `server: expected an https origin such as ${DEFAULT_SERVER}, got ${quote(raw)}.`,
    );
  }
  return url.origin;
}

const nonEmpty = (v: string | undefined): v is string => v !== undefined && v !== '';

/**
 * At least one identity constraint, because a valid signature from anyone proves nothing; and at most one way of
 * naming the certificate identity.
 */
function requireIdentity(options: PolicyOptions): void {
  const identityGiven = [
    options.owner,
    options.repo,
    options.signerWorkflow,
    options.signerRepo,
    options.certIdentity,
    options.certIdentityRegex,
  ].some(nonEmpty);
  if (!identityGiven) {
    throw new ProvenantError(
      'POLICY_MISSING',
      'expected at least one identity constraint, got none. Pass --owner OWNER or --repo OWNER/REPO (or --signer-workflow, ' +
        '--signer-repo, --cert-identity, --cert-identity-regex): without one, a valid signature from anyone would pass.',
    );
  }
  if (nonEmpty(options.certIdentity) && nonEmpty(options.certIdentityRegex)) {
    throw inputError(
      'USAGE',
      'expected at most one of --cert-identity and --cert-identity-regex, got both. Keep the one you mean.',
    );
  }
}

/** Who signed: the certificate identity, the signing workflow, its repository and commit. */
function addSigner(policy: Policy, options: PolicyOptions): void {
  if (nonEmpty(options.certIdentity)) policy.identity = { exact: options.certIdentity };
  if (nonEmpty(options.certIdentityRegex))
    policy.identity = { pattern: compileSafePattern(options.certIdentityRegex, '--cert-identity-regex') };
  if (nonEmpty(options.signerWorkflow))
    policy.signerWorkflow = parseWorkflowRef(options.signerWorkflow, '--signer-workflow', policy.server);
  if (nonEmpty(options.signerRepo))
    policy.signerRepo = { repository: parseRepository(options.signerRepo, '--signer-repo'), implied: false };
  if (nonEmpty(options.signerDigest))
    policy.signerDigest = commitLike(options.signerDigest, '--signer-digest');
}

/** What was built: the source repository (or its owner), ref and commit. */
function addSource(policy: Policy, options: PolicyOptions): void {
  if (nonEmpty(options.repo)) policy.sourceRepo = parseRepository(options.repo, '--repo');
  if (nonEmpty(options.owner)) policy.sourceOwner = parseOwner(options.owner, '--owner');
  if (
    policy.sourceRepo &&
    policy.sourceOwner &&
    policy.sourceRepo.split('/')[0]!.toLowerCase() !== policy.sourceOwner.toLowerCase()
  ) {
    throw inputError(
      'USAGE',
      `expected --repo to belong to --owner, got --owner ${policy.sourceOwner} and --repo ${policy.sourceRepo}. Drop one of them.`,
    );
  }
  if (nonEmpty(options.sourceRef)) policy.sourceRef = options.sourceRef;
  if (nonEmpty(options.sourceDigest))
    policy.sourceDigest = commitLike(options.sourceDigest, '--source-digest');
}

/**
 * Turns flags into a policy, refusing an empty one: a valid signature from anyone proves nothing, so at least one
 * identity constraint (--owner, --repo, --signer-workflow, --signer-repo, --cert-identity, --cert-identity-regex)
 * is required. Like gh, --owner/--repo also constrain the signer unless a signer flag says otherwise.
 */
export function buildPolicy(options: PolicyOptions): Policy {
  const server = serverURL(options.server);
  requireIdentity(options);
  const policy: Policy = {
    server,
    predicateType: nonEmpty(options.predicateType) ? options.predicateType : SLSA_PROVENANCE_V1,
    issuer: nonEmpty(options.certOidcIssuer) ? options.certOidcIssuer : GITHUB_ACTIONS_ISSUER,
    denySelfHostedRunners: options.denySelfHostedRunners === true,
    checkStatementSource: true,
  };
  addSigner(policy, options);
  addSource(policy, options);
  // gh's default: the signer must be the source repository (or owner) unless another signer constraint is given.
  const signerNamed = policy.signerWorkflow || policy.signerRepo || policy.identity;
  if (!signerNamed) {
    if (policy.sourceRepo) policy.signerRepo = { repository: policy.sourceRepo, implied: true };
    else if (policy.sourceOwner) policy.signerOwner = policy.sourceOwner;
  }
  return policy;
}
