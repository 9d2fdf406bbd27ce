import { afterAll, beforeAll, expect } from '@jest/globals';
import { rm } from 'node:fs/promises';
import {
  startGitHubEmulator,
  type AddRepoOptions,
  type GitHubEmulator,
} from '../../test-support/github-emulator/index.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';
import {
  runWorkflow,
  type WorkflowRun,
  type WorkflowRunRequest,
} from '../../test-support/workflows/interpreter.js';

type Run = WorkflowRun & { cleanup(): Promise<void> };

/** The local services of one test file's workflow runs, and what to clean up after them. */
export interface WorkflowSuite {
  readonly stack: SigstoreStack;
  readonly em: GitHubEmulator;
  /** Runs a workflow against the suite's services; the run's directories go with the suite. */
  run(request: Omit<WorkflowRunRequest, 'stack' | 'emulator'>): Promise<WorkflowRun>;
  /** A directory to remove after the file's tests. */
  removeLater(dir: string): void;
}

/**
 * Starts the Sigstore stack and a GitHub emulator holding `repository` before a file's tests, and stops them after,
 * with every run's directories.
 */
export function workflowSuite(repository: string, options: AddRepoOptions = {}): WorkflowSuite {
  let stack: SigstoreStack | undefined;
  let em: GitHubEmulator | undefined;
  const runs: Run[] = [];
  const dirs: string[] = [];
  beforeAll(async () => {
    stack = await startSigstoreStack();
    em = await startGitHubEmulator({ repository });
    em.addRepo(repository, options);
  });
  afterAll(async () => {
    for (const run of runs) await run.cleanup();
    await em?.stop();
    await stack?.stop();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
  return {
    get stack() {
      return stack!;
    },
    get em() {
      return em!;
    },
    async run(request) {
      const run = await runWorkflow({ ...request, stack: stack!, emulator: em! });
      runs.push(run);
      return run;
    },
    removeLater: (dir) => void dirs.push(dir),
  };
}

/** Asserts that no step failed (showing the logs of any that did) and that the jobs ended as given. */
export function expectJobs(run: WorkflowRun, jobs: [string, JobResult][]): void {
  expect(failures(run)).toEqual([]);
  expect(run.jobs.map((j) => [j.job, j.result])).toEqual(jobs);
}

type JobResult = WorkflowRun['jobs'][number]['result'];

/** Each step of a run as `job › step: how it ran`, in order: what a test asserts first. */
export function how(run: WorkflowRun): string[] {
  return run.steps.map((s) => `${s.job} › ${s.label}: ${s.how}`);
}

/** Steps that did not run, each with its reason. */
export function notRun(run: WorkflowRun): Record<string, string> {
  return Object.fromEntries(
    run.steps
      .filter((s) => s.reason !== undefined && s.how !== 'stand-in')
      .map((s) => [`${s.job} › ${s.label}`, s.reason!]),
  );
}

/** Steps that failed, with their logs, for a readable failure. */
export function failures(run: WorkflowRun): string[] {
  return run.steps
    .filter((s) => s.code !== 0)
    .map((s) => `${s.job} › ${s.label} (exit ${s.code}):\n${s.log}`);
}

export const assetNames = (em: GitHubEmulator, releaseId: number): string[] =>
  em
    .assets(releaseId)
    .map((a) => a.name)
    .sort();

export const statementOf = (bundle: { dsseEnvelope: { payload: string } }) =>
  JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString());

/**
 * The steps of check-dist.yml's job that cannot run here, as `job › step` for the job path it runs under. The
 * freshness of dist/ it checks is __tests__/toolchain.test.ts's to check, on every test run.
 */
export const CHECK_DIST_SKIPS = (job: string): Record<string, string> => ({
  [`${job} › npm ci`]:
    'installs the dependencies from the npm registry, which this machine has no network for',
  [`${job} › npm run build`]:
    'needs the dependencies npm ci installs; __tests__/toolchain.test.ts rebuilds dist/',
  [`${job} › dist/ must match a fresh build`]: 'compares the build the skipped step makes',
});
