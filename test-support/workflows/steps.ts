/**
 * One step of a job, run as the Actions runner runs it: this repository's actions (`uses: ./`, `./verify`,
 * `./approve`, `./step`, a checked-out copy such as `./.provenant`, or `provenant-org/provenant[/verify|/approve|/step]@<sha>`,
 * which stands for this checkout) through runAction, `run:` scripts with `bash --noprofile --norc -eo pipefail` in the job's workspace,
 * and the marketplace actions through the stand-ins in stand-ins.ts.
 *
 * Test-only overrides, the same ones __tests__/repo/self-test.test.ts makes: a signing step (an action with a
 * `sigstore` input: signing and approving) that leaves `sigstore` empty gets the local stack as a custom instance (sigstore, fulcio-url, rekor-url, tsa-url, trusted-root); a verify
 * step that leaves `trusted-root` empty gets the stack's; and a `run:` step whose env declares TRUSTED_ROOT empty
 * (as ci.yml and release.yml do for exactly this) gets the stack's trusted root there. A signing step that names an
 * instance fails: it would talk to a real one.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { parseFileCommands, repoRoot, runAction } from '../action-runner.js';
import type { SigstoreStack } from '../sigstore-stack/index.js';
import { asString, interpolate, interpolateText, type Contexts } from './expressions.js';
import { standInFor, type StandInContext } from './stand-ins.js';

export interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  if?: unknown;
  shell?: string;
  'working-directory'?: string;
}

const STEP_KEYS = new Set(['name', 'id', 'uses', 'run', 'with', 'env', 'if', 'shell', 'working-directory']);

/** What a step did: `action` (this repository's), `run`, `stand-in`, or not at all (`skipped`, `not-run`). */
export interface StepRecord {
  job: string;
  label: string;
  how: 'action' | 'run' | 'stand-in' | 'skipped' | 'not-run';
  uses?: string;
  /** Why a step did not run: the test's reason, a false `if:`, or an earlier failure. */
  reason?: string;
  code: number;
  outputs: Record<string, string>;
  log: string;
  /** The inputs an action step ran with (after the test-only overrides), and which of them were overridden. */
  inputs?: Record<string, string>;
  overridden?: string[];
  /** How long it ran. */
  ms?: number;
}

export interface StepContext {
  job: string;
  workspace: string;
  temp: string;
  /** The process environment of the job (runner variables, exported env), without the step's own env. */
  env: Record<string, string>;
  contexts: Contexts;
  event: Record<string, unknown>;
  stack: SigstoreStack;
  standIn: Omit<StandInContext, 'env' | 'workspace'>;
  /** Where step files go: a counter for unique names. */
  counter: { n: number };
}

/** The label a step is known by in records and skip lists: its name, else its `uses`, else its script's first line. */
export function stepLabel(step: Step): string {
  return step.name ?? step.uses?.split('@')[0] ?? String(step.run ?? '').split('\n')[0]!;
}

export function checkStepKeys(step: Step, where: string): void {
  const unknown = Object.keys(step).filter((k) => !STEP_KEYS.has(k));
  if (unknown.length > 0)
    throw new Error(`${where}: the workflow interpreter does not support ${unknown.join(', ')}`);
  if (step.shell !== undefined && step.shell !== 'bash')
    throw new Error(`${where}: the workflow interpreter runs bash only, not shell: ${step.shell}`);
}

function evaluateMap(map: Record<string, unknown> | undefined, contexts: Contexts): Record<string, string> {
  return Object.fromEntries(Object.entries(map ?? {}).map(([k, v]) => [k, interpolateText(v, contexts)]));
}

/** The directory of one of this repository's actions that `uses` names, or undefined for any other action. */
function ownActionDir(uses: string, workspace: string): string | undefined {
  if (uses.startsWith('./')) return path.resolve(workspace, uses);
  const remote = /^provenant-org\/provenant(?:\/(verify|approve|step))?@[0-9a-f]{40}$/.exec(uses);
  return remote ? path.join(repoRoot, remote[1] ?? '') : undefined;
}

