/**
 * A known instance signs through the services its TUF repository's signing config lists today. The config is read
 * through the TUF client from a repository on 127.0.0.1 (the real public-good mirror is not reachable from tests);
 * its content has public-good's shape: Fulcio, the Rekor v1 log, a Rekor v2 shard and the timestamp authority.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Logger } from '../../../src/app/ports.js';
import { currentServices } from '../../../src/adapters/sigstore/instance-services.js';
import { resolveInstance } from '../../../src/adapters/sigstore/instances.js';
import { tufInstance } from '../../../src/adapters/sigstore/tuf-instance.js';
import { startTufRepo, type TufRepo } from '../../../test-support/tuf-repo/index.js';

const op = 'sigstore.dev';
const PUBLIC_GOOD_SHAPE = {
  mediaType: 'application/vnd.dev.sigstore.signingconfig.v0.2+json',
  caUrls: [
    {
      url: 'https://fulcio.sigstore.dev',
      majorApiVersion: 1,
      validFor: { start: '2023-04-14T21:38:40Z' },
      operator: op,
    },
  ],
  oidcUrls: [
    {
      url: 'https://oauth2.sigstore.dev/auth',
      majorApiVersion: 1,
      validFor: { start: '2025-04-16T00:00:00Z' },
      operator: op,
    },
  ],
  rekorTlogUrls: [
    {
      url: 'https://log2025-1.rekor.sigstore.dev',
      majorApiVersion: 2,
      validFor: { start: '2025-09-23T00:00:00Z' },
      operator: op,
    },
    {
      url: 'https://rekor.sigstore.dev',
      majorApiVersion: 1,
      validFor: { start: '2021-01-12T11:53:27Z' },
      operator: op,
    },
  ],
  tsaUrls: [
    {
      url: 'https://timestamp.sigstore.dev/api/v1/timestamp',
      majorApiVersion: 1,
      validFor: { start: '2025-07-04T00:00:00Z' },
      operator: op,
    },
  ],
  rekorTlogConfig: { selector: 'ANY' },
  tsaConfig: { selector: 'ANY' },
};

let repo: TufRepo;
let dir: string;
let rootPath: string;
const warnings: string[] = [];
const log: Logger = { info: () => {}, warn: (m) => warnings.push(m) };
const env = {};

/** The TUF client against the local repository (sigstore-js embeds only the real mirrors' roots). */
const throughTuf = async (_mirror: string, cacheDir: string) =>
  (await tufInstance({ mirror: repo.url, rootPath, cacheDir: path.join(dir, path.basename(cacheDir)) }))
    .signingConfig;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'provenant-instance-services-'));
  repo = await startTufRepo({
    'trusted_root.json': '{}',
    'signing_config.v0.2.json': JSON.stringify(PUBLIC_GOOD_SHAPE),
  });
  rootPath = path.join(dir, 'root.json');
  await writeFile(rootPath, repo.rootJson());
});
afterAll(async () => {
  await repo.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("a known instance's services from its signing config", () => {
  it('public-good signs into the Rekor v2 shard with a timestamp, as its signing config says', async () => {
    const instance = await currentServices(resolveInstance({ name: 'public-good' }), {
      env,
      log,
      source: throughTuf,
    });
    expect(instance).toEqual({
      name: 'public-good',
      fulcioUrl: 'https://fulcio.sigstore.dev',
      rekorUrl: 'https://log2025-1.rekor.sigstore.dev',
      rekorApiVersion: 2,
      tsaUrl: 'https://timestamp.sigstore.dev/api/v1/timestamp',
      publicLog: true,
    });
    expect(repo.requests.some((p) => p.endsWith('signing_config.v0.2.json'))).toBe(true);
  });

  it('falls back to the built-in services, saying why, when the repository cannot be read', async () => {
    warnings.length = 0;
    const builtIn = resolveInstance({ name: 'public-good' });
    const instance = await currentServices(builtIn, {
      env,
      log,
      source: () => Promise.reject(new Error('getaddrinfo ENOTFOUND tuf-repo-cdn.sigstore.dev')),
    });
    expect(instance).toEqual(builtIn);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^Could not read the public-good signing config through TUF \(https:\/\/tuf-repo-cdn\.sigstore\.dev\/signing_config\.v0\.2\.json: getaddrinfo ENOTFOUND .*\); signing with the built-in services \(Fulcio https:\/\/fulcio\.sigstore\.dev, Rekor https:\/\/rekor\.sigstore\.dev\)\.$/,
      ),
    ]);
  });

  it('refuses a config it cannot satisfy instead of signing weaker than asked', async () => {
    const v2Only = { ...PUBLIC_GOOD_SHAPE, tsaUrls: [], rekorTlogUrls: [PUBLIC_GOOD_SHAPE.rekorTlogUrls[0]] };
    await expect(
      currentServices(resolveInstance({ name: 'staging' }), {
        env,
        log,
        source: () => Promise.resolve(JSON.stringify(v2Only)),
      }),
    ).rejects.toMatchObject({ code: 'SIGSTORE_CONFIG_INVALID' });
  });

  it("leaves GitHub's instance and custom instances as they are", async () => {
    const never = () => Promise.reject(new Error('not to be called'));
    for (const given of [
      resolveInstance({ name: 'github' }),
      resolveInstance({
        fulcioUrl: 'http://127.0.0.1:1',
        tsaUrl: 'http://127.0.0.1:2',
        trustedRootPath: '/x',
      }),
    ])
      expect(await currentServices(given, { env, log, source: never })).toBe(given);
  });
});
