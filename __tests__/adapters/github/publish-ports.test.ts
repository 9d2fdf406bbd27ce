import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { githubPublishPorts } from '../../../src/adapters/github/publish-ports.js';
import { planPublish } from '../../../src/app/publish-plan.js';
import { publishBundles, type PublishRequest } from '../../../src/app/publish.js';
import type { GitHubEmulator } from '../../../test-support/github-emulator/index.js';
import { REPO, client, emulator, failure } from './fixtures.js';

const statement = {
  _type: 'https://in-toto.io/Statement/v1',
  subject: [{ name: 'w', digest: { sha256: 'c'.repeat(64) } }],
};
const bundle = JSON.stringify({
  mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
  verificationMaterial: {},
  dsseEnvelope: {
    payload: Buffer.from(JSON.stringify(statement)).toString('base64'),
    payloadType: 'application/vnd.in-toto+json',
    signatures: [],
  },
});

let em: GitHubEmulator;
let dir: string;
const saved = { ...process.env };
let run = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'provenant-pub-'));
  await writeFile(join(dir, 'widget.sigstore.json'), bundle);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  em = await emulator();
  Object.assign(process.env, em.env);
});
afterEach(async () => {
  expect(em.violations).toEqual([]);
  process.env = { ...saved };
  await em.stop();
});

type Request = PublishRequest & { attachToRelease: 'auto' | 'true' | 'false' };

function request(overrides: Partial<Request> = {}): Request {
  run += 1;
  return {
    bundles: [{ path: join(dir, 'widget.sigstore.json'), assetName: 'widget.sigstore.json' }],
    bundleDirectory: dir,
    artifactName: `provenance-${run}`,
    releaseTag: 'v1.0.0',
    attachToRelease: 'auto',
    overwrite: false,
    attestationStore: 'true',
    repositoryVisibility: 'public',
    requireAttestationStore: false,
    ...overrides,
  };
}

const warnings: string[] = [];
const ports = () =>
  githubPublishPorts(
    client(em),
    REPO,
    { serverUrl: 'https://github.com', msPerWrite: 0 },
    { info: () => undefined, warn: (m) => warnings.push(m) },
  );

async function publish(r: Request) {
  const p = ports();
  const plan = await planPublish(
    {
      assetNames: r.bundles.map((b) => b.assetName),
      releaseTag: r.releaseTag,
      attachToRelease: r.attachToRelease,
      overwrite: r.overwrite,
      storeAttestations: r.attestationStore === 'true',
      budgetMs: 3_600_000,
      budgetInput: 'publish-timeout',
    },
    p,
  );
  return publishBundles(r, plan, p);
}

describe('publishBundles against the emulator', () => {
  it('uploads the artifact, attaches to the draft and stores the attestation', async () => {
    const r = em.addRelease('acme/widget', { tag: 'v1.0.0', draft: true });
    const result = await publish(request());
    expect(result.artifact?.id).toBe(em.artifacts()[0]?.id);
    expect(result.releaseAssets).toEqual([
      expect.objectContaining({ name: 'widget.sigstore.json', action: 'uploaded' }),
    ]);
    expect(em.assets(r.id)[0]?.bytes.toString()).toBe(bundle);
    expect(result.attestations).toHaveLength(1);
    expect(result.warnings).toEqual([]);
  });

  it('on an immutable release: fails with the fix, the artifact is already uploaded, the release untouched', async () => {
    const r = em.addRelease('acme/widget', { tag: 'v1.0.0', immutable: true });
    const err = await failure(publish(request()));
    expect(err.code).toBe('RELEASE_IMMUTABLE');
    expect(em.artifacts()).toHaveLength(1);
    expect(em.assets(r.id)).toEqual([]);
    expect(em.attestations()).toEqual([]);
  });

  it('a store failure is a warning with everything else done, unless the store is required', async () => {
    em.addRelease('acme/widget', { tag: 'v1.0.0', draft: true });
    em.permissions.attestations = 'none';
    const result = await publish(request());
    expect(result.releaseAssets).toHaveLength(1);
    expect(result.warnings[0]).toContain('attestations: write');
    const err = await failure(publish(request({ requireAttestationStore: true })));
    expect(err.code).toBe('GITHUB_PERMISSION_MISSING');
  });

  it('auto skips a missing release with a warning; true makes it an error', async () => {
    const result = await publish(request({ attestationStore: 'false' }));
    expect(result.warnings[0]).toContain('not attached');
    const err = await failure(publish(request({ attachToRelease: 'true' })));
    expect(err.code).toBe('RELEASE_NOT_FOUND');
    expect(err.message).toContain('nothing was signed');
  });
});
