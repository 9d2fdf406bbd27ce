/**
 * A release at scale, run as the Actions runner runs the action (dist/index.js) against the local Sigstore stack and
 * the GitHub emulator, which models GitHub's two limits: a token's requests an hour (a GITHUB_TOKEN has 1,000 per
 * repository, 15,000 on Enterprise Cloud) and 1,000 assets on one release.
 * - 1,000 per-subject bundles are signed and attached, each byte for byte, with the release's assets listed once
 *   (not before each upload) and the requests within the quota;
 * - a plan that cannot fit the quota or the asset limit is refused before anything is signed, with what to change,
 *   and the change it names fits.
 * The action's verify-after-sign is off to keep the run short: the test verifies attached bundles itself, as a
 * consumer would.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runAction, runCliProcess, type ActionRun } from '../../test-support/action-runner.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../test-support/github-emulator/index.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';

const REPO = 'octo-org/octo-repo';
const TAG = 'v1.0.0';
const COUNT = 1000;
/** Enterprise Cloud's GITHUB_TOKEN: room for 1,000 uploads and the few requests around them. */
const ENTERPRISE_QUOTA = 15_000;

let stack: SigstoreStack;
let em: GitHubEmulator | undefined;
let ws: string;

beforeAll(async () => {
  stack = await startSigstoreStack();
  ws = await mkdtemp(path.join(tmpdir(), 'provenant-scale-'));
  await mkdir(path.join(ws, 'release'));
  await Promise.all(
    Array.from({ length: COUNT }, (_, i) =>
      writeFile(path.join(ws, 'release', `artifact-${String(i).padStart(4, '0')}.bin`), `artifact ${i}\n`),
    ),
  );
});
afterAll(async () => {
  await stack.stop();
  await rm(ws, { recursive: true, force: true });
});
afterEach(async () => {
  expect(em?.violations).toEqual([]);
  await em?.stop();
  em = undefined;
  stack.faults.clear();
});

async function emulator(
  quota: { limit: number } | undefined,
  assets: { name: string; bytes: string }[] = [],
): Promise<{ em: GitHubEmulator; release: number }> {
  em = await startGitHubEmulator({ repository: REPO, ...(quota ? { quota } : {}) });
  em.addRepo(REPO, { visibility: 'public' });
  return { em, release: em.addRelease(REPO, { tag: TAG, draft: true, assets }).id };
}

function act(github: GitHubEmulator, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({
    workspace: ws,
    timeoutMs: 300_000,
    inputs: {
      'subject-path': 'release',
      'bundle-layout': 'per-subject',
      sigstore: 'custom',
      'fulcio-url': stack.urls.fulcio,
      'rekor-url': stack.urls.rekor,
      'tsa-url': stack.urls.tsa,
      'trusted-root': stack.trustedRootPath,
      'verify-after-sign': 'false',
      'github-token': github.token,
      'release-tag': TAG,
      'attestation-store': 'false',
      ...inputs,
    },
    env: { ...stack.env, ...github.env, GITHUB_REF: `refs/tags/${TAG}`, PROVENANT_RETRY_UNIT_MS: '1' },
  });
}

const listings = (github: GitHubEmulator) =>
  github.requests.filter((r) => r.method === 'GET' && /\/releases\/\d+\/assets$/.test(r.path));
const nothingSigned = (): number[] => [
  stack.faults.requests('fulcio'),
  stack.faults.requests('tsa'),
  stack.faults.requests('rekor'),
];

async function bundlesLeft(run: ActionRun): Promise<string[]> {
  const dir = path.join(run.runnerTemp, 'provenant');
  return (await readdir(dir).catch(() => [])).filter((f) => f.endsWith('.sigstore.json'));
}

