import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { findReleaseByTag, listAssets } from '../../../src/adapters/github/releases.js';
import type { GitHubEmulator } from '../../../test-support/github-emulator/index.js';
import { REPO, client, emulator, failure } from './fixtures.js';

let em: GitHubEmulator;
beforeEach(async () => {
  em = await emulator();
});
afterEach(async () => {
  expect(em.violations).toEqual([]);
  await em.stop();
});

describe('findReleaseByTag', () => {
  it('finds a published release with get-by-tag', async () => {
    const r = em.addRelease('acme/widget', { tag: 'v1.0.0' });
    const found = await findReleaseByTag(client(em), REPO, 'v1.0.0');
    expect(found).toMatchObject({ id: r.id, tag: 'v1.0.0', draft: false, immutable: false });
    expect(found?.uploadUrl.startsWith(em.uploadUrl)).toBe(true);
    expect(em.requests.map((q) => q.operationId)).toEqual(['repos/get-release-by-tag']);
  });

  it('finds a draft by listing releases, across pages', async () => {
    const draft = em.addRelease('acme/widget', { tag: 'v2.0.0', draft: true });
    for (let i = 0; i < 120; i++) em.addRelease('acme/widget', { tag: `old-${i}` });
    const found = await findReleaseByTag(client(em), REPO, 'v2.0.0');
    expect(found).toMatchObject({ id: draft.id, draft: true });
    const listed = em.requests.filter((q) => q.operationId === 'repos/list-releases');
    expect(listed).toHaveLength(2);
  });

  it('prefers the published release when a draft shares its tag', async () => {
    em.addRelease('acme/widget', { tag: 'v3', draft: true });
    const published = em.addRelease('acme/widget', { tag: 'v3' });
    expect((await findReleaseByTag(client(em), REPO, 'v3'))?.id).toBe(published.id);
  });

  it('returns undefined for a missing tag', async () => {
    expect(await findReleaseByTag(client(em), REPO, 'nope')).toBeUndefined();
  });

  it('reports a release deleted mid-flow as RELEASE_NOT_FOUND', async () => {
    const r = em.addRelease('acme/widget', { tag: 'v1', draft: true });
    const gh = client(em);
    const found = await findReleaseByTag(gh, REPO, 'v1');
    em.faults.deleteReleaseAfter(r.id, 1);
    expect(await listAssets(gh, REPO, found!.id)).toEqual([]);
    const err = await failure(listAssets(gh, REPO, found!.id));
    expect(err.code).toBe('RELEASE_NOT_FOUND');
    expect(err.message).toContain('deleted');
  });
});

describe('listAssets', () => {
  it('lists every asset with its digest, across pages', async () => {
    const r = em.addRelease('acme/widget', { tag: 'v1' });
    for (let i = 0; i < 105; i++) em.addAsset(r.id, { name: `f${i}.txt`, bytes: `file ${i}` });
    const assets = await listAssets(client(em), REPO, r.id);
    expect(assets).toHaveLength(105);
    expect(assets[0]).toMatchObject({ name: 'f0.txt', size: 6, state: 'uploaded' });
    expect(assets[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
