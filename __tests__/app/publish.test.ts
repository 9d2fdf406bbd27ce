import { describe, expect, it } from '@jest/globals';
import type { PublishPorts, ReleaseInfo } from '../../src/app/ports.js';
import { planPublish, type PlanRequest } from '../../src/app/publish-plan.js';
import { publishBundles, wantsAttestationStore, type PublishRequest } from '../../src/app/publish.js';
import { ProvenantError } from '../../src/core/errors.js';
import { recordingLog } from './fakes.js';

const RELEASE: ReleaseInfo = {
  id: 7,
  tag: 'v1',
  name: 'v1',
  draft: true,
  immutable: false,
  uploadUrl: 'http://127.0.0.1:1/upload',
  htmlUrl: 'https://github.com/acme/widget/releases/tag/v1',
};

type Request = PublishRequest & Pick<PlanRequest, 'attachToRelease'>;

function request(overrides: Partial<Request> = {}): Request {
  return {
    bundles: [{ path: '/out/p.sigstore.json', assetName: 'p.sigstore.json' }],
    bundleDirectory: '/out',
    artifactName: 'provenance-bundles',
    releaseTag: 'v1',
    attachToRelease: 'auto',
    overwrite: false,
    attestationStore: 'auto',
    requireAttestationStore: false,
    repositoryVisibility: 'public',
    ...overrides,
  };
}

function ports(options: { release?: ReleaseInfo | undefined; storeFails?: boolean } = {}) {
  const calls: string[] = [];
  const p: PublishPorts = {
    readFile: () =>
      Promise.resolve(Buffer.from('{"mediaType":"m","verificationMaterial":{},"dsseEnvelope":{}}')),
    uploadArtifact: (name) => {
      calls.push(`artifact ${name}`);
      return Promise.resolve({ id: 1, name, size: 10, digest: undefined });
    },
    findRelease: (tag) => {
      calls.push(`find ${tag}`);
      return Promise.resolve('release' in options ? options.release : RELEASE);
    },
    listAssets: (release) => {
      calls.push(`list ${release.tag}`);
      return Promise.resolve([]);
    },
    limits: () => ({ quota: undefined, maxAssetsPerRelease: 1000, msPerWrite: 0 }),
    attach: (release, upload, o) => {
      calls.push(`attach ${upload.name} to ${release.tag}${o.overwrite ? ' (overwrite)' : ''}`);
      return Promise.resolve({
        action: 'uploaded',
        asset: {
          id: 3,
          name: upload.name,
          size: upload.data.length,
          contentType: upload.contentType,
          sha256: undefined,
          state: 'uploaded',
          apiUrl: 'http://127.0.0.1:1/a/3',
          browserDownloadUrl: `https://github.com/d/${upload.name}`,
        },
      });
    },
    storeAttestation: () => {
      calls.push('store');
      return options.storeFails
        ? Promise.reject(new ProvenantError('ATTESTATION_STORE_FAILED', 'the store said no'))
        : Promise.resolve({ id: 9, url: 'https://github.com/acme/widget/attestations/9' });
    },
    log: recordingLog(),
  };
  return { ports: p, calls };
}

/** Plans (before signing, as the action does), then publishes. */
async function planThenPublish(r: Request, p: PublishPorts) {
  const plan = await planPublish(
    {
      assetNames: r.bundles.map((b) => b.assetName),
      releaseTag: r.releaseTag,
      attachToRelease: r.attachToRelease,
      overwrite: r.overwrite,
      storeAttestations: wantsAttestationStore(r),
      budgetMs: 3_600_000,
      budgetInput: 'publish-timeout',
    },
    p,
  );
  return publishBundles(r, plan, p);
}

describe('wantsAttestationStore', () => {
  it.each([
    ['auto', 'public', true],
    ['auto', 'private', false],
    ['auto', 'internal', false],
    ['auto', undefined, false],
    ['true', 'private', true],
    ['false', 'public', false],
  ] as const)('attestation-store %s with a %s repository: %s', (store, visibility, wanted) => {
    expect(wantsAttestationStore({ attestationStore: store, repositoryVisibility: visibility })).toBe(wanted);
  });
});

describe('publishBundles', () => {
  const cases: {
    name: string;
    request: Partial<Request>;
    release?: ReleaseInfo | undefined;
    calls: string[];
    warnings?: RegExp[];
  }[] = [
    {
      name: 'artifact, then release, then store, in that order',
      request: {},
      calls: ['find v1', 'list v1', 'artifact provenance-bundles', 'attach p.sigstore.json to v1', 'store'],
    },
    {
      name: 'no artifact when none is named',
      request: { artifactName: undefined },
      calls: ['find v1', 'list v1', 'attach p.sigstore.json to v1', 'store'],
    },
    {
      name: 'never attaches with attach-to-release: false',
      request: { attachToRelease: 'false' },
      calls: ['artifact provenance-bundles', 'store'],
    },
    {
      name: 'no tag, auto: nothing attached, no error',
      request: { releaseTag: undefined },
      calls: ['artifact provenance-bundles', 'store'],
    },
    {
      name: 'a tag with no release, auto: a warning',
      request: {},
      release: undefined,
      calls: ['find v1', 'artifact provenance-bundles', 'store'],
      warnings: [/no release tagged "v1": bundles not attached/],
    },
    {
      name: 'overwrite is passed on',
      request: { overwrite: true, attestationStore: 'false' },
      calls: [
        'find v1',
        'list v1',
        'artifact provenance-bundles',
        'attach p.sigstore.json to v1 (overwrite)',
      ],
    },
    {
      name: 'private repository: no store by default',
      request: { repositoryVisibility: 'private' },
      calls: ['find v1', 'list v1', 'artifact provenance-bundles', 'attach p.sigstore.json to v1'],
    },
  ];

  it.each(cases)('$name', async (c) => {
    const f = ports('release' in c ? { release: c.release } : {});
    const result = await planThenPublish(request(c.request), f.ports);
    expect(f.calls).toEqual(c.calls);
    expect(result.warnings).toEqual((c.warnings ?? []).map((w) => expect.stringMatching(w)));
  });

  it('reports what it published', async () => {
    const result = await planThenPublish(request(), ports().ports);
    expect(result.artifact?.name).toBe('provenance-bundles');
    expect(result.releaseAssets).toEqual([
      { name: 'p.sigstore.json', url: 'https://github.com/d/p.sigstore.json', action: 'uploaded' },
    ]);
    expect(result.attestations).toEqual([{ id: 9, url: 'https://github.com/acme/widget/attestations/9' }]);
  });

  it('attach-to-release: true without a tag is a usage error', async () => {
    await expect(
      planThenPublish(request({ attachToRelease: 'true', releaseTag: undefined }), ports().ports),
    ).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      exitCode: 2,
    });
  });

  it('attach-to-release: true with no such release fails before anything is signed', async () => {
    const f = ports({ release: undefined });
    await expect(planThenPublish(request({ attachToRelease: 'true' }), f.ports)).rejects.toMatchObject({
      code: 'RELEASE_NOT_FOUND',
      message: expect.stringContaining('nothing was signed'),
    });
    expect(f.calls).toEqual(['find v1']);
  });

  it('a store failure is a warning, unless the store is required', async () => {
    const soft = await planThenPublish(request(), ports({ storeFails: true }).ports);
    expect(soft.warnings).toEqual(['attestation store: the store said no (the bundle is kept)']);
    await expect(
      planThenPublish(request({ requireAttestationStore: true }), ports({ storeFails: true }).ports),
    ).rejects.toMatchObject({ code: 'ATTESTATION_STORE_FAILED' });
  });
});
