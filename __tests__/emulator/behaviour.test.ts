import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { getOctokit } from '@actions/github';
import { startGitHubEmulator, type GitHubEmulator } from '../../test-support/github-emulator/index.js';

const REPO = { owner: 'acme', repo: 'widget' };
let em: GitHubEmulator;
let gh: ReturnType<typeof getOctokit>;

beforeEach(async () => {
  em = await startGitHubEmulator({ repository: 'acme/widget' });
  // Plain Octokit without retries: these tests look at the emulator's raw answers.
  gh = getOctokit(em.token, { baseUrl: em.apiUrl });
});
afterEach(async () => {
  expect(em.violations).toEqual([]);
  await em.stop();
});

async function status(
  p: Promise<unknown>,
): Promise<{ status: number; message: string; headers: Record<string, string> }> {
  try {
    await p;
    return { status: 200, message: '', headers: {} };
  } catch (e) {
    const err = e as {
      status: number;
      response?: { data?: { message?: string }; headers: Record<string, string> };
    };
    return {
      status: err.status,
      message: err.response?.data?.message ?? '',
      headers: err.response?.headers ?? {},
    };
  }
}

const upload = (releaseId: number, uploadUrl: string, name: string, data = 'bytes') =>
  gh.rest.repos.uploadReleaseAsset({
    ...REPO,
    release_id: releaseId,
    name,
    data,
    url: uploadUrl,
    headers: { 'content-type': 'text/plain' },
  });

