/**
 * One fault per Sigstore service while the action signs, run as the Actions runner runs it (dist/index.js): the
 * action's own retries (real backoff, so one fault each) end in a verified bundle on disk, in the workflow
 * artifact and on the release. A refusal that retrying cannot cure fails clearly and publishes nothing, and the
 * rerun converges. Exhausted retries and every fault mode per service are proven at the adapter level, with
 * recorded instead of slept waits: __tests__/adapters/sigstore/signer.test.ts and ./sigstore-services.test.ts.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { rm } from 'node:fs/promises';
import { startGitHubEmulator, type GitHubEmulator } from '../../test-support/github-emulator/index.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';
import {
  REPO,
  TAG,
  actWith,
  artifactFiles,
  assetNames,
  assetText,
  bundlesOnDisk,
  workspace,
} from './support.js';

let stack: SigstoreStack;
let em: GitHubEmulator;
let ws: string;

beforeAll(async () => {
  stack = await startSigstoreStack();
  ws = await workspace('provenant-sigstore-faults-');
});
afterAll(async () => {
  await stack.stop();
  await rm(ws, { recursive: true, force: true });
});
beforeEach(async () => {
  stack.faults.clear();
  em = await startGitHubEmulator({ repository: REPO });
  em.addRepo(REPO, { visibility: 'public' });
});
afterEach(async () => {
  expect(em.violations).toEqual([]);
  await em.stop();
});

const act = (inputs: Record<string, string> = {}) =>
  actWith(stack, em, ws, { 'upload-artifact': 'true', ...inputs });

describe('a transient fault in each service: retried, then published', () => {
  it.each<[string, () => void, 'fulcio' | 'rekor' | 'tsa']>([
    ['Fulcio 500', () => stack.faults.failNext('fulcio', 1, 500), 'fulcio'],
    ['Rekor 429 with Retry-After', () => stack.faults.rateLimitNext('rekor', 1, 1), 'rekor'],
    ['TSA connection reset', () => stack.faults.resetNext('tsa', 1), 'tsa'],
    ['Rekor garbled body', () => stack.faults.garbleNext('rekor', 1), 'rekor'],
    ['Rekor 409 after a lost answer', () => stack.faults.loseResponseNext('rekor', 1), 'rekor'],
  ])('%s', async (_label, inject, service) => {
    const release = em.addRelease(REPO, { tag: TAG, draft: true });
    inject();
    const run = await act();
    expect(run.stdout).not.toContain('::error::');
    expect(run.code).toBe(0);
    expect(stack.faults.pending(service)).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(
        `::warning::${service === 'tsa' ? 'TSA' : service[0]!.toUpperCase() + service.slice(1)} at .* retry 1 in`,
      ),
    );
    const [bundle] = await bundlesOnDisk(run);
    const parsed = JSON.parse(bundle!);
    expect(parsed.verificationMaterial.tlogEntries).toHaveLength(1);
    expect(parsed.verificationMaterial.timestampVerificationData.rfc3161Timestamps).toHaveLength(1);
    expect(assetNames(em, release.id)).toEqual(['provenance.sigstore.json']);
    expect(assetText(em, release.id, 'provenance.sigstore.json')).toBe(bundle);
    expect((await artifactFiles(em))['provenance.sigstore.json']).toBe(bundle);
  });
});

describe('a refusal retrying cannot cure', () => {
  it('Rekor 400: fails at once naming Rekor and its URL; nothing signed is published; the rerun converges', async () => {
    const release = em.addRelease(REPO, { tag: TAG, draft: true });
    stack.faults.failNext('rekor', 1, 400);
    const failed = await act();
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(`::error::[SIGNING_FAILED] Rekor at ${stack.urls.rekor}`);
    expect(failed.outputs['bundle-path']).toBeUndefined();
    expect(assetNames(em, release.id)).toEqual([]);
    expect(em.artifacts()).toEqual([]);

    const rerun = await act();
    expect(rerun.code).toBe(0);
    expect(assetNames(em, release.id)).toEqual(['provenance.sigstore.json']);
    expect(assetText(em, release.id, 'provenance.sigstore.json')).toBe((await bundlesOnDisk(rerun))[0]);
  });
});
