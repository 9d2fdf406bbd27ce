/**
 * .github/workflows/ci.yml run by the workflow interpreter on a push to main of a snapshot of this checkout. The
 * self-test job signs and verifies through the checked-out actions; the jobs that install from the npm registry
 * (and the quick start, which runs this very suite) are skipped step by step with their reasons.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { WorkflowRun } from '../../test-support/workflows/interpreter.js';
import { provenantSnapshot } from '../../test-support/workflows/sources.js';
import { CHECK_DIST_SKIPS, expectJobs, how, notRun, workflowSuite } from './support.js';

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
const suite = workflowSuite(REPO, { visibility: 'public' });
let run: WorkflowRun;

beforeAll(async () => {
  const snapshot = await provenantSnapshot();
  suite.removeLater(snapshot.dir);
  run = await suite.run({
    file: '.github/workflows/ci.yml',
    repository: REPO,
    event: 'push',
    payload: { ref: 'refs/heads/main' },
    ref: 'refs/heads/main',
    sha: snapshot.sha,
    sources: { [REPO]: snapshot.dir },
    skip: SKIPS,
  });
}, 180_000);

describe('.github/workflows/ci.yml', () => {
  it('runs the self-test job through the checked-out actions and skips only what needs the registry', () => {
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
    expectJobs(run, [
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
