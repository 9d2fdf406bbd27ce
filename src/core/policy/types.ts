import type { CertificateClaims } from '../certificate-claims.js';
import type { DigestSet } from '../digest.js';
import type { ErrorCode } from '../errors.js';
import type { SignerPattern } from './github-identity.js';
import type { SafePattern } from './safe-regex.js';
import type { StatementView } from './statement-view.js';

/**
 * What a verifier demands beyond valid cryptography. Every field is optional on its own; `buildPolicy` makes sure at
 * least one identity constraint is present, because "any signer" proves nothing.
 */
export interface Policy {
  /** Host of the source forge, used to turn OWNER/REPO into the URIs Fulcio writes. */
  server: string;
  /** undefined: accept any predicate (only the conformance protocol does this). */
  predicateType?: string;
  /** The exact OIDC issuer; or, with --cert-oidc-issuer-regex, a pattern it must match. */
  issuer?: string;
  issuerPattern?: SafePattern;
  identity?: { exact: string } | { pattern: SafePattern };
  /** --signer-workflow, as gh reads it: a pattern searched for in the Build Signer URI. */
  signerWorkflow?: SignerPattern;
  /** The repository whose workflows may sign; `implied` when derived from --repo rather than asked for. */
  signerRepo?: SignerPattern & { implied: boolean };
  /** OWNER whose workflows may sign (implied by --owner when nothing narrower is given). */
  signerOwner?: string;
  signerDigest?: string;
  sourceRepo?: string;
  sourceOwner?: string;
  sourceRef?: string;
  sourceDigest?: string;
  denySelfHostedRunners: boolean;
  /** The Deployment Environment (.23) the certificate must name; a certificate without one fails. */
  environment?: string;
  /** Compare the statement's own source fields with the certificate's (SLSA v1 and v0.2 provenance). */
  checkStatementSource: boolean;
  /** Advice for the user about the policy as given (e.g. a pattern that can match in the middle of a value). */
  warnings?: string[];
}

/** Everything a rule may look at; all of it already passed the cryptographic checks. */
export interface PolicyInput {
  /** The artifact's digests, by algorithm (at least one). */
  artifact: DigestSet;
  /** The in-toto statement of a DSSE bundle; undefined for a message-signature bundle. */
  statement?: StatementView;
  /** undefined for a public-key bundle (no certificate, so no identity). */
  claims?: CertificateClaims;
}

export interface Violation {
  code: ErrorCode;
  rule: string;
  message: string;
}

/** One rule: returns undefined when satisfied (or not asked for), a violation otherwise. Pure. */
export type Rule = (input: PolicyInput, policy: Policy) => Violation | undefined;
