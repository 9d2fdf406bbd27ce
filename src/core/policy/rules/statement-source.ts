import type { CertificateClaims } from '../../certificate-claims.js';
import { GITHUB_WORKFLOW_BUILD_TYPE } from '../../provenance.js';
import { statementSource, type GitSource, type StatementSource } from '../statement-source.js';
import type { Rule, Violation } from '../types.js';
import { keySigned } from './certificate.js';

function mismatch(field: string, got: string | undefined, want: string | undefined): Violation {
  return {
    code: 'STATEMENT_CERT_MISMATCH',
    rule: 'statement-source',
    message:
      `expected the statement's ${field} to equal the certificate's (${JSON.stringify(want ?? null)}), got ${JSON.stringify(got ?? null)}. ` +
      'The statement is whatever the signer wrote; only the certificate is vouched for by Fulcio. Do not trust this bundle: ' +
      'it was produced by a workflow that misreports its source.',
  };
}

const eq = (a: string | undefined, b: string | undefined): boolean =>
  a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

/** `git+<repository>[@<ref>]` split; the ref is undefined when the URI names none (no claim about it). */
function splitGitURI(uri: string): { repository: string; ref?: string } {
  const body = uri.slice('git+'.length);
  const at = body.indexOf('@');
  return at < 0 ? { repository: body } : { repository: body.slice(0, at), ref: body.slice(at + 1) };
}

function compareWorkflow(source: StatementSource, repo?: string, ref?: string): Violation | undefined {
  const github = source.buildType === GITHUB_WORKFLOW_BUILD_TYPE;
  if ((source.workflowRepository !== undefined || github) && !eq(source.workflowRepository, repo))
    return mismatch('externalParameters.workflow.repository', source.workflowRepository, repo);
  if ((source.workflowRef !== undefined || github) && source.workflowRef !== ref)
    return mismatch('externalParameters.workflow.ref', source.workflowRef, ref);
  return undefined;
}

/** A git source of the certificate's repository must name its ref and commit, where it names them at all. */
function compareGit(dep: GitSource, claims: CertificateClaims): Violation | undefined {
  const { sourceRepositoryURI: repo, sourceRepositoryRef: ref, sourceRepositoryDigest: commit } = claims;
  const { ref: depRef } = splitGitURI(dep.uri);
  if (depRef !== undefined && depRef !== ref)
    return mismatch(`${dep.field}.uri`, dep.uri, `git+${repo}@${ref}`);
  if (dep.commit !== undefined && !eq(dep.commit.value, commit))
    return mismatch(`${dep.field}.digest.${dep.commit.key}`, dep.commit.value, commit);
  return undefined;
}

/** Compares a provenance statement's source repository, ref and commit with the certificate's. */
export function compareStatementSource(
  source: StatementSource,
  claims: CertificateClaims,
): Violation | undefined {
  const repo = claims.sourceRepositoryURI;
  const workflow = compareWorkflow(source, repo, claims.sourceRepositoryRef);
  if (workflow) return workflow;
  // The source checkout is the git source of the certificate's repository; other git sources (e.g. the original
  // assets of a re-sign, submodules, or the builder's own repository) are not the certificate's business.
  const sourceDeps = source.git.filter((d) => eq(splitGitURI(d.uri).repository, repo));
  if (source.buildType === GITHUB_WORKFLOW_BUILD_TYPE && sourceDeps.length === 0) {
    return mismatch(
      'resolvedDependencies git source',
      source.git[0]?.uri,
      `git+${repo}@${claims.sourceRepositoryRef}`,
    );
  }
  for (const dep of sourceDeps) {
    const violation = compareGit(dep, claims);
    if (violation) return violation;
  }
  return undefined;
}

/**
 * The statement's own source claims must agree with the certificate (SLSA v1 and v0.2 provenance). A certificate
 * without a source repository (not issued to a CI workflow) makes no claim to compare with.
 */
export const statementSourceRule: Rule = (input, policy) => {
  if (!policy.checkStatementSource || !input.statement) return undefined;
  const source = statementSource(input.statement.predicateType, input.statement.predicate);
  if (!source) return undefined;
  if (!input.claims)
    return keySigned(
      'STATEMENT_CERT_MISMATCH',
      'statement-source',
      'the source repository the statement claims',
    );
  if (input.claims.sourceRepositoryURI === undefined) return undefined;
  return compareStatementSource(source, input.claims);
};
