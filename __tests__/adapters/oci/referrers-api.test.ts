import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { registryPort } from '../../../src/adapters/oci/registry.js';
import { SIGSTORE_BUNDLE_V03 } from '../../../src/core/oci/manifest.js';
import { parseImageReference } from '../../../src/core/oci/reference.js';
import { buildImage, pushImage, removeImage, type BuiltImage } from '../../../test-support/oci/images.js';
import { startRegistryEmulator, type RegistryEmulator } from '../../../test-support/oci/registry-emulator.js';

const user = { username: 'pusher', password: 'emulator-password-123' };
let image: BuiltImage;
let home: string;
const running: RegistryEmulator[] = [];

beforeAll(async () => {
  image = await buildImage('referrers');
  home = await mkdtemp(path.join(tmpdir(), 'provenant-emulator-'));
});
afterAll(async () => {
  await removeImage(image);
  await rm(home, { recursive: true, force: true });
});
afterEach(async () => {
  // Every exchange, skopeo's and Provenant's, kept to the distribution-spec's rules.
  for (const e of running.splice(0)) {
    expect(e.violations).toEqual([]);
    await e.stop();
  }
});

async function emulator(options: Parameters<typeof startRegistryEmulator>[0]) {
  const e = await startRegistryEmulator(options);
  running.push(e);
  const digest = await pushImage(image, `${e.host}/app:v1`, options?.auth);
  return { e, digest };
}

const port = (credentials?: { username: string; password: string }) =>
  registryPort({
    env: { DOCKER_CONFIG: path.join(home, 'none') },
    settleMs: 20,
    backoffUnitMs: 10,
    log: { warn: () => {} },
    ...(credentials ? { credentials } : {}),
  });
const bundle = (n: number) => JSON.stringify({ mediaType: SIGSTORE_BUNDLE_V03, n });

describe('a registry with the referrers API (the emulator, spec-checked)', () => {
  it('attaches through the API (no sha256-<hex> tag) and reads back by predicate type, with bearer tokens', async () => {
    const { e, digest } = await emulator({ auth: user });
    const p = port(user);
    const ref = parseImageReference(`${e.host}/app:v1`, 'test');
    const resolved = await p.resolve(ref);
    expect(resolved.descriptor.digest).toBe(digest);
    const a = await p.attach(resolved, { json: bundle(1), predicateType: 'https://slsa.dev/provenance/v1' });
    const b = await p.attach(resolved, { json: bundle(2), predicateType: 'https://cyclonedx.org/bom' });
    expect([a.via, b.via]).toEqual(['referrers-api', 'referrers-api']);
    expect(e.tags('app')).toEqual(['v1']);
    const slsa = await port().bundles(resolved, 'https://slsa.dev/provenance/v1');
    expect(slsa.map((x) => [x.referrer, JSON.parse(x.json).n])).toEqual([[a.digest, 1]]);
    expect(e.requests).toContain(`GET /v2/app/referrers/${digest}`);
    expect(e.requests).toContain('GET /token');
  });

  it('pulls anonymously but refuses to push without credentials, saying what to give', async () => {
    const { e } = await emulator({ auth: user });
    const p = port();
    const resolved = await p.resolve(parseImageReference(`${e.host}/app:v1`, 'test'));
    await expect(p.attach(resolved, { json: bundle(3), predicateType: 'x:y' })).rejects.toMatchObject({
      code: 'REGISTRY_AUTH_FAILED',
      message: expect.stringContaining('registry-username'),
    });
  });
});

describe('a registry answering 406 on /referrers/', () => {
  it('is treated as having no referrers API: the tag schema is written and read', async () => {
    const { e, digest } = await emulator({ referrers: '406' });
    const p = port();
    const resolved = await p.resolve(parseImageReference(`${e.host}/app:v1`, 'test'));
    expect(await p.bundles(resolved, undefined)).toEqual([]);
    const a = await p.attach(resolved, { json: bundle(4), predicateType: 'x:y' });
    expect(a.via).toBe('tag-schema');
    expect(e.tags('app')).toEqual(['v1', digest.replace(':', '-')]);
    expect((await p.bundles(resolved, 'x:y')).map((x) => x.referrer)).toEqual([a.digest]);
  });
});
