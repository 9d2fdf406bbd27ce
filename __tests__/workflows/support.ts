import type { GitHubEmulator } from '../../test-support/github-emulator/index.js';
import type { WorkflowRun } from '../../test-support/workflows/interpreter.js';

/** Each step of a run as `job › step: how it ran`, in order: what a test asserts first. */
export function how(run: WorkflowRun): string[] {
  return run.steps.map((s) => `${s.job} › ${s.label}: ${s.how}`);
}

/** Steps that did not run, each with its reason. */
export function notRun(run: WorkflowRun): Record<string, string> {
  return Object.fromEntries(
    run.steps.filter((s) => s.reason !== undefined).map((s) => [`${s.job} › ${s.label}`, s.reason!]),
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
