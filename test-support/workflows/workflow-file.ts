/**
 * Workflow files as the interpreter reads them: jobs in `needs` order, the inputs of `workflow_call` and
 * `workflow_dispatch` typed as declared, and permissions (a called workflow's capped by its caller's). Keys the
 * interpreter does not model fail loudly, so a workflow cannot silently lose a part of itself.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { Value } from './expressions.js';
import type { Step } from './steps.js';

export type Level = 'none' | 'read' | 'write';
export type Permissions = Partial<Record<string, Level>>;

export interface Job {
  name?: string;
  needs?: string | string[];
  if?: unknown;
  'runs-on'?: string;
  permissions?: Permissions | 'read-all' | 'write-all';
  outputs?: Record<string, string>;
  env?: Record<string, unknown>;
  steps?: Step[];
  uses?: string;
  with?: Record<string, unknown>;
  secrets?: Record<string, unknown> | 'inherit';
  environment?: unknown;
  concurrency?: unknown;
  'timeout-minutes'?: number;
}

export interface Workflow {
  name?: string;
  on?: Record<string, unknown>;
  permissions?: Job['permissions'];
  env?: Record<string, unknown>;
  concurrency?: unknown;
  jobs: Record<string, Job>;
}

const JOB_KEYS = new Set([
  'name',
  'needs',
  'if',
  'runs-on',
  'permissions',
  'outputs',
  'env',
  'steps',
  'uses',
  'with',
  'secrets',
  'environment',
  'concurrency',
  'timeout-minutes',
]);

export async function loadWorkflow(file: string): Promise<Workflow> {
  const workflow = parse(await readFile(file, 'utf8')) as Workflow;
  // YAML reads the key `on` as a plain string; normalise the short forms (`on: push`, `on: [push]`).
  const on = workflow.on as unknown;
  if (typeof on === 'string') workflow.on = { [on]: null };
  else if (Array.isArray(on)) workflow.on = Object.fromEntries(on.map((e: string) => [e, null]));
  for (const [id, job] of Object.entries(workflow.jobs)) {
    const unknown = Object.keys(job).filter((k) => !JOB_KEYS.has(k));
    if (unknown.length > 0)
      throw new Error(`${file} job ${id}: the workflow interpreter does not support ${unknown.join(', ')}`);
  }
  return workflow;
}

/** Jobs in an order where each comes after those it needs (file order otherwise). */
export function orderJobs(workflow: Workflow): [string, Job][] {
  const jobs = Object.entries(workflow.jobs);
  const done = new Set<string>();
  const out: [string, Job][] = [];
  while (out.length < jobs.length) {
    const next = jobs.find(([id, job]) => {
      const needs = job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];
      return !done.has(id) && needs.every((n) => done.has(n));
    });
    if (!next)
      throw new Error(
        `jobs ${jobs
          .map(([id]) => id)
          .filter((id) => !done.has(id))
          .join(', ')} need each other or a missing job`,
      );
    done.add(next[0]);
    out.push(next);
  }
  return out;
}

const RANK: Record<Level, number> = { none: 0, read: 1, write: 2 };

function expand(p: Job['permissions'] | undefined): Permissions | undefined {
  if (p === 'read-all' || p === 'write-all') {
    const level = p === 'read-all' ? 'read' : 'write';
    return new Proxy({}, { get: () => level });
  }
  return p;
}

/** A job's permissions: its own or the workflow's, each capped by `cap` (the calling job's). */
export function permissionsOf(workflow: Workflow, job: Job, cap?: Permissions): Permissions {
  const own = expand(job.permissions) ?? expand(workflow.permissions) ?? {};
  const scopes = ['contents', 'id-token', 'attestations', 'actions', 'security-events'];
  const out: Permissions = {};
  for (const scope of scopes) {
    const mine: Level = own[scope] ?? 'none';
    const limit: Level = cap ? (cap[scope] ?? 'none') : 'write';
    out[scope] = RANK[mine] <= RANK[limit] ? mine : limit;
  }
  return out;
}

interface InputSpec {
  type?: 'string' | 'boolean' | 'number' | 'choice' | 'environment';
  required?: boolean;
  default?: unknown;
}

/** The `inputs` context of a run: what was given, typed as declared, with the declared defaults. */
export function typedInputs(
  workflow: Workflow,
  trigger: 'workflow_call' | 'workflow_dispatch' | undefined,
  given: Record<string, Value>,
): Record<string, Value> {
  if (!trigger) return {};
  const declared = (workflow.on?.[trigger] as { inputs?: Record<string, InputSpec> } | null)?.inputs ?? {};
  const unknown = Object.keys(given).filter((k) => !(k in declared));
  if (unknown.length > 0) throw new Error(`${trigger}: inputs ${unknown.join(', ')} are not declared`);
  const out: Record<string, Value> = {};
  for (const [name, spec] of Object.entries(declared)) {
    const value = given[name] ?? (spec.default as Value | undefined);
    if (value === undefined || value === null) {
      if (spec.required) throw new Error(`${trigger}: the required input ${name} was not given`);
      out[name] = spec.type === 'boolean' ? false : spec.type === 'number' ? 0 : '';
    } else if (spec.type === 'boolean') {
      if (typeof value !== 'boolean' && value !== 'true' && value !== 'false')
        throw new Error(`${trigger}: input ${name} is a boolean, got ${JSON.stringify(value)}`);
      out[name] = value === true || value === 'true';
    } else if (spec.type === 'number') {
      out[name] = Number(value);
    } else {
      out[name] = typeof value === 'object' ? JSON.stringify(value) : String(value);
    }
  }
  return out;
}