describe('a release of 1,000 subjects, one bundle each', () => {
  it('signs and attaches all 1,000 within the quota and the asset limit, listing the release once', async () => {
    const { em: github, release } = await emulator({ limit: ENTERPRISE_QUOTA });
    const run = await act(github);
    expect(run.stdout).not.toContain('::error::');
    expect(run.code).toBe(0);

    const paths = JSON.parse(run.outputs['bundle-paths']!) as string[];
    expect(paths).toHaveLength(COUNT);
    const assets = new Map(github.assets(release).map((a) => [a.name, Buffer.from(a.bytes).toString()]));
    expect(assets.size).toBe(COUNT);
    for (const p of paths) {
      const name = path.basename(p);
      const bundle = await readFile(p, 'utf8');
      expect(assets.get(name)).toBe(bundle);
      const statement = JSON.parse(Buffer.from(JSON.parse(bundle).dsseEnvelope.payload, 'base64').toString());
      expect(
        statement.subject.map((s: { name: string }) => `${path.basename(s.name)}.sigstore.json`),
      ).toEqual([name]);
    }
    // One listing before signing, kept and updated: none per upload.
    expect(listings(github)).toHaveLength(1);
    expect(github.requests.filter((r) => r.origin === 'uploads')).toHaveLength(COUNT);
    // Nothing refused (a draft is found by listing releases after get-by-tag's 404, as GitHub answers for drafts).
    expect(
      github.requests.filter((r) => r.status >= 400 && r.operationId !== 'repos/get-release-by-tag'),
    ).toEqual([]);
    // The run's own lookups (workflow run, release by tag, releases, assets) and the uploads.
    expect(github.quotaUsed(REPO)).toBeLessThanOrEqual(COUNT + 4);

    // What is on the release verifies, as a consumer would check it.
    const check = await mkdtemp(path.join(tmpdir(), 'provenant-scale-check-'));
    try {
      for (const i of [0, 499, 999]) {
        const artifact = `artifact-${String(i).padStart(4, '0')}.bin`;
        const bundle = path.join(check, `${artifact}.sigstore.json`);
        await writeFile(bundle, assets.get(`${artifact}.sigstore.json`)!);
        const v = await runCliProcess(
          [
            'verify',
            path.join(ws, 'release', artifact),
            '--bundle',
            bundle,
            '--trusted-root',
            stack.trustedRootPath,
            '--repo',
            REPO,
          ],
          { cwd: ws },
        );
        expect(v.stderr).toBe('');
        expect(v.code).toBe(0);
      }
    } finally {
      await rm(check, { recursive: true, force: true });
    }
  }, 300_000);
});

describe('a plan that cannot fit is refused before anything is signed', () => {
  it("over a GITHUB_TOKEN's 1,000 requests an hour: says what to change, and that change fits", async () => {
    const { em: github, release } = await emulator(undefined);
    const run = await act(github);
    expect(run.code).toBe(1);
    const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /\[PUBLISH_LIMIT_EXCEEDED\] expected the GitHub token to have 1,000 requests left for 1,000 bundles .* got \d+ of its 1,000 an hour/,
    );
    expect(errors[0]).toContain('bundle-layout: single');
    expect(errors[0]).toContain('subjects-per-statement');
    expect(errors[0]).toContain('nothing was signed');
    expect(nothingSigned()).toEqual([0, 0, 0]);
    expect(await bundlesLeft(run)).toEqual([]);
    expect(github.assets(release)).toEqual([]);

    const single = await act(github, { 'bundle-layout': 'single' });
    expect(single.stdout).not.toContain('::error::');
    expect(single.code).toBe(0);
    expect(github.assets(release).map((a) => a.name)).toEqual(['provenance.sigstore.json']);
    const statement = JSON.parse(
      Buffer.from(
        JSON.parse(Buffer.from(github.assets(release)[0]!.bytes).toString()).dsseEnvelope.payload,
        'base64',
      ).toString(),
    );
    expect(statement.subject).toHaveLength(COUNT);
  }, 120_000);

  it('past 1,000 assets on the release: says how many fit and what to change; the release is untouched', async () => {
    const { em: github, release } = await emulator({ limit: ENTERPRISE_QUOTA }, [
      { name: 'app.tar.gz', bytes: 'the build' },
    ]);
    const run = await act(github);
    expect(run.code).toBe(1);
    const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(
      `[PUBLISH_LIMIT_EXCEEDED] expected release "${TAG}" to take 1,000 more assets, got room for 999 (GitHub allows 1,000`,
    );
    expect(errors[0]).toContain('bundle-layout: single');
    expect(errors[0]).toContain('nothing was signed');
    expect(nothingSigned()).toEqual([0, 0, 0]);
    expect(await bundlesLeft(run)).toEqual([]);
    expect(github.assets(release).map((a) => a.name)).toEqual(['app.tar.gz']);
  }, 120_000);
});
