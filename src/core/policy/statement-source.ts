import { SLSA_PROVENANCE_V1 } from '../provenance.js';

export const SLSA_PROVENANCE_V02 = 'https://slsa.dev/provenance/v0.2';

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A git source the statement names: `git+<repository>[@<ref>]` and, when it says, the commit. */
export interface GitSource {
  /** Where in the statement, for messages: `resolvedDependencies[]`, `materials[]`, `invocation.configSource`. */
  field: string;
  uri: string;
  commit?: { value: string; key: 'gitCommit' | 'sha1' };
}

export interface StatementSource {
  buildType?: string;
  workflowRepository?: string;
  workflowRef?: string;
  git: GitSource[];
}

/**
 * The commit of a git source. SLSA v1 as GitHub writes it says `gitCommit`; SLSA v0.2 and slsa-github-generator's
 * builders say `sha1`. Neither is no claim at all, which is not a contradiction.
 */
function gitSource(field: string, entry: unknown): GitSource | undefined {
  const e = record(entry);
  const uri = str(e?.uri);
  if (!uri?.startsWith('git+')) return undefined;
  const digest = record(e?.digest);
  const gitCommit = str(digest?.gitCommit);
  const sha1 = str(digest?.sha1);
  const out: GitSource = { field, uri };
  if (gitCommit !== undefined) out.commit = { value: gitCommit, key: 'gitCommit' };
  else if (sha1 !== undefined) out.commit = { value: sha1, key: 'sha1' };
  return out;
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const defined = <T>(v: T | undefined): v is T => v !== undefined;

/** SLSA v1 in GitHub's layout (DESIGN §3), and the container-based builder's (same fields, other digest). */
function v1Source(predicate: unknown): StatementSource {
  const buildDefinition = record(record(predicate)?.buildDefinition);
  const workflow = record(record(buildDefinition?.externalParameters)?.workflow);
  const git = list(buildDefinition?.resolvedDependencies)
    .map((d) => gitSource('resolvedDependencies[]', d))
    .filter(defined);
  const out: StatementSource = { git };
  const buildType = str(buildDefinition?.buildType);
  if (buildType !== undefined) out.buildType = buildType;
  const repository = str(workflow?.repository);
  if (repository !== undefined) out.workflowRepository = repository;
  const ref = str(workflow?.ref);
  if (ref !== undefined) out.workflowRef = ref;
  return out;
}

/** SLSA v0.2: the workflow's checkout is `invocation.configSource`, and the sources are among `materials`. */
function v02Source(predicate: unknown): StatementSource {
  const p = record(predicate);
  const config = gitSource('invocation.configSource', record(p?.invocation)?.configSource);
  const materials = list(p?.materials).map((m) => gitSource('materials[]', m));
  return { git: [config, ...materials].filter(defined) };
}

/** The source fields of a provenance statement; undefined for predicates that carry none we read. */
export function statementSource(predicateType: string, predicate: unknown): StatementSource | undefined {
  if (predicateType === SLSA_PROVENANCE_V1) return v1Source(predicate);
  if (predicateType === SLSA_PROVENANCE_V02) return v02Source(predicate);
  return undefined;
}
