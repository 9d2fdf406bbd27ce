/**
 * One statement of many failing to sign, run as the Actions runner runs the action (dist/index.js) against the local
 * Sigstore stack: the other workers start no further signature (each would be one more entry in a public log for a
 * run that has already failed), the signatures already under way finish and are kept, and the failure names every
 * bundle on disk, whether the failure is a refusal or a service that stops answering.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ActionRun } from '../../test-support/action-runner.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../test-support/github-emulator/index.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';
import { REPO, TAG, actWith, keptPaths, workspace } from './support.js';

/** Statements signed at once (SIGNING_CONCURRENCY in src/core/bundle-name.ts). */
const CONCURRENCY = 16;
const STATEMENTS = 60;

let stack: SigstoreStack;
let em: GitHubEmulator;
let ws: string;
let release: number;

beforeAll(async () => {
  stack = await startSigstoreStack();
  ws = await workspace('provenant-stops-');
  await mkdir(path.join(ws, 'many'));
  for (let i = 0; i < STATEMENTS; i++) await writeFile(path.join(ws, 'many', `part-${i}.bin`), `part ${i}\n`);
});
afterAll(async () => {
  await stack.stop();
  await rm(ws, { recursive: true, force: true });
});
beforeEach(async () => {
  stack.faults.clear();
  em = await startGitHubEmulator({ repository: REPO });
  em.addRepo(REPO, { visibility: 'public' });
  release = em.addRelease(REPO, { tag: TAG, draft: true }).id;
});
afterEach(async () => {
  expect(em.violations).toEqual([]);
  await em.stop();
});

const act = (inputs: Record<string, string> = {}) =>
  actWith(stack, em, ws, {
    'subject-path': 'many',
    'bundle-layout': 'per-subject',
    'upload-artifact': 'true',
    ...inputs,
  });

/** Every bundle the run left in its output directory. */
async function bundlesLeft(run: ActionRun): Promise<string[]> {
  const dir = path.join(run.runnerTemp, 'provenant');
  return (await readdir(dir))
    .filter((f) => f.endsWith('.sigstore.json'))
    .map((f) => path.join(dir, f))
    .sort();
}

function oneError(run: ActionRun): string {
  const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error::'));
  expect(errors).toHaveLength(1);
  return errors[0]!;
}

describe('one statement of many fails to sign', () => {
  it('refused by Rekor: no signature starts after it, those under way finish, and every bundle on disk is named', async () => {
    // Nine entries answered slowly enough that every worker is busy, then a refusal retrying cannot cure.
    stack.faults.inject('rekor', { kind: 'delay', ms: 150 }, 9);
    stack.faults.failNext('rekor', 1, 400);
    const run = await act();
    expect(run.code).toBe(1);
    expect(oneError(run)).toContain(`[SIGNING_FAILED] Rekor at ${stack.urls.rekor}`);

    const left = await bundlesLeft(run);
    // Each Rekor request but the refused one made a log entry; each entry's bundle was finished and kept.
    const entries = stack.faults.requests('rekor') - 1;
    expect(left).toHaveLength(entries);
    expect(keptPaths(run).sort()).toEqual(left);
    // At the refusal at most the other workers' signatures were under way: none was started after it.
    expect(stack.faults.requests('rekor')).toBeLessThanOrEqual(10 + CONCURRENCY - 1);
    expect(stack.faults.requests('fulcio')).toBeLessThanOrEqual(10 + CONCURRENCY - 1);
    expect(left.length).toBeLessThan(STATEMENTS);
    expect(run.stdout).toContain(
      `::warning::Signing stopped after a failure: ${left.length} of ${STATEMENTS} statements were signed`,
    );
    for (const p of left) expect(JSON.parse(await readFile(p, 'utf8')).dsseEnvelope).toBeDefined();
    // A run that failed publishes nothing.
    expect(em.assets(release)).toEqual([]);
  });

  it('Fulcio stops answering halfway: the signing budget ends the run naming the services, and every bundle on disk is named', async () => {
    stack.faults.inject('fulcio', { kind: 'delay', ms: 0 }, 5);
    stack.faults.hangNext('fulcio', 10_000);
    const started = Date.now();
    const run = await act({ 'request-timeout': '1', 'signing-timeout': '4' });
    expect((Date.now() - started) / 1000).toBeLessThan(4 + 6);
    expect(run.code).toBe(1);
    const error = oneError(run);
    expect(error).toMatch(/\[SERVICE_UNAVAILABLE\] .*signing.*budget of 4 s \(signing-timeout\)/);
    expect(error).toContain(`Fulcio ${stack.urls.fulcio}`);
    const left = await bundlesLeft(run);
    expect(left).toHaveLength(5);
    expect(keptPaths(run).sort()).toEqual(left);
  });
});
