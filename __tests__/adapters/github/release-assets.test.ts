import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { attachAsset } from '../../../src/adapters/github/release-assets.js';
import { findReleaseByTag } from '../../../src/adapters/github/releases.js';
import type { ReleaseInfo } from '../../../src/app/ports.js';
import type { GitHubEmulator } from '../../../test-support/github-emulator/index.js';
import { REPO, client, emulator, failure } from './fixtures.js';

const BUNDLE = {
  name: 'widget.sigstore.json',
  data: Buffer.from('{"bundle":1}'),
  contentType: 'application/json',
};
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

let em: GitHubEmulator;
beforeEach(async () => {
  em = await emulator();
});
afterEach(async () => {
  expect(em.violations).toEqual([]);
  await em.stop();
});

async function draft(tag = 'v1.0.0', assets: { name: string; bytes: string }[] = []): Promise<ReleaseInfo> {
  em.addRelease('acme/widget', { tag, draft: true, assets });
  return (await findReleaseByTag(client(em), REPO, tag))!;
}

const uploads = (): number =>
  em.requests.filter((q) => q.operationId === 'repos/upload-release-asset').length;

describe('attachAsset', () => {
  it('uploads to a draft on the upload origin, with the content type given', async () => {
    const release = await draft();
    const result = await attachAsset(client(em), REPO, release, BUNDLE);
    expect(result.action).toBe('uploaded');
    expect(result.asset).toMatchObject({
      name: BUNDLE.name,
      size: BUNDLE.data.length,
      sha256: sha(BUNDLE.data),
    });
    const [stored] = em.assets(release.id);
    expect(stored?.bytes.equals(BUNDLE.data)).toBe(true);
    expect(stored?.contentType).toBe('application/json');
    expect(em.requests.find((q) => q.operationId === 'repos/upload-release-asset')?.origin).toBe('uploads');
  });

  it('skips an asset of the same name with identical bytes (reruns are safe)', async () => {
    const release = await draft('v1', [{ name: BUNDLE.name, bytes: BUNDLE.data.toString() }]);
    const result = await attachAsset(client(em), REPO, release, BUNDLE);
    expect(result.action).toBe('skipped');
    expect(uploads()).toBe(0);
  });

  it('refuses different bytes under the same name without overwrite, leaving the asset untouched', async () => {
    // Same size, different bytes: only the digest tells them apart.
    const release = await draft('v1', [{ name: BUNDLE.name, bytes: '{"bundle":2}' }]);
    const before = em.assets(release.id);
    const err = await failure(attachAsset(client(em), REPO, release, BUNDLE));
    expect(err.code).toBe('ASSET_CONFLICT');
    expect(err.message).toContain('overwrite: true');
    expect(em.assets(release.id)).toEqual(before);
  });

  it('replaces with overwrite, keeping every other asset as it was', async () => {
    const release = await draft('v1', [
      { name: 'widget.tar.gz', bytes: 'the artifact' },
      { name: BUNDLE.name, bytes: 'old bundle' },
    ]);
    const other = em.assets(release.id)[0]!;
    const result = await attachAsset(client(em), REPO, release, BUNDLE, { overwrite: true });
    expect(result.action).toBe('replaced');
    const after = em.assets(release.id);
    expect(after.map((a) => a.name).sort()).toEqual([BUNDLE.name, 'widget.tar.gz']);
    expect(after.find((a) => a.name === BUNDLE.name)?.bytes.equals(BUNDLE.data)).toBe(true);
    expect(after.find((a) => a.id === other.id)).toEqual(other);
  });

  it('keeps the old asset and removes its own upload when the delete step of a replacement fails', async () => {
    const release = await draft('v1', [{ name: BUNDLE.name, bytes: 'old bundle' }]);
    const old = em.assets(release.id)[0]!;
    em.faults.failNext(3, { status: 500, path: `/releases/assets/${old.id}` });
    const err = await failure(attachAsset(client(em), REPO, release, BUNDLE, { overwrite: true }));
    expect(err.code).toBe('SERVICE_UNAVAILABLE');
    expect(em.assets(release.id)).toEqual([old]);
  });

  it('keeps the new bytes under the temporary name when the final rename fails, and says so', async () => {
    const release = await draft('v1', [{ name: BUNDLE.name, bytes: 'old bundle' }]);
    em.faults.failNext(3, { status: 500, method: 'PATCH' });
    const err = await failure(attachAsset(client(em), REPO, release, BUNDLE, { overwrite: true }));
    expect(err.code).toBe('UPLOAD_FAILED');
    const [kept] = em.assets(release.id);
    expect(kept?.name).toMatch(/^widget\.sigstore\.json\.[0-9a-f]{8}\.replacing$/);
    expect(kept?.bytes.equals(BUNDLE.data)).toBe(true);
    expect(err.message).toContain(kept!.name);
  });

  it('refuses a published immutable release up front, with the draft → sign → publish fix', async () => {
    em.addRelease('acme/widget', { tag: 'v1', immutable: true });
    const release = (await findReleaseByTag(client(em), REPO, 'v1'))!;
    const err = await failure(attachAsset(client(em), REPO, release, BUNDLE));
    expect(err.code).toBe('RELEASE_IMMUTABLE');
    expect(err.message).toContain('draft → sign → publish');
    expect(uploads()).toBe(0);
  });

  it("maps GitHub's immutable-release 422 when the release was published after we looked", async () => {
    em.addRepo('acme/widget', { immutableReleases: true });
    const release = await draft('v1');
    const r = em.releases('acme/widget')[0]!;
    r.draft = false;
    r.immutable = true;
    const err = await failure(attachAsset(client(em), REPO, release, BUNDLE));
    expect(err.code).toBe('RELEASE_IMMUTABLE');
    expect(em.assets(release.id)).toEqual([]);
  });

  it('retries server errors on upload and succeeds', async () => {
    const release = await draft();
    em.faults.failNext(2, { status: 502, path: '/assets' });
    const result = await attachAsset(client(em), REPO, release, BUNDLE);
    expect(result.action).toBe('uploaded');
    expect(em.faults.injected).toBe(2);
    expect(em.assets(release.id)).toHaveLength(1);
  });

  it('gives up after bounded retries, leaving no partial asset', async () => {
    const release = await draft();
    em.faults.failNext(10, { status: 503, path: `/releases/${release.id}/assets` });
    const err = await failure(attachAsset(client(em), REPO, release, BUNDLE));
    expect(err.code).toBe('SERVICE_UNAVAILABLE');
    expect(err.message).toContain('HTTP 503');
    expect(em.faults.injected).toBe(3); // the first attempt and two retries
    expect(em.assets(release.id)).toEqual([]);
  });

  it('waits out a rate limit (403 and 429 with reset headers) and succeeds', async () => {
    const release = await draft();
    em.faults.rateLimitNext(1, { status: 403, path: '/assets' });
    em.faults.rateLimitNext(1, { status: 429, retryAfterSeconds: 0, path: '/assets' });
    const result = await attachAsset(client(em), REPO, release, BUNDLE);
    expect(result.action).toBe('uploaded');
    expect(em.faults.injected).toBe(2);
  });

  it('does not wait for a rate limit that resets in an hour: a clear error instead', async () => {
    const release = await draft();
    em.faults.rateLimitNext(5, { resetInSeconds: 3600 });
    const err = await failure(attachAsset(client(em), REPO, release, BUNDLE));
    expect(err.code).toBe('SERVICE_UNAVAILABLE');
    expect(err.message).toMatch(/rate limit .* resets at \d{4}-/);
    expect(em.faults.injected).toBe(1);
  });

  it('names the missing permission and shows the permissions block, without leaking the token', async () => {
    const release = await draft();
    em.permissions.contents = 'read';
    const err = await failure(attachAsset(client(em), REPO, release, BUNDLE));
    expect(err.code).toBe('GITHUB_PERMISSION_MISSING');
    expect(err.message).toContain('contents: write');
    expect(err.message).toContain('permissions:');
    expect(err.message).not.toContain(em.token);
  });

  it('reports a release deleted between listing and uploading', async () => {
    const release = await draft();
    em.faults.deleteReleaseAfter(release.id, 1);
    const err = await failure(attachAsset(client(em), REPO, release, BUNDLE));
    expect(err.code).toBe('RELEASE_NOT_FOUND');
  });

  it('refuses asset names with separators or ..', async () => {
    const release = await draft();
    for (const name of ['../x.sigstore.json', 'a/b.sigstore.json', 'a\\b']) {
      const err = await failure(attachAsset(client(em), REPO, release, { ...BUNDLE, name }));
      expect(err.code).toBe('ASSET_NAME_INVALID');
    }
    expect(uploads()).toBe(0);
  });
});
