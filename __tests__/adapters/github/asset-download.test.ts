import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assetNameProblem, downloadAsset, hashAsset } from '../../../src/adapters/github/asset-download.js';
import { listAssets } from '../../../src/adapters/github/releases.js';
import type { GitHubEmulator } from '../../../test-support/github-emulator/index.js';
import { REPO, client, emulator, failure } from './fixtures.js';

let em: GitHubEmulator;
let dir: string;
beforeEach(async () => {
  em = await emulator();
  dir = await mkdtemp(join(tmpdir(), 'provenant-dl-'));
});
afterEach(async () => {
  expect(em.violations).toEqual([]);
  await em.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('downloadAsset', () => {
  it('streams an asset through the redirect to the objects origin, hashing it on the way', async () => {
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 7, 0x61);
    const r = em.addRelease('acme/widget', { tag: 'v1', assets: [{ name: 'big.bin', bytes }] });
    const [asset] = await listAssets(client(em), REPO, r.id);
    const got = await downloadAsset(client(em), REPO, asset!, dir);
    expect(got).toEqual({
      path: join(dir, 'big.bin'),
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    expect((await readFile(got.path)).equals(bytes)).toBe(true);
    expect(em.requests.some((q) => q.origin === 'objects' && q.path.startsWith('/downloads/'))).toBe(true);
    expect(await readdir(dir)).toEqual(['big.bin']);
  });

  it('hashes an asset without keeping it', async () => {
    const r = em.addRelease('acme/widget', { tag: 'v1', assets: [{ name: 'a.txt', bytes: 'hello' }] });
    const [asset] = await listAssets(client(em), REPO, r.id);
    expect(await hashAsset(client(em), REPO, asset!)).toBe(
      createHash('sha256').update('hello').digest('hex'),
    );
  });

  it.each(['../escape.bin', 'dir/file.bin', 'dir\\file.bin', '..', 'a..b'])(
    'refuses the asset name %s',
    async (name) => {
      const r = em.addRelease('acme/widget', { tag: 'v1', assets: [{ name, bytes: 'x' }] });
      const [asset] = await listAssets(client(em), REPO, r.id);
      const err = await failure(downloadAsset(client(em), REPO, asset!, dir));
      expect(err.code).toBe('ASSET_NAME_INVALID');
      expect(await readdir(dir)).toEqual([]);
    },
  );

  it('fails when the bytes do not match what the listing promised, leaving no file', async () => {
    const r = em.addRelease('acme/widget', { tag: 'v1', assets: [{ name: 'a.txt', bytes: 'hello' }] });
    const [asset] = await listAssets(client(em), REPO, r.id);
    const err = await failure(downloadAsset(client(em), REPO, { ...asset!, sha256: '0'.repeat(64) }, dir));
    expect(err.code).toBe('ASSET_DOWNLOAD_FAILED');
    expect(await readdir(dir)).toEqual([]);
  });

  it('accepts ordinary names', () => {
    expect(assetNameProblem('widget-1.2.3_linux-amd64.tar.gz')).toBeUndefined();
    expect(assetNameProblem('')).toBe('it is empty');
  });
});
