/**
 * A small interpreter of GitHub Actions workflows, for running this repository's examples and workflows end to end
 * against the local Sigstore stack and GitHub emulator, as the runner would run them.
 *
 * What it does:
 * - Jobs run one at a time in `needs` order, each in a fresh workspace and runner temp; a job whose needs did not all
 *   succeed is skipped, and `if:` (job and step) is evaluated with an implied success().
 * - A job that `uses:` a reusable workflow (`./.github/workflows/x.yml`, or
 *   `provenant-org/provenant/.github/workflows/x.yml@<ref>`, which stands for this checkout's file) runs that file's
 *   jobs with the caller's `with:` typed by its `on.workflow_call.inputs`, `secrets:`, the caller's `github` context,
 *   and its `on.workflow_call.outputs` as the calling job's outputs. Its jobs are recorded as `caller/job`.
 * - Expressions (expressions.ts) see `github`, `env`, `inputs`, `needs`, `steps`, `secrets`, `runner`, and `jobs` in a
 *   reusable workflow's outputs; nothing else.
 * - Permissions: a job's own (or the workflow's), capped by the calling job's in a reusable workflow. Only with
 *   `id-token: write` does a job get the OIDC token endpoint; `contents` and `attestations` are what the emulator's
 *   token may do during the job. The token's claims name the job's workflow (job_workflow_ref/sha), as GitHub's do.
 * - Steps run through steps.ts. The test names the steps not to run (`skip`, by `job › step` label) with the reason;
 *   every such step is recorded with it, and a skip-list entry that names no step fails the run.
 * - Environments: a job's `environment:` (a name, or `{name}`) is in its OIDC token (`environment`, and the `sub`
 *   GitHub gives such a job), so its certificate names it; the test says who reviewed each environment's deployment
 *   (`reviews`), which the emulator then reports for the run, as GitHub does once a required reviewer approved.
 *   A job's `actions:` permission decides whether its token may read those reviews.
 * Not modelled: matrices, services, containers, concurrency, environments' waiting and protection rules, caches.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot, runnerEnv } from '../action-runner.js';
import type { GitHubEmulator } from '../github-emulator/index.js';
import { githubClaims, type SigstoreStack } from '../sigstore-stack/index.js';
import { condition, interpolate, interpolateText, type Contexts, type Value } from './expressions.js';
import { checkStepKeys, runStep, stepLabel, type Step, type StepContext, type StepRecord } from './steps.js';
import {
  loadWorkflow,
  orderJobs,
  permissionsOf,
  typedInputs,
  type Job,
  type Permissions,
  type Workflow,
} from './workflow-file.js';

export type { StepRecord } from './steps.js';

export interface WorkflowRunRequest {
  /** The workflow file, relative to this repository. */
  file: string;
  /** Where the file sits in the repository that runs it (an example is copied into .github/workflows/). */
  workflowPath?: string;
  repository: string;
  event: string;
  payload?: Record<string, unknown>;
  ref: string;
  sha: string;
  /** workflow_dispatch inputs. */
  inputs?: Record<string, Value>;
  secrets?: Record<string, string>;
  /** The git repository each checkout of `owner/name` clones. */
  sources: Record<string, string>;
  /** Steps not to run, by `job › step` label, each with its reason. */
  skip?: Record<string, string>;
  /**
   * `run:` steps to run as another script, by `job › step` label, each with its reason: for a step that needs what
   * this machine cannot give it (a registry), replaced by one that makes the same files another way.
   */
  replace?: Record<string, { reason: string; run: string }>;
  /** Who approved each environment's deployment in this run (environment name → reviewer login and comment). */
  reviews?: Record<string, { reviewer: string; comment?: string }>;
  /** The commit a reusable workflow of provenant-org/provenant is called at (its checkout must hold it). */
  provenantSha?: string;
  stack: SigstoreStack;
  emulator: GitHubEmulator;
}

