/**
 * GitHub faults while the action publishes, run as the Actions runner runs it (dist/index.js) against the GitHub
 * emulator. For each: success after bounded retries or a clear failure; the signed bundles on disk and in the
 * workflow artifact either way; no partial or corrupt asset left on the release; a rerun converges.
 * Already proven elsewhere and not repeated: uploads failing past the retries and a published immutable release
 * (__tests__/e2e/action-publish.test.ts); rate limits, permissions and a release deleted between listing and
 * uploading at the adapter level (__tests__/adapters/github/release-assets.test.ts).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readFile, rm } from 'node:fs/promises';
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
  cleanRelease,
  DEFAULT_ARTIFACT,
  keptPaths,
  workspace,
} from './support.js';

let stack: SigstoreStack;
let em: GitHubEmulator;
let ws: string;

beforeAll(async () => {
  stack = await startSigstoreStack();
  ws = await workspace('provenant-gh-faults-');
});
afterAll(async () => {
  await stack.stop();
  await rm(ws, { recursive: true, force: true });
});
beforeEach(async () => {
  em = await startGitHubEmulator({ repository: REPO });
  em.addRepo(REPO, { visibility: 'public', immutableReleases: true });
});
afterEach(async () => {
  expect(em.violations).toEqual([]);
  await em.stop();
});

const act = (inputs: Record<string, string> = {}, env: Record<string, string> = {}) =>
  actWith(stack, em, ws, inputs, env);
const draft = () => em.addRelease(REPO, { tag: TAG, draft: true });
const uploads = () => em.requests.filter((r) => r.origin === 'uploads' && r.method === 'POST');

describe('5xx mid-upload', () => {
  it('the upload landed but the answer was a 502: the retry finds our own bytes and keeps them, one asset', async () => {
    const release = draft();
    em.faults.failAfterNext(1, { path: '/assets', method: 'POST' });
    const run = await act({ 'upload-artifact': 'true' });
    expect(run.stdout).not.toMatch(/::error::/);
    expect(run.code).toBe(0);
    const [bundle] = await bundlesOnDisk(run);
    expect(assetNames(em, release.id)).toEqual(['provenance.sigstore.json']);
    expect(assetText(em, release.id, 'provenance.sigstore.json')).toBe(bundle);
    expect((await artifactFiles(em))['provenance.sigstore.json']).toBe(bundle);
    expect(uploads().length).toBeGreaterThanOrEqual(2);
  });

  it('an upload left incomplete (state open) by a 502: our partial asset is removed, and the bundle is attached whole', async () => {
    const release = draft();
    em.faults.failAfterNext(1, { path: '/assets', method: 'POST', partial: true });
    const run = await act({ 'upload-artifact': 'true' });
    expect(run.code).toBe(0);
    const [bundle] = await bundlesOnDisk(run);
    expect(cleanRelease(em, release.id)).toBe(true);
    expect(assetNames(em, release.id)).toEqual(['provenance.sigstore.json']);
    expect(assetText(em, release.id, 'provenance.sigstore.json')).toBe(bundle);
  });

  it('uploads that keep breaking off: bounded, a clear error, no incomplete asset left behind', async () => {
    const release = draft();
    em.faults.failAfterNext(50, { path: '/assets', method: 'POST', partial: true });
    const run = await act({ 'upload-artifact': 'true' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::\[SERVICE_UNAVAILABLE\] .*HTTP 502/);
    expect(run.stdout).toContain('kept at');
    expect(assetNames(em, release.id)).toEqual([]);
    // One upload plus Octokit's retries, once more after removing our incomplete asset: bounded.
    expect(uploads().length).toBeLessThanOrEqual(8);
  });

  it('502 twice, then the upload goes through: one asset, identical to the bundle on disk', async () => {
    const release = draft();
    em.faults.failNext(2, { status: 502, path: '/assets', method: 'POST' });
    const run = await act();
    expect(run.code).toBe(0);
    expect(em.faults.injected).toBe(2);
    const [bundle] = await bundlesOnDisk(run);
    expect(assetText(em, release.id, 'provenance.sigstore.json')).toBe(bundle);
  });

  it('an outage past the retries fails clearly; the bundle is on disk and in the artifact; a rerun converges', async () => {
    const release = draft();
    em.faults.failNext(50, { status: 503, path: '/assets', method: 'POST' });
    const failed = await act({ 'upload-artifact': 'true' });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(
      /::error::\[SERVICE_UNAVAILABLE\] .*upload asset "provenance\.sigstore\.json"/,
    );
    const [kept] = keptPaths(failed);
    const bundle = await readFile(kept!, 'utf8');
    expect(JSON.parse(bundle).dsseEnvelope).toBeDefined();
    expect((await artifactFiles(em))['provenance.sigstore.json']).toBe(bundle);
    expect(assetNames(em, release.id)).toEqual([]);

    em.faults.reset();
    const rerun = await act({ 'upload-artifact': 'true', 'artifact-name': 'provenance-bundles-attempt-2' });
    expect(rerun.code).toBe(0);
    expect(assetNames(em, release.id)).toEqual(['provenance.sigstore.json']);
    expect(assetText(em, release.id, 'provenance.sigstore.json')).toBe((await bundlesOnDisk(rerun))[0]);
  });
});

describe('422: the name exists on the release', () => {
  it('a foreign asset of that name stays untouched; the error says how to resolve it; the bundle is kept', async () => {
    const release = em.addRelease(REPO, {
      tag: TAG,
      draft: true,
      assets: [{ name: 'provenance.sigstore.json', bytes: 'someone else' }],
    });
    const run = await act({ 'upload-artifact': 'true' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('[ASSET_CONFLICT]');
    expect(run.stdout).toMatch(/overwrite: true|another bundle name/);
    expect(assetText(em, release.id, 'provenance.sigstore.json')).toBe('someone else');
    expect(keptPaths(run)).toHaveLength(1);
    expect(Object.keys(await artifactFiles(em))).toEqual(['provenance.sigstore.json']);
  });

  it('a rerun of a successful job with overwrite converges on one asset, the new bundle', async () => {
    const release = draft();
    expect((await act()).code).toBe(0);
    const rerun = await act({ overwrite: 'true' });
    expect(rerun.code).toBe(0);
    expect(assetNames(em, release.id)).toEqual(['provenance.sigstore.json']);
    expect(assetText(em, release.id, 'provenance.sigstore.json')).toBe((await bundlesOnDisk(rerun))[0]);
    expect(cleanRelease(em, release.id)).toBe(true);
  });
});

describe('rate limits with reset headers', () => {
  it.each<[403 | 429, number | undefined]>([
    [403, undefined],
    [429, 1],
  ])('%s (retry-after %s) on the upload: waited out, then attached', async (status, retryAfterSeconds) => {
    const release = draft();
    em.faults.rateLimitNext(1, {
      status,
      resetInSeconds: 1,
      ...(retryAfterSeconds ? { retryAfterSeconds } : {}),
      path: '/assets',
      method: 'POST',
    });
    const run = await act();
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/::warning::GitHub (primary|secondary) rate limit/);
    expect(assetText(em, release.id, 'provenance.sigstore.json')).toBe((await bundlesOnDisk(run))[0]);
  });

  it('429 with only Retry-After (no rate-limit headers, which neither Octokit plugin retries): waited out, then attached', async () => {
    const release = draft();
    em.faults.failNext(1, { status: 429, retryAfterSeconds: 2, path: '/assets', method: 'POST' });
    const run = await act();
    expect(run.stdout).not.toContain('::error::');
    expect(run.code).toBe(0);
    expect(em.faults.injected).toBe(1);
    expect(run.stdout).toMatch(
      /::warning::GitHub answered HTTP 429 on POST .*\/assets asking to wait 2 s \(Retry-After\); retrying/,
    );
    expect(assetText(em, release.id, 'provenance.sigstore.json')).toBe((await bundlesOnDisk(run))[0]);
  });

  it('a limit that resets in an hour is not waited for: a clear error with the reset time; bundle kept; nothing attached', async () => {
    const release = draft();
    em.faults.rateLimitNext(5, { status: 403, resetInSeconds: 3600, path: '/assets', method: 'POST' });
    const run = await act({ 'upload-artifact': 'true' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/\[SERVICE_UNAVAILABLE\] .*rate limit \(HTTP 403\) that resets at \d{4}-/);
    expect(run.stdout).toContain('kept at');
    expect(Object.keys(await artifactFiles(em))).toEqual(['provenance.sigstore.json']);
    expect(assetNames(em, release.id)).toEqual([]);
  });
});

describe('the release deleted while we attach', () => {
  it('between two uploads: a clear RELEASE_NOT_FOUND, every bundle on disk and in the artifact; a rerun on a new draft converges', async () => {
    // Learn, on a release left alone, how many requests come before the second upload.
    const probe = draft();
    const probeRun = await act({
      'bundle-layout': 'per-subject',
      'upload-artifact': 'true',
      'artifact-name': 'probe',
    });
    expect(probeRun.code).toBe(0);
    const firstUpload = em.requests.findIndex((r) => r.origin === 'uploads' && r.method === 'POST');
    em.deleteRelease(probe.id);
    em.requests.length = 0;

    const release = draft();
    em.faults.deleteReleaseAfter(release.id, firstUpload + 1);
    const run = await act({ 'bundle-layout': 'per-subject', 'upload-artifact': 'true' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('[RELEASE_NOT_FOUND]');
    expect(em.getRelease(release.id)).toBeUndefined();
    const kept = keptPaths(run);
    expect(kept.map((p) => p.split('/').pop()).sort()).toEqual([
      'app-darwin.tar.gz.sigstore.json',
      'app-linux.tar.gz.sigstore.json',
    ]);
    const inArtifact = await artifactFiles(em);
    for (const p of kept) expect(inArtifact[p.split('/').pop()!]).toBe(await readFile(p, 'utf8'));

    const again = draft();
    const rerun = await act({ 'bundle-layout': 'per-subject' });
    expect(rerun.code).toBe(0);
    expect(assetNames(em, again.id)).toEqual([
      'app-darwin.tar.gz.sigstore.json',
      'app-linux.tar.gz.sigstore.json',
    ]);
    expect(cleanRelease(em, again.id)).toBe(true);
  });
});

describe('two matrix jobs attaching to one release at once', () => {
  it('with different bundle names: both bundles attached, each byte-identical to its job’s bundle', async () => {
    const release = draft();
    const [a, b] = await Promise.all([
      act({
        'subject-path': 'dist/app-linux.tar.gz',
        'bundle-name': 'linux.sigstore.json',
        'upload-artifact': 'true',
        'artifact-name': 'linux',
      }),
      act({
        'subject-path': 'dist/app-darwin.tar.gz',
        'bundle-name': 'darwin.sigstore.json',
        'upload-artifact': 'true',
        'artifact-name': 'darwin',
      }),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(assetNames(em, release.id)).toEqual(['darwin.sigstore.json', 'linux.sigstore.json']);
    expect(assetText(em, release.id, 'linux.sigstore.json')).toBe((await bundlesOnDisk(a))[0]);
    expect(assetText(em, release.id, 'darwin.sigstore.json')).toBe((await bundlesOnDisk(b))[0]);
    expect(cleanRelease(em, release.id)).toBe(true);
  });

  it('with the default artifact name: each job gets its own, so both upload their artifact and attach', async () => {
    const release = draft();
    // A second leg of the same matrix: the same workflow run and GITHUB_JOB, another job (its own runtime token).
    const other = em.addJob();
    const [a, b] = await Promise.all([
      act({
        'subject-path': 'dist/app-linux.tar.gz',
        'bundle-name': 'linux.sigstore.json',
        'upload-artifact': 'true',
      }),
      act(
        {
          'subject-path': 'dist/app-darwin.tar.gz',
          'bundle-name': 'darwin.sigstore.json',
          'upload-artifact': 'true',
        },
        { ACTIONS_RUNTIME_TOKEN: other.token },
      ),
    ]);
    expect([a.stdout, b.stdout].join('\n')).not.toContain('::error::');
    expect([a.code, b.code]).toEqual([0, 0]);
    const names = em.artifacts().map((x) => x.name);
    expect(names).toHaveLength(2);
    for (const name of names) expect(name).toMatch(DEFAULT_ARTIFACT);
    expect(new Set(names).size).toBe(2);
    const files = await Promise.all(names.map((n) => artifactFiles(em, n)));
    expect(files.flatMap((f) => Object.keys(f)).sort()).toEqual([
      'darwin.sigstore.json',
      'linux.sigstore.json',
    ]);
    expect(assetNames(em, release.id)).toEqual(['darwin.sigstore.json', 'linux.sigstore.json']);
  });

  it('with the same bundle name: one attaches, the other fails with ASSET_CONFLICT; nothing is lost or replaced', async () => {
    const release = draft();
    const runs = await Promise.all([
      act({ 'subject-path': 'dist/app-linux.tar.gz', 'upload-artifact': 'true', 'artifact-name': 'linux' }),
      act({ 'subject-path': 'dist/app-darwin.tar.gz', 'upload-artifact': 'true', 'artifact-name': 'darwin' }),
    ]);
    const codes = runs.map((r) => r.code).sort();
    expect(codes).toEqual([0, 1]);
    const winner = runs.find((r) => r.code === 0)!;
    const loser = runs.find((r) => r.code === 1)!;
    expect(loser.stdout).toContain('[ASSET_CONFLICT]');
    expect(assetNames(em, release.id)).toEqual(['provenance.sigstore.json']);
    expect(assetText(em, release.id, 'provenance.sigstore.json')).toBe((await bundlesOnDisk(winner))[0]);
    // The loser's signature is not lost: on disk and in its own workflow artifact.
    const [kept] = keptPaths(loser);
    const loserBundle = await readFile(kept!, 'utf8');
    const loserArtifact = loser === runs[0] ? 'linux' : 'darwin';
    expect((await artifactFiles(em, loserArtifact))['provenance.sigstore.json']).toBe(loserBundle);
    expect(cleanRelease(em, release.id)).toBe(true);
  });
});

describe('two jobs replacing one asset at once (overwrite: true)', () => {
  const OLD = 'an older bundle';
  const race = (subjects: [string, string]) => {
    // Slow uploads and renames hold both jobs inside their replacement at the same time.
    em.faults.delay(300, { origin: 'uploads', method: 'POST' });
    em.faults.delay(300, { method: 'PATCH', path: '/releases/assets/' });
    return Promise.all(
      subjects.map((subject, i) =>
        act({
          'subject-path': subject,
          overwrite: 'true',
          'upload-artifact': 'true',
          'artifact-name': `job-${i}`,
        }),
      ),
    );
  };

  /** Resolves once the emulator has answered a request matching `seen`. */
  const once = async (seen: (r: { method: string; path: string; status: number }) => boolean) => {
    while (!em.requests.some(seen)) await new Promise((r) => setTimeout(r, 5));
  };
  const planListing = (r: { method: string; path: string; status: number }) =>
    r.method === 'GET' && /\/releases\/\d+\/assets$/.test(r.path) && r.status === 200;

  it('the asset replaced by another job after this one listed it: the name is looked up again, and what holds it now decides', async () => {
    const release = em.addRelease(REPO, {
      tag: TAG,
      draft: true,
      assets: [{ name: 'provenance.sigstore.json', bytes: OLD }],
    });
    const [old] = em.assets(release.id);
    // Between this job's listing (before it signs) and its comparison, another job puts its own asset there.
    const running = act({ overwrite: 'true' });
    await once(planListing);
    const gone = await fetch(`${em.apiUrl}/repos/${REPO}/releases/assets/${old!.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${em.token}` },
    });
    expect(gone.status).toBe(204);
    const theirs = em.addAsset(release.id, { name: 'provenance.sigstore.json', bytes: 'the other job' });
    const run = await running;
    expect(run.stdout).not.toContain('::error::');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Release asset provenance.sigstore.json: replaced');
    expect(assetNames(em, release.id)).toEqual(['provenance.sigstore.json']);
    expect(assetText(em, release.id, 'provenance.sigstore.json')).toBe((await bundlesOnDisk(run))[0]);
    // The old asset was never asked for again once gone; the other job's was the one replaced.
    expect(em.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
      `/repos/${REPO}/releases/assets/${old!.id}`,
      `/repos/${REPO}/releases/assets/${theirs.id}`,
    ]);
    expect(cleanRelease(em, release.id)).toBe(true);
  });

  it.each<[string, [string, string]]>([
    ['for other subjects', ['dist/app-linux.tar.gz', 'dist/app-darwin.tar.gz']],
    ['for the same subjects', ['dist', 'dist']],
  ])(
    '%s: one asset, a job’s own bundle, no temporary asset left, and every message true',
    async (_what, subjects) => {
      const release = em.addRelease(REPO, {
        tag: TAG,
        draft: true,
        assets: [{ name: 'provenance.sigstore.json', bytes: OLD }],
      });
      const runs = await race(subjects);
      expect(assetNames(em, release.id)).toEqual(['provenance.sigstore.json']);
      expect(cleanRelease(em, release.id)).toBe(true);
      const final = assetText(em, release.id, 'provenance.sigstore.json');
      expect(final).not.toBe(OLD);
      const bundles = await Promise.all(
        runs.map(async (r) => await readFile(r.outputs['bundle-path']!, 'utf8')),
      );
      expect(bundles).toContain(final);
      for (const [i, run] of runs.entries()) {
        // Nobody says the old asset is untouched: it was replaced, by one job or the other.
        expect(run.stdout).not.toMatch(/untouched/);
        if (run.code === 0) {
          expect(run.stdout).toMatch(/Release asset provenance\.sigstore\.json: (replaced|kept|skipped)/);
          continue;
        }
        // The loser: the name holds the other job's asset, its own upload is gone, its bundle is kept.
        expect(run.code).toBe(1);
        expect(subjects[0]).not.toBe(subjects[1]);
        const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error::'));
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatch(/\[ASSET_CONFLICT\] .*another job replacing it at the same time/);
        expect(errors[0]).toContain('our upload was removed');
        expect(errors[0]).toContain('kept at');
        expect(final).toBe(bundles[1 - i]);
        expect((await artifactFiles(em, `job-${i}`))['provenance.sigstore.json']).toBe(bundles[i]);
      }
      // At least one job replaced the old asset and said so.
      expect(runs.some((r) => r.stdout.includes('Release asset provenance.sigstore.json: replaced'))).toBe(
        true,
      );
    },
  );
});