async function runOwnAction(step: Step, dir: string, ctx: StepContext, stepEnv: Record<string, string>) {
  const metadataFile = path.join(dir, 'action.yml');
  if (!existsSync(metadataFile))
    throw new Error(`${step.uses}: no action.yml in ${dir} (did a checkout step run?)`);
  const metadata = parse(await readFile(metadataFile, 'utf8')) as {
    inputs?: Record<string, { default?: string }>;
    runs: { using: string; main: string };
  };
  if (metadata.runs.using !== 'node24') throw new Error(`${step.uses}: runs.using ${metadata.runs.using}`);
  const given = evaluateMap(step.with, ctx.contexts);
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(metadata.inputs ?? {}))
    inputs[name] = given[name] ?? asString(interpolate(spec.default ?? '', ctx.contexts));
  Object.assign(inputs, given);
  const overridden = localInstance(step, inputs, ctx.stack);
  const run = await runAction({
    workspace: ctx.workspace,
    entry: path.resolve(dir, metadata.runs.main),
    inputs,
    env: { ...ctx.env, ...stepEnv },
    event: ctx.event,
    timeoutMs: 120_000,
  });
  return { code: run.code, outputs: run.outputs, log: run.stdout + run.stderr, inputs, overridden };
}

/** The test-only instance overrides (see the file's comment); returns the inputs it set. */
function localInstance(step: Step, inputs: Record<string, string>, stack: SigstoreStack): string[] {
  // The actions that sign (the main action, the step action) are the ones that take a `sigstore` input.
  if ('sigstore' in inputs) {
    if (inputs['sigstore'])
      throw new Error(`${step.uses}: the step names the Sigstore instance ${inputs['sigstore']}`);
    Object.assign(inputs, {
      sigstore: 'custom',
      'fulcio-url': stack.urls.fulcio,
      'rekor-url': stack.urls.rekor,
      'tsa-url': stack.urls.tsa,
      'trusted-root': stack.trustedRootPath,
    });
    return ['sigstore', 'fulcio-url', 'rekor-url', 'tsa-url', 'trusted-root'];
  }
  if (!inputs['trusted-root']) {
    inputs['trusted-root'] = stack.trustedRootPath;
    return ['trusted-root'];
  }
  return [];
}

async function runScript(step: Step, ctx: StepContext, stepEnv: Record<string, string>) {
  const n = ++ctx.counter.n;
  const files = {
    GITHUB_OUTPUT: path.join(ctx.temp, `output-${n}.txt`),
    GITHUB_ENV: path.join(ctx.temp, `env-${n}.txt`),
    GITHUB_PATH: path.join(ctx.temp, `path-${n}.txt`),
    GITHUB_STEP_SUMMARY: path.join(ctx.temp, `summary-${n}.md`),
  };
  for (const f of Object.values(files)) await writeFile(f, '');
  const script = path.join(ctx.temp, `step-${n}.sh`);
  await writeFile(script, interpolateText(step.run, ctx.contexts));
  if ('TRUSTED_ROOT' in stepEnv && stepEnv['TRUSTED_ROOT'] === '')
    stepEnv['TRUSTED_ROOT'] = ctx.stack.trustedRootPath;
  const cwd = path.resolve(ctx.workspace, interpolateText(step['working-directory'] ?? '.', ctx.contexts));
  const { code, log } = await new Promise<{ code: number; log: string }>((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd,
      env: { ...ctx.env, ...stepEnv, ...files },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (c) => {
      clearTimeout(timer);
      resolve({ code: c ?? -1, log: out });
    });
  });
  const exported = parseFileCommands(await readFile(files.GITHUB_ENV, 'utf8'));
  Object.assign(ctx.env, exported);
  const added = (await readFile(files.GITHUB_PATH, 'utf8')).split('\n').filter(Boolean);
  if (added.length > 0) ctx.env['PATH'] = [...added.reverse(), ctx.env['PATH']].join(path.delimiter);
  return { code, outputs: parseFileCommands(await readFile(files.GITHUB_OUTPUT, 'utf8')), log };
}

/** Runs one step whose `if:` held. */
export async function runStep(step: Step, ctx: StepContext): Promise<StepRecord> {
  const label = stepLabel(step);
  const base = { job: ctx.job, label, ...(step.uses ? { uses: step.uses } : {}) };
  const stepEnv = evaluateMap(step.env, ctx.contexts);
  if (step.run !== undefined) return { ...base, how: 'run', ...(await runScript(step, ctx, stepEnv)) };
  const uses = String(step.uses);
  const own = ownActionDir(uses, ctx.workspace);
  if (own) return { ...base, how: 'action', ...(await runOwnAction(step, own, ctx, stepEnv)) };
  const standIn = standInFor(uses);
  if (!standIn)
    throw new Error(`${ctx.job} › ${label}: the workflow interpreter has no stand-in for uses: ${uses}`);
  const result = await standIn(evaluateMap(step.with, ctx.contexts), {
    ...ctx.standIn,
    workspace: ctx.workspace,
    env: { ...ctx.env, ...stepEnv },
  });
  return { ...base, how: 'stand-in', ...result };
}
