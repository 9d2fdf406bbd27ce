import { describe, expect, it } from '@jest/globals';
import type { ReleaseAsset, ReleaseInfo, ResignPorts } from '../../src/app/ports.js';
import { planResign } from '../../src/app/resign.js';
import { recordingLog, sha } from './fakes.js';

const RELEASE: ReleaseInfo = {
  id: 7,
  tag: 'v1',
  name: 'v1',
  draft: false,
  immutable: false,
  uploadUrl: 'http://127.0.0.1:1/upload',
  htmlUrl: 'https://github.com/acme/widget/releases/tag/v1',
};

const asset = (id: number, name: string): ReleaseAsset => ({
  id,
  name,
  size: 3,
  contentType: 'application/octet-stream',
  sha256: undefined,
  state: 'uploaded',
  apiUrl: `http://127.0.0.1:1/assets/${id}`,
  browserDownloadUrl: `https://github.com/acme/widget/releases/download/v1/${name}`,
});

function ports(names: string[], release: ReleaseInfo | null = RELEASE) {
  const downloaded: string[] = [];
  const log = recordingLog();
  const p: ResignPorts = {
    findRelease: () => Promise.resolve(release ?? undefined),
    listAssets: () => Promise.resolve(names.map((n, i) => asset(i + 1, n))),
    download: (a, dir) => {
      downloaded.push(a.name);
      return Promise.resolve({ path: `${dir}/${a.name}`, sha256: sha(String(a.id % 10)), size: 3 });
    },
    log,
  };
  return { ports: p, downloaded, log };
}

const ON_RELEASE = ['z.tgz', 'a.tgz', 'notes.txt', 'a.tgz.sigstore.json', 'lib/b.tgz', 'p.intoto.jsonl'];

describe('planResign', () => {
  const cases: { name: string; patterns: string[]; chosen: string[] }[] = [
    { name: 'everything but the bundles', patterns: ['*'], chosen: ['a.tgz', 'notes.txt', 'z.tgz'] },
    { name: 'a glob', patterns: ['*.tgz'], chosen: ['a.tgz', 'z.tgz'] },
    { name: 'a glob with an exclude', patterns: ['*.tgz', '!z.*'], chosen: ['a.tgz'] },
    {
      name: 'names with folders need ** or the name',
      patterns: ['**/*.tgz'],
      chosen: ['a.tgz', 'lib/b.tgz', 'z.tgz'],
    },
    {
      name: 'a bundle is never re-signed, even when named',
      patterns: ['a.tgz.sigstore.json', 'a.tgz'],
      chosen: ['a.tgz'],
    },
    {
      name: 'in-toto JSON Lines are provenance, not artifacts',
      patterns: ['*.jsonl', 'a.*'],
      chosen: ['a.tgz'],
    },
  ];

  it.each(cases)('chooses $name, sorted', async (c) => {
    const f = ports(ON_RELEASE);
    const plan = await planResign({ tag: 'v1', patterns: c.patterns, downloadDir: '/dl' }, f.ports);
    expect(plan.subjects.map((s) => s.name)).toEqual(c.chosen);
    expect(f.downloaded).toEqual(c.chosen);
  });

  it('names each downloaded asset as a resolved dependency, and says it is a re-sign', async () => {
    const f = ports(['a.tgz']);
    const plan = await planResign({ tag: 'v1', patterns: ['*'], downloadDir: '/dl' }, f.ports);
    expect(plan.releaseUrl).toBe(RELEASE.htmlUrl);
    expect(plan.provenance.extraDependencies).toEqual([
      { name: 'a.tgz', uri: asset(1, 'a.tgz').browserDownloadUrl, digest: { sha256: sha('1') } },
    ]);
    expect(plan.provenance.extraExternalParameters).toEqual({
      resign: { release: 'v1', release_url: RELEASE.htmlUrl, assets: ['a.tgz'] },
    });
    expect(f.log.lines[0]).toBe('Re-signing 1 asset of release v1');
  });

  it('refuses a tag with no release', async () => {
    await expect(
      planResign({ tag: 'v9', patterns: ['*'], downloadDir: '/dl' }, ports([], null).ports),
    ).rejects.toMatchObject({ code: 'RELEASE_NOT_FOUND', message: expect.stringContaining('"v9"') });
  });

  it('refuses patterns that match nothing, listing what the release has', async () => {
    const f = ports(ON_RELEASE);
    await expect(
      planResign({ tag: 'v1', patterns: ['*.zip'], downloadDir: '/dl' }, f.ports),
    ).rejects.toMatchObject({
      code: 'NO_FILES_FOUND',
      message: expect.stringContaining('the release has 6 assets: "z.tgz", "a.tgz"'),
    });
    expect(f.downloaded).toEqual([]);
  });
});
