import type { CertificateClaims } from '../../certificate-claims.js';
import { GITHUB_WORKFLOW_BUILD_TYPE, SLSA_PROVENANCE_V1 } from '../../provenance.js';
import type { Rule, Violation } from '../types.js';
import { keySigned } from './certificate.js';

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

interface StatementSource {
  buildType?: string;
  workflowRepository?: string;
  workflowRef?: string;
  /** Every git dependency: uri git+<repo>@<ref> and its gitCommit. */
  git: { uri: string; commit?: string }[];
}

/** Reads the source fields GitHub's layout puts in SLSA v1 provenance (DESIGN §3). */
export function statementSource(predicate: unknown): StatementSource {
  const buildDefinition = record(record(predicate)?.buildDefinition);
  const workflow = record(record(buildDefinition?.externalParameters)?.workflow);
  const deps = Array.isArray(buildDefinition?.resolvedDependencies)
    ? buildDefinition.resolvedDependencies
    : [];
  const git = deps
    .map(record)
    .filter((d): d is Record<string, unknown> => d !== undefined && str(d.uri)?.startsWith('git+') === true)
    .map((d) => {
      const commit = str(record(d.digest)?.gitCommit);
      return commit === undefined ? { uri: d.uri as string } : { uri: d.uri as string, commit };
    });
  const out: StatementSource = { git };
  const buildType = str(buildDefinition?.buildType);
  if (buildType !== undefined) out.buildType = buildType;
  const repository = str(workflow?.repository);
  if (repository !== undefined) out.workflowRepository = repository;
  const ref = str(workflow?.ref);
  if (ref !== undefined) out.workflowRef = ref;
  return out;
}

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

/** Compares a GitHub-workflow SLSA v1 statement's source repository, ref and commit with the certificate's. */
export function compareStatementSource(
  source: StatementSource,
  claims: CertificateClaims,
): Violation | undefined {
  const repo = claims.sourceRepositoryURI;
  const ref = claims.sourceRepositoryRef;
  const commit = claims.sourceRepositoryDigest;
  if (source.workflowRepository !== undefined || source.buildType === GITHUB_WORKFLOW_BUILD_TYPE) {
    if (!eq(source.workflowRepository, repo))
      return mismatch('externalParameters.workflow.repository', source.workflowRepository, repo);
  }
  if (source.workflowRef !== undefined || source.buildType === GITHUB_WORKFLOW_BUILD_TYPE) {
    if (source.workflowRef !== ref)
      return mismatch('externalParameters.workflow.ref', source.workflowRef, ref);
  }
  // The source checkout is the git dependency on the certificate's repository; other git dependencies (e.g. the
  // original assets of a re-sign, or submodules) are not the certificate's business.
  const sourceDeps = source.git.filter((d) => eq(d.uri.slice(4).split('@')[0], repo));
  if (source.buildType === GITHUB_WORKFLOW_BUILD_TYPE && sourceDeps.length === 0) {
    return mismatch('resolvedDependencies git source', source.git[0]?.uri, `git+${repo}@${ref}`);
  }
  for (const dep of sourceDeps) {
    const want = `git+${repo}@${ref}`;
    if (dep.uri !== want && !eq(dep.uri, want)) return mismatch('resolvedDependencies[].uri', dep.uri, want);
    if (!eq(dep.commit, commit))
      return mismatch('resolvedDependencies[].digest.gitCommit', dep.commit, commit);
  }
  return undefined;
}

/** The statement's own source claims must agree with the certificate (SLSA v1 provenance only). */
export const statementSourceRule: Rule = (input, policy) => {
  if (!policy.checkStatementSource || !input.statement) return undefined;
  if (input.statement.predicateType !== SLSA_PROVENANCE_V1) return undefined;
  if (!input.claims)
    return keySigned(
      'STATEMENT_CERT_MISMATCH',
      'statement-source',
      'the source repository the statement claims',
    );
  return compareStatementSource(statementSource(input.statement.predicate), input.claims);
};
