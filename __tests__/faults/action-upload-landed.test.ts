/**
 * An upload that landed although its answer was cut short (a 201 whose body ends halfway), run as the Actions runner
 * runs the action (dist/index.js) against the GitHub emulator. The answer names no asset, so the only way to know
 * what GitHub stored is to find the asset by name on the release and check it: our bytes are kept, an incomplete
 * upload of ours is removed by its own id, and what could not be checked or removed is said as it is. Never a DELETE
 * without an asset id, never "removed" for what is still there, and a rerun converges.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readFile, rm } from 'node:fs/promises';
import { startGitHubEmulator, type GitHubEmulator } from '../../test-support/github-emulator/index.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';
import {
  REPO,
  TAG,
  actWith,
  assetNames,
  assetText,
  bundlesOnDisk,
  cleanRelease,
  keptPaths,
  workspace,
} from './support.js';

let stack: SigstoreStack;
let em: GitHubEmulator;
let ws: string;
let release: number;

beforeAll(async () => {
  stack = await startSigstoreStack();
  ws = await workspace('provenant-landed-');
});
afterAll(async () => {
  await stack.stop();
  await rm(ws, { recursive: true, force: true });
});
beforeEach(async () => {
  em = await startGitHubEmulator({ repository: REPO });
  em.addRepo(REPO, { visibility: 'public' });
  release = em.addRelease(REPO, { tag: TAG, draft: true }).id;
});
afterEach(async () => {
  expect(em.violations).toEqual([]);
  await em.stop();
});

const act = (inputs: Record<string, string> = {}) => actWith(stack, em, ws, inputs);
const UPLOAD = { origin: 'uploads', method: 'POST' } as const;
/** The release's asset listings after the plan's own (which comes before signing). */
const CHECKS = { origin: 'api', method: 'GET', path: /\/releases\/\d+\/assets$/, skip: 1 } as const;

const uploads = () => em.requests.filter((r) => r.origin === 'uploads' && r.method === 'POST');
const deletes = () => em.requests.filter((r) => r.method === 'DELETE');
const listings = () =>
  em.requests.filter((r) => r.method === 'GET' && /\/releases\/\d+\/assets$/.test(r.path));
/** Requests that name an asset they do not know (an id read from an answer that had none). */
const idless = () => em.requests.filter((r) => /\/assets\/(undefined|NaN|null)\b/.test(r.path));

describe('a 201 cut short on an upload that landed', () => {
  it('whole: the asset is found by name, checked against our bytes and kept; nothing deleted', async () => {
    em.faults.truncateNext(1, UPLOAD);
    const run = await act();
    expect(run.stdout).not.toContain('::error::');
    expect(run.code).toBe(0);
    const [bundle] = await bundlesOnDisk(run);
    expect(assetNames(em, release)).toEqual(['provenance.sigstore.json']);
    expect(assetText(em, release, 'provenance.sigstore.json')).toBe(bundle);
    // The plan's listing, then the check of what landed: the asset was looked up by name, not guessed from the answer.
    expect(listings().length).toBeGreaterThanOrEqual(2);
    expect(em.requests.indexOf(listings()[1]!)).toBeGreaterThan(em.requests.indexOf(uploads()[0]!));
    expect(deletes()).toEqual([]);
    expect(idless()).toEqual([]);
    expect(run.stdout).not.toMatch(/removed/);
  });

  it('incomplete: that upload is removed by its own id and the bundle attached whole', async () => {
    em.faults.truncateNext(1, { ...UPLOAD, partial: true });
    const run = await act();
    expect(run.stdout).not.toContain('::error::');
    expect(run.code).toBe(0);
    const [bundle] = await bundlesOnDisk(run);
    expect(assetText(em, release, 'provenance.sigstore.json')).toBe(bundle);
    expect(cleanRelease(em, release)).toBe(true);
    const [removed, ...more] = deletes();
    expect(more).toEqual([]);
    expect(removed!.path).toMatch(/\/releases\/assets\/\d+$/);
    // The incomplete upload's id, not the asset that is there now.
    const kept = em.assets(release)[0]!;
    expect(removed!.path).not.toMatch(new RegExp(`/${kept.id}$`));
    expect(idless()).toEqual([]);
  });

  it('and the release cannot be listed to check it: the error says so (not that nothing landed); the rerun keeps the bundle that did', async () => {
    em.faults.truncateNext(1, UPLOAD);
    em.faults.failNext(1000, { ...CHECKS, status: 503 });
    const failed = await act();
    expect(failed.code).toBe(1);
    const errors = failed.stdout.split('\n').filter((l) => l.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('[UPLOAD_FAILED]');
    expect(errors[0]).toMatch(/could not be checked/);
    expect(errors[0]).toContain('nothing was removed');
    expect(errors[0]).not.toMatch(/holds no asset/);
    expect(deletes()).toEqual([]);
    expect(idless()).toEqual([]);
    const [kept] = keptPaths(failed);
    const landed = await readFile(kept!, 'utf8');
    // It did land: the release holds the very bundle the failed run kept on disk.
    expect(assetText(em, release, 'provenance.sigstore.json')).toBe(landed);

    em.faults.reset();
    const rerun = await act();
    expect(rerun.stdout).not.toContain('::error::');
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain('Release asset provenance.sigstore.json: kept');
    expect(assetNames(em, release)).toEqual(['provenance.sigstore.json']);
    expect(assetText(em, release, 'provenance.sigstore.json')).toBe(landed);
  });

  it('incomplete, and it cannot be removed: the error names it by id as still on the release; overwrite clears it on the rerun', async () => {
    em.faults.truncateNext(1, { ...UPLOAD, partial: true });
    em.faults.failNext(1000, { method: 'DELETE', status: 500 });
    const failed = await act();
    expect(failed.code).toBe(1);
    const errors = failed.stdout.split('\n').filter((l) => l.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    const [left] = em.assets(release);
    expect(left!.state).toBe('open');
    expect(errors[0]).toContain(`id ${left!.id}`);
    expect(errors[0]).toMatch(/incomplete/);
    expect(errors[0]).toMatch(/could not be removed/);
    expect(errors[0]).not.toMatch(/was removed/);
    expect(errors[0]).toContain('kept at');
    expect(idless()).toEqual([]);

    em.faults.reset();
    // Without overwrite the incomplete asset is not ours to remove: a conflict that says what it is.
    const plain = await act();
    expect(plain.code).toBe(1);
    expect(plain.stdout).toMatch(/\[ASSET_CONFLICT\] .*incomplete/);
    const rerun = await act({ overwrite: 'true' });
    expect(rerun.code).toBe(0);
    expect(assetNames(em, release)).toEqual(['provenance.sigstore.json']);
    expect(assetText(em, release, 'provenance.sigstore.json')).toBe((await bundlesOnDisk(rerun))[0]);
    expect(cleanRelease(em, release)).toBe(true);
  });
});
