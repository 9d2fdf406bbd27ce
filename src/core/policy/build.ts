import { inputError, ProvenantError, quote } from '../errors.js';
import { SLSA_PROVENANCE_V1 } from '../provenance.js';
import {
  DEFAULT_SERVER,
  impliedSignerRepo,
  parseOwner,
  parseRepository,
  signerRepoPattern,
  signerWorkflowPattern,
} from './github-identity.js';
import { predicateTypeURI } from './predicate-types.js';
import { compileSafePattern, type SafePattern } from './safe-regex.js';
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

/**
 * A pattern the user wrote in full, searched for as gh and cosign do; one that is not anchored at the start earns a
 * warning, because `https://github.com/octo-org/` also matches `https://evil.example/https://github.com/octo-org/`.
 */
function userPattern(policy: Policy, source: string, flag: string): SafePattern {
  const pattern = compileSafePattern(source, flag);
  if (!pattern.anchoredAtStart) {
    (policy.warnings ??= []).push(
      `${flag} ${JSON.stringify(source)} is not anchored at the start: like gh and cosign, it matches anywhere in ` +
        `the value, so a value that merely contains a match passes too. Write it as ${JSON.stringify(`^${source}`)} (and end it with $ to match the whole value).`,
    );
  }
  return pattern;
}

/** Who signed: the certificate identity, the signing workflow, its repository and commit. */
function addSigner(policy: Policy, options: PolicyOptions): void {
  if (nonEmpty(options.certIdentity)) policy.identity = { exact: options.certIdentity };
  if (nonEmpty(options.certIdentityRegex))
    policy.identity = { pattern: userPattern(policy, options.certIdentityRegex, '--cert-identity-regex') };
  if (nonEmpty(options.signerWorkflow))
    policy.signerWorkflow = signerWorkflowPattern(options.signerWorkflow, '--signer-workflow', policy.server);
  if (nonEmpty(options.signerRepo))
    policy.signerRepo = {
      ...signerRepoPattern(options.signerRepo, '--signer-repo', policy.server),
      implied: false,
    };
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
  if (nonEmpty(options.environment)) policy.environment = options.environment;
}

/** --cert-oidc-issuer (exact, GitHub Actions' by default) or --cert-oidc-issuer-regex, never both. */
function addIssuer(policy: Policy, options: PolicyOptions): void {
  if (nonEmpty(options.certOidcIssuer) && nonEmpty(options.certOidcIssuerRegex)) {
    throw inputError(
      'USAGE',
      'expected at most one of --cert-oidc-issuer and --cert-oidc-issuer-regex, got both. Keep the one you mean.',
    );
  }
  if (nonEmpty(options.certOidcIssuerRegex))
    policy.issuerPattern = userPattern(policy, options.certOidcIssuerRegex, '--cert-oidc-issuer-regex');
  else policy.issuer = nonEmpty(options.certOidcIssuer) ? options.certOidcIssuer : GITHUB_ACTIONS_ISSUER;
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
    predicateType: nonEmpty(options.predicateType)
      ? predicateTypeURI(options.predicateType)
      : SLSA_PROVENANCE_V1,
    denySelfHostedRunners: options.denySelfHostedRunners === true,
    checkStatementSource: true,
  };
  addIssuer(policy, options);
  addSigner(policy, options);
  addSource(policy, options);
  // gh's default: the signer must be the source repository (or owner) unless another signer constraint is given.
  const signerNamed = policy.signerWorkflow || policy.signerRepo || policy.identity;
  if (!signerNamed) {
    if (policy.sourceRepo)
      policy.signerRepo = { ...impliedSignerRepo(policy.server, policy.sourceRepo), implied: true };
    else if (policy.sourceOwner) policy.signerOwner = policy.sourceOwner;
  }
  return policy;
}
