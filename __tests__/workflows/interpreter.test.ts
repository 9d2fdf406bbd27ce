/**
 * The workflow interpreter itself: its expressions, and that whatever it does not model fails loudly instead of
 * passing quietly; and that every example and workflow is run by a test or listed here with the reason it cannot be.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../test-support/action-runner.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../test-support/github-emulator/index.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';
import { condition, interpolate, type Contexts } from '../../test-support/workflows/expressions.js';
import { runWorkflow } from '../../test-support/workflows/interpreter.js';

const contexts: Contexts = {
  github: { event_name: 'push', ref_name: 'v1.2.3', event: { pull_request: null } },
  inputs: { 'attach-to-release': true, tag: 'v1', empty: '' },
  steps: { sign: { outputs: { 'bundle-path': '/tmp/b.json', files: '' } } },
  runner: { temp: '/tmp/runner' },
  needs: { build: { outputs: { list: '["a","b"]' } } },
};

describe('expressions', () => {
  it.each<[string, unknown]>([
    ['${{ github.ref_name }}', 'v1.2.3'],
    ['out: ${{ steps.sign.outputs.bundle-path }}!', 'out: /tmp/b.json!'],
    ['${{ steps.sign.outputs.files || runner.temp }}', '/tmp/runner'],
    ["${{ github.event_name == 'PUSH' }}", true],
    ["${{ github.event_name != 'pull_request' && inputs.tag }}", 'v1'],
    ['${{ !inputs.empty }}', true],
    ['${{ inputs.attach-to-release }}', true],
    ["${{ inputs['tag'] }}", 'v1'],
    ['${{ github.event.pull_request.head.repo.full_name }}', null],
    ["${{ format('{0}-{1} {{x}}', inputs.tag, 2) }}", 'v1-2 {x}'],
    ["${{ contains(fromJSON(needs.build.outputs.list), 'B') }}", true],
    ["${{ startsWith(github.ref_name, 'v1.') }}", true],
    ["${{ toJSON(fromJSON('[1]')) }}", '[\n  1\n]'],
    ["${{ 'it''s' }}", "it's"],
  ])('%s is %j', (text, value) => {
    expect(interpolate(text, contexts)).toEqual(value);
  });

  it('applies an implied success() to if: unless it asks for the status', () => {
    expect(condition("inputs.tag != ''", contexts, { failed: false })).toBe(true);
    expect(condition("inputs.tag != ''", contexts, { failed: true })).toBe(false);
    expect(condition('${{ always() }}', contexts, { failed: true })).toBe(true);
    expect(condition('failure()', contexts, { failed: true })).toBe(true);
    expect(condition(undefined, contexts, { failed: false })).toBe(true);
  });

  it.each([
    ["${{ hashFiles('**/*.lock') }}", 'the function hashFiles()'],
    ['${{ matrix.language }}', 'the context matrix'],
    ['${{ github.event.commits.*.id }}', 'filters'],
    ['${{ github.ref_name ~ 1 }}', 'the character "~"'],
  ])('refuses %s, naming what it does not support', (text, what) => {
    expect(() => interpolate(text, contexts)).toThrow(`does not support ${what}`);
  });
});

describe('what the interpreter does not model fails the run', () => {
  let stack: SigstoreStack;
  let em: GitHubEmulator;
  beforeAll(async () => {
    stack = await startSigstoreStack();
    em = await startGitHubEmulator({ repository: 'octo-org/octo-repo' });
  });
  afterAll(async () => {
    await em.stop();
    await stack.stop();
  });
  const run = (skip: Record<string, string>) =>
    runWorkflow({
      file: '__tests__/fixtures/workflows/unsupported.yml',
      repository: 'octo-org/octo-repo',
      event: 'push',
      ref: 'refs/heads/main',
      sha: 'a'.repeat(40),
      sources: {},
      skip,
      stack,
      emulator: em,
    });

  it('an expression it does not know', async () => {
    await expect(run({})).rejects.toThrow('does not support the function hashFiles()');
  });

  it('an action it has no stand-in for', async () => {
    const skip = { 'hashes › A function the interpreter does not know': 'tested above' };
    await expect(run(skip)).rejects.toThrow('no stand-in for uses: some-org/some-action@');
  });

  it('a skip-list entry that names no step, so a renamed step cannot hide', async () => {
    const skip = {
      'hashes › A function the interpreter does not know': 'tested above',
      'marketplace › some-org/some-action': 'tested above',
      'hashes › A step that is not there': 'stale',
    };
    await expect(run(skip)).rejects.toThrow(
      'the skip list names steps that are not in the run: hashes › A step',
    );
  });
});

/** Each workflow the tests in this directory run, by the test that runs it. */
const RUN_BY: Record<string, string> = {
  'examples/release.yml': 'examples-release.test.ts',
  'examples/verify.yml': 'examples-release.test.ts',
  'examples/resign.yml': 'examples-resign.test.ts',
  'examples/pipeline.yml': 'examples-pipeline.test.ts',
  'examples/reusable-workflow.yml': 'examples-reusable.test.ts',
  'examples/release-approval.yml': 'examples-approval.test.ts',
  '.github/workflows/provenance.yml': 'examples-reusable.test.ts',
  '.github/workflows/ci.yml': 'project-ci.test.ts',
  '.github/workflows/check-dist.yml': 'project-ci.test.ts',
  '.github/workflows/release.yml': 'project-release.test.ts',
};

/** Workflows that cannot run here, each with the reason. */
const CANNOT_RUN: Record<string, string> = {
  '.github/workflows/codeql.yml':
    "no step uses this repository's actions: github/codeql-action analyses the code on GitHub's code scanning service",
  '.github/workflows/scorecard.yml':
    "no step uses this repository's actions: ossf/scorecard-action queries GitHub and publishes to the Scorecard API",
};

describe('every example and workflow', () => {
  const files = ['examples', '.github/workflows'].flatMap((dir) =>
    readdirSync(path.join(repoRoot, dir))
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => `${dir}/${f}`),
  );

  it('is run by a test of the interpreter, or listed as one that cannot run here', () => {
    expect([...Object.keys(RUN_BY), ...Object.keys(CANNOT_RUN)].sort()).toEqual([...files].sort());
  });

  it.each(Object.entries(RUN_BY))('%s is run by %s', (file, test) => {
    const text = readFileSync(path.join(import.meta.dirname, test), 'utf8');
    const called = file === '.github/workflows/provenance.yml' || file === '.github/workflows/check-dist.yml';
    // A called workflow runs inside its caller's run; every other file is the one the test runs.
    expect(text).toContain(called ? path.basename(file, '.yml') : `'${file}'`);
  });

  it.each(Object.keys(CANNOT_RUN))('%s really uses none of our actions', (file) => {
    const text = readFileSync(path.join(repoRoot, file), 'utf8');
    expect(text).not.toMatch(/uses:\s*(\.\/|provenant-org\/provenant)/);
  });
});