export interface JobRecord {
  job: string;
  result: 'success' | 'failure' | 'skipped';
  outputs: Record<string, string>;
}

export interface WorkflowRun {
  steps: StepRecord[];
  jobs: JobRecord[];
  /** A step of the run by job and label. */
  step(job: string, label: string): StepRecord;
}

interface Scope {
  /** Job path prefix: '' at the top, 'caller/' inside a called workflow. */
  prefix: string;
  workflow: Workflow;
  /** The workflow file's reference as GitHub names it (owner/repo/path@ref), for job_workflow_ref. */
  jobWorkflowRef: string;
  jobWorkflowSha: string;
  inputs: Record<string, Value>;
  secrets: Record<string, string>;
  cap?: Permissions;
  /** Each job's result once the scope has run. */
  jobResults?: Map<string, JobRecord>;
}

export class WorkflowInterpreter {
  readonly #request: WorkflowRunRequest;
  readonly #steps: StepRecord[] = [];
  readonly #jobs: JobRecord[] = [];
  readonly #skipsUsed = new Set<string>();
  readonly #reviewed = new Set<string>();
  #root = '';

  constructor(request: WorkflowRunRequest) {
    this.#request = request;
  }

  async run(): Promise<WorkflowRun> {
    const r = this.#request;
    this.#root = await mkdtemp(path.join(tmpdir(), 'provenant-workflow-'));
    const workflow = await loadWorkflow(path.join(repoRoot, r.file));
    const workflowPath = r.workflowPath ?? r.file;
    await this.#runJobs({
      prefix: '',
      workflow,
      jobWorkflowRef: `${r.repository}/${workflowPath}@${r.ref}`,
      jobWorkflowSha: r.sha,
      inputs: typedInputs(
        workflow,
        r.event === 'workflow_dispatch' ? 'workflow_dispatch' : undefined,
        r.inputs ?? {},
      ),
      secrets: r.secrets ?? {},
    });
    const unused = [...Object.keys(r.skip ?? {}), ...Object.keys(r.replace ?? {})].filter(
      (k) => !this.#skipsUsed.has(k),
    );
    if (unused.length > 0)
      throw new Error(`the skip list names steps that are not in the run: ${unused.join('; ')}`);
    const steps = this.#steps;
    return {
      steps,
      jobs: this.#jobs,
      step: (job, label) => {
        const found = steps.find((s) => s.job === job && s.label === label);
        if (!found)
          throw new Error(
            `no step ${job} › ${label}; the run has ${steps.map((s) => `${s.job} › ${s.label}`).join('; ')}`,
          );
        return found;
      },
    };
  }

  async cleanup(): Promise<void> {
    if (this.#root) await rm(this.#root, { recursive: true, force: true });
  }

  /** The github context: the top-level run's, in called workflows too (as on GitHub). */
  #github(job: string, workspace: string): Record<string, Value> {
    const r = this.#request;
    const refName = r.ref.replace(/^refs\/(heads|tags)\//, '');
    return {
      token: r.emulator.token,
      repository: r.repository,
      repository_owner: r.repository.split('/')[0]!,
      ref: r.ref,
      ref_name: refName,
      ref_type: r.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
      sha: r.sha,
      event_name: r.event,
      event: (r.payload ?? {}) as Value,
      workflow: '',
      workflow_ref: `${r.repository}/${r.workflowPath ?? r.file}@${r.ref}`,
      workspace,
      job,
      run_id: '987654321',
      run_number: '42',
      run_attempt: '1',
      actor: 'octocat',
      server_url: 'https://github.com',
      api_url: r.emulator.apiUrl,
    };
  }

  async #runJobs(scope: Scope): Promise<void> {
    const results = new Map<string, JobRecord>();
    for (const [id, job] of orderJobs(scope.workflow)) {
      const record = await this.#runJob(scope, id, job, results);
      results.set(id, record);
      this.#jobs.push({ ...record, job: scope.prefix + id });
    }
    scope.jobResults = results;
  }

  #needs(job: Job, results: Map<string, JobRecord>): Record<string, Value> {
    const needs = job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];
    return Object.fromEntries(
      needs.map((n) => [
        n,
        { result: results.get(n)?.result ?? 'skipped', outputs: results.get(n)?.outputs ?? {} },
      ]),
    );
  }

  async #runJob(scope: Scope, id: string, job: Job, results: Map<string, JobRecord>): Promise<JobRecord> {
    const path_ = scope.prefix + id;
    const needs = this.#needs(job, results);
    const dir = path.join(this.#root, path_.replace(/\//g, '--'));
    const workspace = path.join(dir, 'workspace');
    const temp = path.join(dir, 'temp');
    await mkdir(workspace, { recursive: true });
    await mkdir(temp, { recursive: true });
    const github = { ...this.#github(id, workspace), workflow: scope.workflow.name ?? '' };
    const contexts: Contexts = {
      github,
      inputs: scope.inputs,
      needs,
      secrets: { GITHUB_TOKEN: this.#request.emulator.token, ...scope.secrets },
      runner: { temp, os: 'Linux', arch: 'X64', environment: 'github-hosted' },
      env: {},
    };
    const needsMet = Object.values(needs).every((n) => (n as { result: string }).result === 'success');
    const status = { failed: !needsMet };
    if (!condition(job.if, contexts, status)) {
      this.#markSkipped(
        scope,
        id,
        job,
        needsMet ? `if: ${String(job.if)}` : 'a job it needs did not succeed',
      );
      return { job: id, result: 'skipped', outputs: {} };
    }
    if (job.uses !== undefined) return this.#callWorkflow(scope, id, job, contexts);
    const permissions = permissionsOf(scope.workflow, job, scope.cap);
    const env = this.#jobEnv(scope, path_, workspace, temp, permissions, job, contexts);
    const steps: Record<string, Value> = {};
    contexts.steps = steps;
    const ctx: StepContext = {
      job: path_,
      workspace,
      temp,
      env,
      contexts,
      event: this.#request.payload ?? {},
      stack: this.#request.stack,
      standIn: {
        sources: this.#request.sources,
        github: { repository: this.#request.repository, sha: this.#request.sha },
      },
      counter: { n: 0 },
    };
    for (const step of job.steps ?? []) {
      checkStepKeys(step, `${path_} › ${stepLabel(step)}`);
      contexts.env = { ...(contexts.env as Record<string, Value>) };
      const record = await this.#step(step, ctx, status);
      this.#steps.push(record);
      if (step.id)
        steps[step.id] = { outputs: record.outputs, outcome: record.code === 0 ? 'success' : 'failure' };
      if (record.code !== 0) status.failed = true;
    }
    const outputs = Object.fromEntries(
      Object.entries(job.outputs ?? {}).map(([k, v]) => [k, interpolateText(v, contexts)]),
    );
    return { job: id, result: status.failed ? 'failure' : 'success', outputs };
  }

  async #step(step: Step, ctx: StepContext, status: { failed: boolean }): Promise<StepRecord> {
    const label = stepLabel(step);
    const key = `${ctx.job} › ${label}`;
    const base = {
      job: ctx.job,
      label,
      code: 0,
      outputs: {},
      log: '',
      ...(step.uses ? { uses: step.uses } : {}),
    };
    const reason = this.#request.skip?.[key];
    if (reason !== undefined) {
      this.#skipsUsed.add(key);
      return { ...base, how: 'skipped', reason };
    }
    const replacement = this.#request.replace?.[key];
    if (replacement !== undefined && condition(step.if, ctx.contexts, status)) {
      this.#skipsUsed.add(key);
      const started = Date.now();
      const record = await runStep({ ...step, run: replacement.run }, ctx);
      return { ...record, how: 'stand-in', reason: replacement.reason, ms: Date.now() - started };
    }
    if (!condition(step.if, ctx.contexts, status))
      return {
        ...base,
        how: 'not-run',
        reason: status.failed ? 'an earlier step failed' : `if: ${String(step.if)}`,
      };
    const started = Date.now();
    const record = await runStep(step, ctx);
    return { ...record, ms: Date.now() - started };
  }

  #markSkipped(scope: Scope, id: string, job: Job, reason: string): void {
    for (const step of job.steps ?? [])
      this.#steps.push({
        job: scope.prefix + id,
        label: stepLabel(step),
        how: 'not-run',
        reason,
        code: 0,
        outputs: {},
        log: '',
      });
  }

  /** The job's process environment: the runner's variables, the emulator's, the OIDC endpoint when permitted. */
  #jobEnv(
    scope: Scope,
    jobPath: string,
    workspace: string,
    temp: string,
    permissions: Permissions,
    job: Job,
    contexts: Contexts,
  ): Record<string, string> {
    const r = this.#request;
    const github = contexts.github as Record<string, string> & {
      ref_name: string;
      ref_type: string;
      workflow: string;
      workflow_ref: string;
      run_id: string;
    };
    r.emulator.permissions.contents = permissions.contents === 'write' ? 'write' : 'read';
    r.emulator.permissions.attestations = permissions.attestations ?? 'none';
    r.emulator.permissions.actions = permissions.actions ?? 'none';
    const environment = environmentOf(job);
    if (environment !== undefined) this.#review(environment, github.run_id);
    const oidc = permissions['id-token'] === 'write';
    if (oidc)
      r.stack.setClaims(
        githubClaims({
          ...(environment !== undefined ? { environment } : {}),
          repository: r.repository,
          ref: r.ref,
          sha: r.sha,
          event_name: r.event,
          workflow: github.workflow,
          workflow_ref: github.workflow_ref,
          job_workflow_ref: scope.jobWorkflowRef,
          job_workflow_sha: scope.jobWorkflowSha,
          run_id: github.run_id,
          // A job in an environment gets its name in the token (and so in the certificate's .23 extension).
          ...(environmentName(job)
            ? {
                environment: environmentName(job),
                sub: `repo:${r.repository}:environment:${environmentName(job)}`,
              }
            : {}),
        }),
      );
    const bin = path.join(repoRoot, 'test-support', 'workflows', 'bin');
    const env: Record<string, string> = {
      PATH: [bin, path.dirname(process.execPath), process.env.PATH ?? ''].join(path.delimiter),
      HOME: process.env.HOME ?? temp,
      ...runnerEnv({
        GITHUB_REPOSITORY: r.repository,
        GITHUB_REPOSITORY_OWNER: r.repository.split('/')[0]!,
        GITHUB_REF: r.ref,
        GITHUB_REF_NAME: github.ref_name,
        GITHUB_REF_TYPE: github.ref_type,
        GITHUB_SHA: r.sha,
        GITHUB_WORKFLOW: github.workflow,
        GITHUB_WORKFLOW_REF: github.workflow_ref,
        GITHUB_WORKFLOW_SHA: r.sha,
        GITHUB_EVENT_NAME: r.event,
        GITHUB_RUN_ID: github.run_id,
        GITHUB_JOB: jobPath.split('/').at(-1)!,
      }),
      ...r.emulator.env,
      ...(oidc ? r.stack.env : {}),
      GITHUB_WORKSPACE: workspace,
      RUNNER_TEMP: temp,
      PROVENANT_RETRY_UNIT_MS: '1',
      WORKFLOW_INTERPRETER_NODE: process.execPath,
    };
    const declared = { ...scope.workflow.env, ...job.env };
    for (const [k, v] of Object.entries(declared)) env[k] = interpolateText(v, contexts);
    contexts.env = Object.fromEntries(Object.entries(declared).map(([k]) => [k, env[k]!]));
    return env;
  }

  /** The review of an environment's deployment the test gave, recorded once per run as GitHub keeps it. */
  #review(environment: string, runId: string): void {
    const review = this.#request.reviews?.[environment];
    if (!review || this.#reviewed.has(environment)) return;
    this.#reviewed.add(environment);
    this.#request.emulator.addDeploymentReview(this.#request.repository, runId, { environment, ...review });
  }

  /** A job that calls a reusable workflow. */
  async #callWorkflow(scope: Scope, id: string, job: Job, contexts: Contexts): Promise<JobRecord> {
    const uses = String(job.uses);
    const local = /^\.\/(\.github\/workflows\/[\w.-]+\.ya?ml)$/.exec(uses);
    const remote = /^provenant-org\/provenant\/(\.github\/workflows\/[\w.-]+\.ya?ml)@(.+)$/.exec(uses);
    const file = local?.[1] ?? remote?.[1];
    if (!file) throw new Error(`${scope.prefix}${id}: the interpreter cannot call the workflow ${uses}`);
    const called = await loadWorkflow(path.join(repoRoot, file));
    const given = Object.fromEntries(
      Object.entries(job.with ?? {}).map(([k, v]) => [k, interpolate(v, contexts)]),
    );
    const secrets =
      job.secrets === 'inherit'
        ? scope.secrets
        : Object.fromEntries(
            Object.entries(job.secrets ?? {}).map(([k, v]) => [k, interpolateText(v, contexts)]),
          );
    const r = this.#request;
    const inner: Scope = {
      prefix: `${scope.prefix}${id}/`,
      workflow: called,
      jobWorkflowRef: remote
        ? `provenant-org/provenant/${file}@${remote[2]}`
        : `${r.repository}/${file}@${r.ref}`,
      jobWorkflowSha: remote ? (r.provenantSha ?? remote[2]!) : r.sha,
      inputs: typedInputs(called, 'workflow_call', given),
      secrets,
      cap: permissionsOf(scope.workflow, job, scope.cap),
    };
    await this.#runJobs(inner);
    const jobs = Object.fromEntries(
      [...(inner.jobResults ?? new Map<string, JobRecord>())].map(([k, v]) => [
        k,
        { result: v.result, outputs: v.outputs },
      ]),
    );
    const declared =
      (called.on?.workflow_call as { outputs?: Record<string, { value: string }> } | undefined)?.outputs ??
      {};
    const outputs = Object.fromEntries(
      Object.entries(declared).map(([k, o]) => [k, interpolateText(o.value, { ...contexts, jobs })]),
    );
    const failed = Object.values(jobs).some((j) => j.result === 'failure');
    return { job: id, result: failed ? 'failure' : 'success', outputs };
  }
}

/** A job's `environment:`, as a name (`environment: release` or `environment: {name: release, url: …}`). */
function environmentOf(job: Job): string | undefined {
  const e = job.environment;
  if (typeof e === 'string' && e !== '') return e;
  if (e && typeof e === 'object' && typeof (e as { name?: unknown }).name === 'string')
    return (e as { name: string }).name;
  return undefined;
}

/** Runs a workflow; the caller cleans up with the interpreter's cleanup(). */
export async function runWorkflow(
  request: WorkflowRunRequest,
): Promise<WorkflowRun & { cleanup(): Promise<void> }> {
  const interpreter = new WorkflowInterpreter(request);
  try {
    const run = await interpreter.run();
    return { ...run, cleanup: () => interpreter.cleanup() };
  } catch (e) {
    await interpreter.cleanup();
    throw e;
  }
}

/** `environment: build` or `environment: {name: build, url: …}`. */
function environmentName(job: Job): string | undefined {
  const e = job.environment;
  if (typeof e === 'string') return e;
  if (e && typeof e === 'object' && typeof (e as { name?: unknown }).name === 'string')
    return (e as { name: string }).name;
  return undefined;
}