describe('releases', () => {
  it('get-by-tag finds only published releases; listing shows drafts', async () => {
    const { data: draft } = await gh.rest.repos.createRelease({ ...REPO, tag_name: 'v1', draft: true });
    expect((await status(gh.rest.repos.getReleaseByTag({ ...REPO, tag: 'v1' }))).status).toBe(404);
    expect((await gh.rest.repos.listReleases(REPO)).data.map((r) => r.id)).toEqual([draft.id]);
    expect(draft.upload_url.startsWith(`${em.uploadUrl}/`)).toBe(true);
    await gh.rest.repos.updateRelease({ ...REPO, release_id: draft.id, draft: false });
    expect((await gh.rest.repos.getReleaseByTag({ ...REPO, tag: 'v1' })).data.published_at).not.toBeNull();
  });

  it('a published immutable release refuses uploads, deletions and going back to draft; its notes stay editable', async () => {
    em.addRepo('acme/widget', { immutableReleases: true });
    const { data: draft } = await gh.rest.repos.createRelease({ ...REPO, tag_name: 'v1', draft: true });
    const { data: asset } = await upload(draft.id, draft.upload_url, 'a.txt');
    const { data: published } = await gh.rest.repos.updateRelease({
      ...REPO,
      release_id: draft.id,
      draft: false,
    });
    expect(published.immutable).toBe(true);
    const refused = await status(upload(draft.id, draft.upload_url, 'b.txt'));
    expect(refused).toMatchObject({ status: 422, message: 'Cannot upload assets to an immutable release.' });
    expect((await status(gh.rest.repos.deleteReleaseAsset({ ...REPO, asset_id: asset.id }))).status).toBe(
      422,
    );
    expect(
      (await status(gh.rest.repos.updateRelease({ ...REPO, release_id: draft.id, draft: true }))).status,
    ).toBe(422);
    expect(
      (await gh.rest.repos.updateRelease({ ...REPO, release_id: draft.id, body: 'notes' })).data.body,
    ).toBe('notes');
    expect(em.assets(draft.id).map((a) => a.name)).toEqual(['a.txt']);
  });

  it('two assets cannot share a name', async () => {
    const r = em.addRelease('acme/widget', {
      tag: 'v1',
      draft: true,
      assets: [{ name: 'a.txt', bytes: 'x' }],
    });
    const { data: release } = await gh.rest.repos.getRelease({ ...REPO, release_id: r.id });
    const clash = await gh.rest.repos
      .uploadReleaseAsset({
        ...REPO,
        release_id: r.id,
        name: 'a.txt',
        data: 'y',
        url: release.upload_url,
        headers: { 'content-type': 'text/plain' },
      })
      .catch((e: { status: number; response: { data: { errors: unknown[] } } }) => e);
    expect(clash).toMatchObject({
      status: 422,
      response: { data: { errors: [{ code: 'already_exists', field: 'name' }] } },
    });
    const { data: b } = await upload(r.id, release.upload_url, 'b.txt');
    expect(
      (await status(gh.rest.repos.updateReleaseAsset({ ...REPO, asset_id: b.id, name: 'a.txt' }))).status,
    ).toBe(422);
  });

  it('downloads redirect to another origin, which serves the bytes', async () => {
    const r = em.addRelease('acme/widget', { tag: 'v1', assets: [{ name: 'a.txt', bytes: 'hello' }] });
    const [asset] = em.assets(r.id);
    const res = await fetch(`${em.apiUrl}/repos/acme/widget/releases/assets/${asset!.id}`, {
      headers: { authorization: `token ${em.token}`, accept: 'application/octet-stream' },
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    const location = res.headers.get('location')!;
    expect(new URL(location).origin).toBe(em.objectsUrl);
    expect(await (await fetch(location)).text()).toBe('hello');
    const json = await gh.rest.repos.getReleaseAsset({ ...REPO, asset_id: asset!.id });
    expect(json.data.browser_download_url).toContain('/releases/download/v1/a.txt');
    expect(await (await fetch(json.data.browser_download_url)).text()).toBe('hello');
  });

  it('refuses a wrong token and writes without contents: write', async () => {
    const bad = getOctokit('ghs_not_the_token_0000000000000000', { baseUrl: em.apiUrl });
    expect(await status(bad.rest.repos.get(REPO))).toMatchObject({ status: 401, message: 'Bad credentials' });
    em.permissions.contents = 'read';
    expect(await status(gh.rest.repos.createRelease({ ...REPO, tag_name: 'v9' }))).toMatchObject({
      status: 403,
      message: 'Resource not accessible by integration',
    });
  });
});

describe('fault modes', () => {
  it('fails the next N requests, only on the chosen path', async () => {
    em.faults.failNext(2, { status: 502, path: '/releases' });
    expect((await status(gh.rest.repos.get(REPO))).status).toBe(200);
    expect((await status(gh.rest.repos.listReleases(REPO))).status).toBe(502);
    expect((await status(gh.rest.repos.listReleases(REPO))).status).toBe(502);
    expect((await status(gh.rest.repos.listReleases(REPO))).status).toBe(200);
    expect(em.faults.injected).toBe(2);
  });

  it('rate limits with GitHub headers', async () => {
    em.faults.rateLimitNext(1, { status: 429, resetInSeconds: 30, retryAfterSeconds: 7 });
    const limited = await status(gh.rest.repos.get(REPO));
    expect(limited.status).toBe(429);
    expect(limited.headers['x-ratelimit-remaining']).toBe('0');
    expect(Number(limited.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000);
    expect(limited.headers['retry-after']).toBe('7');
  });

  it('deletes a release mid-flow', async () => {
    const r = em.addRelease('acme/widget', { tag: 'v1' });
    em.faults.deleteReleaseAfter(r.id, 1);
    expect((await status(gh.rest.repos.getRelease({ ...REPO, release_id: r.id }))).status).toBe(200);
    expect((await status(gh.rest.repos.getRelease({ ...REPO, release_id: r.id }))).status).toBe(404);
  });

  it('delays matching requests and still answers them', async () => {
    em.faults.delay(20, { count: 1, path: '/repos' });
    expect((await status(gh.rest.repos.get(REPO))).status).toBe(200);
    expect(em.requests).toHaveLength(1);
  });
});

describe("GitHub's limits, as a GITHUB_TOKEN meets them", () => {
  it('a quota of 1,000 requests an hour per repository, on the API and the uploads host alike, stated on every answer', async () => {
    const limited = await startGitHubEmulator({
      repository: 'acme/widget',
      quota: { limit: 1000, used: 997 },
    });
    try {
      const client = getOctokit(limited.token, { baseUrl: limited.apiUrl });
      const r = limited.addRelease('acme/widget', { tag: 'v1', draft: true });
      const { data: release, headers } = await client.rest.repos.getRelease({ ...REPO, release_id: r.id });
      expect(headers['x-ratelimit-limit']).toBe('1000');
      expect(headers['x-ratelimit-remaining']).toBe('2');
      expect(Number(headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000 + 3500);
      await client.rest.repos.uploadReleaseAsset({
        ...REPO,
        release_id: r.id,
        name: 'a.txt',
        data: 'a',
        url: release.upload_url,
        headers: { 'content-type': 'text/plain' },
      });
      expect(limited.quotaUsed('acme/widget')).toBe(999);
      await client.rest.repos.listReleaseAssets({ ...REPO, release_id: r.id });
      const spent = await status(client.rest.repos.listReleaseAssets({ ...REPO, release_id: r.id }));
      expect(spent.status).toBe(403);
      expect(spent.message).toMatch(/rate limit exceeded/);
      expect(spent.headers['x-ratelimit-remaining']).toBe('0');
      expect(limited.quotaUsed('acme/widget')).toBe(1000);
      expect(limited.violations).toEqual([]);
    } finally {
      await limited.stop();
    }
  });

  it('at most 1,000 assets on one release: the next upload is refused', async () => {
    const small = await startGitHubEmulator({ repository: 'acme/widget', maxAssetsPerRelease: 3 });
    try {
      const client = getOctokit(small.token, { baseUrl: small.apiUrl });
      const assets = ['a', 'b', 'c'].map((n) => ({ name: `${n}.txt`, bytes: n }));
      const r = small.addRelease('acme/widget', { tag: 'v1', draft: true, assets });
      const { data: release } = await client.rest.repos.getRelease({ ...REPO, release_id: r.id });
      const refused = await client.rest.repos
        .uploadReleaseAsset({
          ...REPO,
          release_id: r.id,
          name: 'd.txt',
          data: 'd',
          url: release.upload_url,
          headers: { 'content-type': 'text/plain' },
        })
        .catch((e: { status: number }) => e);
      expect(refused).toMatchObject({ status: 422 });
      expect(small.assets(r.id)).toHaveLength(3);
    } finally {
      await small.stop();
    }
  });
});

describe('fault modes for a landed upload', () => {
  it('skips the first matching requests before striking', async () => {
    em.faults.failNext(1, { status: 503, path: '/releases', skip: 2 });
    expect((await status(gh.rest.repos.listReleases(REPO))).status).toBe(200);
    expect((await status(gh.rest.repos.listReleases(REPO))).status).toBe(200);
    expect((await status(gh.rest.repos.listReleases(REPO))).status).toBe(503);
    expect((await status(gh.rest.repos.listReleases(REPO))).status).toBe(200);
  });

  it('cuts a 201 short on an upload left incomplete (state open, half its bytes)', async () => {
    const r = em.addRelease('acme/widget', { tag: 'v1', draft: true });
    const { data: release } = await gh.rest.repos.getRelease({ ...REPO, release_id: r.id });
    em.faults.truncateNext(1, { origin: 'uploads', partial: true });
    const answer = await upload(r.id, release.upload_url, 'a.txt', 'twelve bytes');
    // Octokit reads a body cut short as an empty one, with the success status.
    expect(answer.status).toBe(201);
    expect(answer.data).toBe('');
    const [asset] = em.assets(r.id);
    expect(asset).toMatchObject({ name: 'a.txt', state: 'open' });
    expect(Buffer.from(asset!.bytes).toString()).toBe('twelve');
  });
});
