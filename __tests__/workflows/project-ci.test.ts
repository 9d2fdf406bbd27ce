/**
 * .github/workflows/ci.yml run by the workflow interpreter on a push to main of a snapshot of this checkout. The
 * self-test job signs and verifies through the checked-out actions; the jobs that install from the npm registry
 * (and the quick start, which runs this very suite) are skipped step by step with their reasons.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { rm } from 'node:fs/promises';
import { startGitHubEmulator, type GitHubEmulator } from '../../test-support/github-emulator/index.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';
import { runWorkflow, type WorkflowRun } from '../../test-support/workflows/interpreter.js';
import { provenantSnapshot, type SourceRepo } from '../../test-support/workflows/sources.js';
import { CHECK_DIST_SKIPS, failures, how, notRun } from './support.js';

const REPO = 'provenant-org/provenant';
const NEEDS_NPM_CI = 'needs the dependencies npm ci installs (skipped: no registry here)';
const SKIPS = {
  "quick-start › The README's commands on a fresh clone":
    'runs npm ci from the npm registry and then this whole test suite, which is what is running it',
  'lint › npm ci': 'installs the dependencies from the npm registry, which this machine has no network for',
  'lint › npm run lint': NEEDS_NPM_CI,
  'lint › npm run format:check': NEEDS_NPM_CI,
  'lint › npm run typecheck': NEEDS_NPM_CI,
  ...CHECK_DIST_SKIPS('check-dist/check-dist'),
};
let stack: SigstoreStack;
let em: GitHubEmulator;
let snapshot: SourceRepo;
let run: WorkflowRun & { cleanup(): Promise<void> };

beforeAll(async () => {
  stack = await startSigstoreStack();
  em = await startGitHubEmulator({ repository: REPO });
  em.addRepo(REPO, { visibility: 'public' });
  snapshot = await provenantSnapshot();
  run = await runWorkflow({
    file: '.github/workflows/ci.yml',
    repository: REPO,
    event: 'push',
    payload: { ref: 'refs/heads/main' },
    ref: 'refs/heads/main',
    sha: snapshot.sha,
    sources: { [REPO]: snapshot.dir },
    skip: SKIPS,
    stack,
    emulator: em,
  });
}, 180_000);

afterAll(async () => {
  await run?.cleanup();
  await em?.stop();
  await stack?.stop();
  if (snapshot) await rm(snapshot.dir, { recursive: true, force: true });
});

describe('.github/workflows/ci.yml', () => {
  it('runs the self-test job through the checked-out actions and skips only what needs the registry', () => {
    expect(failures(run)).toEqual([]);
    expect(notRun(run)).toEqual(SKIPS);
    expect(how(run).filter((s) => s.startsWith('self-test ›'))).toEqual([
      'self-test › actions/checkout: stand-in',
      'self-test › actions/setup-node: stand-in',
      'self-test › Make subjects: run',
      'self-test › Dry run: action',
      'self-test › Sign: action',
      'self-test › Verify with the checked-out CLI: run',
      'self-test › Verify with the checked-out verify action: action',
      'self-test › A changed file must fail verification: run',
    ]);
    expect(run.jobs.map((j) => [j.job, j.result])).toEqual([
      ['quick-start', 'success'],
      ['lint', 'success'],
      ['check-dist/check-dist', 'success'],
      ['check-dist', 'success'],
      ['self-test', 'success'],
    ]);
  });

  it('signs two subjects, verifies them, and refuses the tampered file for the right reason', () => {
    const sign = run.step('self-test', 'Sign');
    expect(sign.outputs['subject-count']).toBe('2');
    expect(sign.outputs['certificate-identity']).toBe(
      `https://github.com/${REPO}/.github/workflows/ci.yml@refs/heads/main`,
    );
    expect(run.step('self-test', 'Verify with the checked-out verify action').outputs['verified']).toBe(
      'true',
    );
    expect(run.step('self-test', 'A changed file must fail verification').log).toContain('SUBJECT_MISMATCH');
  });
});
