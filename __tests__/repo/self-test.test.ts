/**
 * CI's self-test job, run here step by step against the local Sigstore stack: the steps are read from
 * .github/workflows/ci.yml, so the job and this test cannot drift apart. What differs from GitHub is only
 * where things come from: the checkout is the repository's own dist/, setup-node is this Node 24, the OIDC
 * token comes from the stack's issuer, and the signing and verifying steps get the stack's instance and
 * trusted root instead of the public-good instance's (through TUF on GitHub).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseFileCommands, repoRoot, runAction, runnerEnv } from '../../test-support/action-runner.js';
import {
  githubClaims,
  startSigstoreStack,
  type SigstoreStack,
} from '../../test-support/sigstore-stack/index.js';
import type { Step } from '../../test-support/workflows/steps.js';
import { loadYaml } from './repo-files.js';

const REPOSITORY = 'provenant-org/provenant';
const REF = 'refs/heads/main';
const SHA = '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c';
const WORKFLOW_REF = `${REPOSITORY}/.github/workflows/ci.yml@${REF}`;

interface StepResult {
  name: string;
  code: number;
  outputs: Record<string, string>;
  log: string;
}

const job = loadYaml('.github/workflows/ci.yml').data.jobs['self-test'];
const env = runnerEnv({
  GITHUB_REPOSITORY: REPOSITORY,
  GITHUB_REPOSITORY_OWNER: 'provenant-org',
  GITHUB_REF: REF,
  GITHUB_REF_NAME: 'main',
  GITHUB_REF_TYPE: 'branch',
  GITHUB_SHA: SHA,
  GITHUB_WORKFLOW: 'CI',
  GITHUB_WORKFLOW_REF: WORKFLOW_REF,
  GITHUB_WORKFLOW_SHA: SHA,
  GITHUB_JOB: 'self-test',
});

let stack: SigstoreStack;
let workspace: string;
let runnerTemp: string;
const results: StepResult[] = [];

/** The few expressions the job uses; anything else fails the test, so a new one gets a meaning here first. */
function evaluate(value: unknown, outputs: Map<string, Record<string, string>>): string {
  return String(value).replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expr: string) => {
    const known: Record<string, string> = {
      'runner.temp': runnerTemp,
      'github.repository': REPOSITORY,
      'github.sha': SHA,
      'github.workspace': workspace,
    };
    if (expr in known) return known[expr]!;
    const step = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
    if (step) return outputs.get(step[1]!)?.[step[2]!] ?? '';
    throw new Error(`the local runner of the self-test job does not know the expression \${{ ${expr} }}`);
  });
}

function evaluateAll(map: Record<string, unknown> | undefined, outputs: Map<string, Record<string, string>>) {
  return Object.fromEntries(Object.entries(map ?? {}).map(([k, v]) => [k, evaluate(v, outputs)]));
}

async function runShell(script: string, stepEnv: Record<string, string>): Promise<StepResult> {
  const outputFile = path.join(runnerTemp, `output-${results.length}.txt`);
  await writeFile(outputFile, '');
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      cwd: workspace,
      env: {
        PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
        HOME: process.env.HOME ?? runnerTemp,
        ...env,
        GITHUB_WORKSPACE: workspace,
        RUNNER_TEMP: runnerTemp,
        GITHUB_OUTPUT: outputFile,
        ...stepEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      void readFile(outputFile, 'utf8').then((text) =>
        resolve({ name: '', code: code ?? -1, outputs: parseFileCommands(text), log }),
      );
    });
  });
}

async function runStep(step: Step, outputs: Map<string, Record<string, string>>): Promise<StepResult> {
  const name = step.name ?? step.uses ?? 'run';
  if (step.uses?.startsWith('actions/checkout@') || step.uses?.startsWith('actions/setup-node@')) {
    return { name, code: 0, outputs: {}, log: 'provided by the test' };
  }
  if (step.run !== undefined) {
    const stepEnv = evaluateAll(step.env, outputs);
    if ('TRUSTED_ROOT' in stepEnv) stepEnv.TRUSTED_ROOT = stack.trustedRootPath;
    return { ...(await runShell(step.run, stepEnv)), name };
  }
  if (step.uses === './' || step.uses === './verify') {
    const actionFile = step.uses === './' ? 'action.yml' : 'verify/action.yml';
    const action = loadYaml(actionFile).data;
    const entry = path.resolve(repoRoot, path.dirname(actionFile), action.runs.main);
    const inputs = evaluateAll(step.with, outputs);
    const local: Record<string, string> =
      step.uses === './'
        ? {
            sigstore: 'custom',
            'fulcio-url': stack.urls.fulcio,
            'rekor-url': stack.urls.rekor,
            'tsa-url': `${stack.urls.tsa}/api/v1/timestamp`,
            'trusted-root': stack.trustedRootPath,
          }
        : { 'trusted-root': stack.trustedRootPath };
    const run = await runAction({
      workspace,
      entry,
      inputs: { ...inputs, ...local },
      env: { ...env, ...stack.env, RUNNER_TEMP: runnerTemp },
    });
    return { name, code: run.code, outputs: run.outputs, log: run.stdout + run.stderr };
  }
  throw new Error(`the local runner of the self-test job does not know the step ${JSON.stringify(step)}`);
}

beforeAll(async () => {
  stack = await startSigstoreStack({
    claims: githubClaims({
      repository: REPOSITORY,
      ref: REF,
      sha: SHA,
      workflow: 'CI',
      workflow_ref: WORKFLOW_REF,
      job_workflow_ref: WORKFLOW_REF,
    }),
  });
  workspace = await mkdtemp(path.join(tmpdir(), 'provenant-self-test-'));
  runnerTemp = path.join(workspace, '..', `${path.basename(workspace)}-runner-temp`);
  await mkdir(runnerTemp, { recursive: true });
  // The checkout: the committed dist/ is what `uses: ./` and `node dist/cli.js` run.
  await symlink(path.join(repoRoot, 'dist'), path.join(workspace, 'dist'));

  const outputs = new Map<string, Record<string, string>>();
  for (const step of job.steps as Step[]) {
    const result = await runStep(step, outputs);
    results.push(result);
    if (step.id) outputs.set(step.id, result.outputs);
    if (result.code !== 0) break;
  }
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await rm(workspace, { recursive: true, force: true });
  await rm(runnerTemp, { recursive: true, force: true });
});

describe('the CI self-test job, run locally', () => {
  it('is skipped on fork pull requests, which get no OIDC token for this repository', () => {
    expect(job.if).toMatch(/github\.event\.pull_request\.head\.repo\.full_name == github\.repository/);
    expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
  });

  it('signs with the checked-out action and verifies with the CLI and the verify action', () => {
    expect(existsSync(path.join(repoRoot, 'dist', 'index.js'))).toBe(true);
    const failed = results.filter((r) => r.code !== 0).map((r) => `${r.name} (exit ${r.code}):\n${r.log}`);
    expect(failed).toEqual([]);
    expect(results).toHaveLength(job.steps.length);
    const names = results.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['Sign', 'Verify with the checked-out CLI']));
  });

  it('fails the tampered file for the right reason', () => {
    const tampered = results.find((r) => r.name === 'A changed file must fail verification');
    expect(tampered?.log).toContain('SUBJECT_MISMATCH');
  });

  it('names the CI workflow of this repository in the certificate', () => {
    const sign = results.find((r) => r.name === 'Sign');
    expect(sign?.outputs['certificate-identity']).toBe(`https://github.com/${WORKFLOW_REF}`);
  });
});
