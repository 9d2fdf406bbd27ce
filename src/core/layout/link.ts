/**
 * Step attestations: the in-toto link predicate v0.3 (`name`, `command`, `materials`, `byproducts`, `environment`;
 * the products are the statement's subjects), how a verified statement is read back as a step's artifacts, and the
 * classic in-toto 1.0 link the same facts make (what in-toto's own tools read).
 */
import type { BuildContext } from '../build-context.js';
import type { DigestSet } from '../digest.js';
import type { StatementView } from '../policy/statement-view.js';
import { SLSA_PROVENANCE_V1 } from '../provenance.js';
import { buildStatement, type Statement } from '../statement.js';
import type { Subject } from '../subject.js';
import type { ArtifactDigests, Artifacts } from './rule-engine.js';

export const LINK_PREDICATE_V03 = 'https://in-toto.io/attestation/link/v0.3';

export interface LinkPredicate {
  name: string;
  command: string[];
  materials: { name: string; digest: DigestSet }[];
  byproducts: Record<string, unknown>;
  environment: Record<string, unknown>;
}

/** What a command left behind: its exit code and the digests of what it printed. */
export interface CommandByproducts {
  exitCode: number;
  stdoutSha256: string;
  stderrSha256: string;
}

/** The link statement for one step: products are the subjects (possibly none: a test step makes nothing). */
export function linkStatement(step: {
  name: string;
  command: readonly string[];
  materials: readonly Subject[];
  products: readonly Subject[];
  byproducts?: CommandByproducts;
  environment: Record<string, unknown>;
}): Statement<LinkPredicate> {
  const b = step.byproducts;
  return buildStatement(step.products, LINK_PREDICATE_V03, {
    name: step.name,
    command: [...step.command],
    materials: step.materials.map((m) => ({ name: m.name, digest: { ...m.digest } })),
    // in-toto's own names for these, with digests in place of the text it would record.
    byproducts: b
      ? { 'return-value': b.exitCode, stdout: { sha256: b.stdoutSha256 }, stderr: { sha256: b.stderrSha256 } }
      : {},
    environment: step.environment,
  });
}

/** The run facts provenance records, as a link's environment: who ran the step, where, on what. */
export function linkEnvironment(context: BuildContext): Record<string, unknown> {
  const runner = context.extras.runner;
  return {
    github: {
      server_url: context.serverUrl,
      repository: context.repository,
      ref: context.ref,
      sha: context.sha,
      workflow_ref: context.workflowRef,
      job_workflow_ref: context.jobWorkflowRef,
      event_name: context.eventName,
      run_id: context.runId,
      run_attempt: context.runAttempt,
      runner_environment: context.runnerEnvironment,
    },
    ...(runner && Object.keys(runner).length > 0 ? { runner } : {}),
  };
}

/** A step's link as verification reads it, whatever predicate it came in. */
export interface LinkView {
  name: string;
  command: string[];
  materials: Artifacts;
  products: Artifacts;
  byproducts: Record<string, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function digestsOf(raw: unknown): ArtifactDigests | undefined {
  if (!isRecord(raw)) return undefined;
  const entries = Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string');
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** Name → digests from a list of resource descriptors; an entry without a name or a digest names nothing. */
function artifactsOf(
  list: unknown,
  nameOf: (d: Record<string, unknown>) => unknown,
): Map<string, ArtifactDigests> {
  const out = new Map<string, ArtifactDigests>();
  if (!Array.isArray(list)) return out;
  for (const item of list) {
    if (!isRecord(item)) continue;
    const name = nameOf(item);
    const digest = digestsOf(item.digest);
    if (typeof name === 'string' && name !== '' && digest) out.set(name, digest);
  }
  return out;
}

/** The products of any statement: its subjects, with the digests verification reads of them. */
function productsOf(statement: StatementView): Map<string, ArtifactDigests> {
  const out = new Map<string, ArtifactDigests>();
  for (const s of statement.subjects)
    if (s.name !== '' && Object.keys(s.digest).length > 0) out.set(s.name, { ...s.digest });
  return out;
}

/** A link predicate's step, or undefined when the statement is not a link. */
export function readLink(statement: StatementView): LinkView | undefined {
  if (statement.predicateType !== LINK_PREDICATE_V03 || !isRecord(statement.predicate)) return undefined;
  const p = statement.predicate;
  if (typeof p.name !== 'string') return undefined;
  return {
    name: p.name,
    command: Array.isArray(p.command) ? p.command.filter((c): c is string => typeof c === 'string') : [],
    materials: artifactsOf(p.materials, (d) => d.name ?? d.uri),
    products: productsOf(statement),
    byproducts: isRecord(p.byproducts) ? p.byproducts : {},
  };
}

/**
 * Provenant's own SLSA provenance as a build step's link: its resolved dependencies are the materials (named by URI,
 * e.g. `git+https://github.com/o/r@refs/tags/v1`), its subjects the products.
 */
export function readProvenanceAsLink(statement: StatementView, step: string): LinkView | undefined {
  if (statement.predicateType !== SLSA_PROVENANCE_V1 || !isRecord(statement.predicate)) return undefined;
  const definition = statement.predicate.buildDefinition;
  const dependencies = isRecord(definition) ? definition.resolvedDependencies : undefined;
  return {
    name: step,
    command: [],
    materials: artifactsOf(dependencies, (d) => d.uri ?? d.name),
    products: productsOf(statement),
    byproducts: {},
  };
}

const toObject = (artifacts: Artifacts): Record<string, ArtifactDigests> =>
  Object.fromEntries([...artifacts].map(([name, digest]) => [name, { ...digest }]));

/** The classic in-toto 1.0 link (`_type: link`) carrying the same step: what in-toto's verifylib reads. */
export function classicLink(link: LinkView): Record<string, unknown> {
  return {
    _type: 'link',
    name: link.name,
    command: link.command,
    materials: toObject(link.materials),
    products: toObject(link.products),
    byproducts: link.byproducts,
    environment: {},
  };
}
