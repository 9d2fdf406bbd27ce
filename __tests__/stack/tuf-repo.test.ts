/**
 * The local TUF repository against the real TUF client sigstore-js uses (`@sigstore/tuf`): a foundation's instance
 * serving its trusted root and signing config, with rotation, expiry and rollback behaving as the TUF spec says.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getTrustedRoot, initTUF } from '@sigstore/tuf';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTufRepo, type TufRepo } from '../../test-support/tuf-repo/index.js';

const TRUSTED_ROOT = readFile(
  path.join(process.cwd(), '__tests__/fixtures/trust/public-good-trusted-root.json'),
  'utf8',
);
const CONFIG = JSON.stringify({
  mediaType: 'application/vnd.dev.sigstore.signingconfig.v0.2+json',
  caUrls: [],
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'provenant-tuf-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function client(repo: TufRepo, name: string, options: { forceCache?: boolean } = {}) {
  const rootPath = path.join(dir, `${name}-root.json`);
  await writeFile(rootPath, repo.rootJson());
  return { mirrorURL: repo.url, rootPath, cachePath: path.join(dir, `${name}-cache`), ...options };
}

describe('the local TUF repository', () => {
  let repo: TufRepo;
  beforeAll(async () => {
    repo = await startTufRepo({
      'trusted_root.json': await TRUSTED_ROOT,
      'signing_config.v0.2.json': CONFIG,
    });
  });
  afterAll(() => repo.stop());

  it('serves the trusted root and the signing config through TUF, with consistent snapshots', async () => {
    const options = await client(repo, 'first');
    const root = await getTrustedRoot(options);
    expect(root.certificateAuthorities.length).toBeGreaterThan(0);
    const tuf = await initTUF(options);
    expect(JSON.parse(await tuf.getTarget('signing_config.v0.2.json'))).toEqual(JSON.parse(CONFIG));
    expect(repo.requests.some((p) => /^targets\/[0-9a-f]{64}\.trusted_root\.json$/.test(p))).toBe(true);
    expect(repo.requests).toContain('timestamp.json');
  });

  it('follows a target update and key rotations (root, timestamp, targets)', async () => {
    const options = await client(repo, 'rotating');
    await initTUF(options);
    const updated = JSON.stringify({ ...JSON.parse(CONFIG), tsaUrls: [] });
    repo.rotate('timestamp');
    repo.rotate('targets');
    repo.rotate('root');
    repo.setTarget('signing_config.v0.2.json', updated);
    const tuf = await initTUF({ ...options, forceInit: true });
    expect(await tuf.getTarget('signing_config.v0.2.json')).toBe(updated);
  });

  it('refuses an expired timestamp, naming the metadata (in the cause sigstore-js wraps)', async () => {
    const options = await client(repo, 'expired');
    repo.expire('timestamp');
    try {
      const error = await getTrustedRoot(options).then(
        () => undefined,
        (e: unknown) => e as Error & { cause?: Error },
      );
      expect(error?.cause?.message).toMatch(/timestamp\.json is expired/);
    } finally {
      repo.expire('timestamp', 1);
    }
  });

  it('refuses a rolled-back timestamp to a client that kept its cache', async () => {
    const options = await client(repo, 'rollback');
    await initTUF(options);
    repo.setTarget('signing_config.v0.2.json', CONFIG);
    await initTUF({ ...options, forceInit: true });
    repo.rollBackTimestamp();
    const error = await initTUF({ ...options, forceInit: true }).then(
      () => undefined,
      (e: unknown) => e as Error & { cause?: Error },
    );
    expect(`${error?.message} ${error?.cause?.message}`).toMatch(/version|rollback|timestamp/i);
  });
});
