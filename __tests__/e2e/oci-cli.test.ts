import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCliProcess } from '../../test-support/action-runner.js';
import { startBarrierProxy } from '../../test-support/oci/barrier-proxy.js';
import { startDockerRegistry, type DockerRegistry } from '../../test-support/oci/docker-registry.js';
import { buildImage, pushImage, removeImage, type BuiltImage } from '../../test-support/oci/images.js';
import { startRegistryEmulator } from '../../test-support/oci/registry-emulator.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';

let stack: SigstoreStack;
let registry: DockerRegistry;
let ws: string;
const built: BuiltImage[] = [];
const digests: Record<string, string> = {};

const SPDX = {
  spdxVersion: 'SPDX-2.3',
  SPDXID: 'SPDXRef-DOCUMENT',
  name: 'app',
  dataLicense: 'CC0-1.0',
  documentNamespace: 'https://example.com/app',
  creationInfo: { created: '2026-01-01T00:00:00Z', creators: ['Tool: test'] },
  packages: [],
};

beforeAll(async () => {
  [stack, registry] = await Promise.all([startSigstoreStack(), startDockerRegistry()]);
  ws = await mkdtemp(path.join(tmpdir(), 'provenant-oci-cli-'));
  for (const [name, platforms] of [
    ['api', ['linux/amd64']],
    ['web', ['linux/amd64']],
    ['tool', ['linux/amd64', 'linux/arm64']],
  ] as const) {
    const image = await buildImage(name, [...platforms]);
    built.push(image);
    digests[name] = await pushImage(image, `${registry.host}/${name}:v1`);
  }
  await writeFile(path.join(ws, 'sbom.spdx.json'), JSON.stringify(SPDX));
});
afterAll(async () => {
  await Promise.all([stack?.stop(), registry?.stop(), ...built.map(removeImage)]);
  if (ws) await rm(ws, { recursive: true, force: true });
});

const env = () => ({ SIGSTORE_ID_TOKEN: stack.issueToken(), DOCKER_CONFIG: path.join(ws, 'no-docker') });
const instance = () => [
  '--fulcio-url',
  stack.urls.fulcio,
  '--rekor-url',
  stack.urls.rekor,
  '--trusted-root',
  stack.trustedRootPath,
];
const policy = () => ['--repo', 'octo-org/octo-repo', '--trusted-root', stack.trustedRootPath];
const verify = (target: string, extra: string[] = []) =>
  runCliProcess(['verify', target, ...policy(), '--format', 'json', ...extra], {
    cwd: ws,
    env: { DOCKER_CONFIG: path.join(ws, 'no-docker') },
  });
const sha256 = (bytes: Buffer | string) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

async function registryJson(
  repo: string,
  ref: string,
  accept: string,
): Promise<{ body: any; bytes: Buffer }> {
  const r = await fetch(`${registry.url}/v2/${repo}/manifests/${ref}`, { headers: { accept } });
  expect(r.status).toBe(200);
  const bytes = Buffer.from(await r.arrayBuffer());
  return { body: JSON.parse(bytes.toString()), bytes };
}

describe('provenant sign --oci and verify oci:// against Debian docker-registry 2.8', () => {
  let signed: any;
  const out = () => path.join(ws, 'out');

  beforeAll(async () => {
    const started = new Date();
    const r = await runCliProcess(
      [
        'sign',
        ...['api', 'web', 'tool'].flatMap((n) => ['--oci', `${registry.host}/${n}:v1`]),
        '--oci-platforms',
        '--sbom-path',
        'sbom.spdx.json',
        ...instance(),
        '--output-dir',
        out(),
        '--json',
        '--quiet',
      ],
      { cwd: ws, env: env() },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    signed = { ...JSON.parse(r.stdout), started };
  });

  it('signs the three images (and the two platform images) by digest, provenance and SBOM, bundles on disk', async () => {
    expect(signed.bundles.map((b: any) => path.basename(b.path))).toEqual([
      'provenance.sigstore.json',
      'provenance.sbom.sigstore.json',
    ]);
    expect(signed.bundles.map((b: any) => b.predicateType)).toEqual([
      'https://slsa.dev/provenance/v1',
      'https://spdx.dev/Document/v2.3',
    ]);
    const bundle = JSON.parse(await readFile(signed.bundles[0].path, 'utf8'));
    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString());
    const names = statement.subject.map((s: any) => s.name);
    expect(names).toEqual(
      expect.arrayContaining([
        `${registry.host}/api:v1`,
        `${registry.host}/web:v1`,
        `${registry.host}/tool:v1`,
      ]),
    );
    expect(statement.subject).toHaveLength(5);
    for (const n of ['api', 'web', 'tool']) {
      expect(statement.subject.find((s: any) => s.name === `${registry.host}/${n}:v1`).digest.sha256).toBe(
        digests[n]!.slice(7),
      );
    }
    // Five images, two bundles each.
    expect(signed.referrers).toHaveLength(10);
    expect(new Set(signed.referrers.map((r: any) => r.via))).toEqual(new Set(['tag-schema']));
  });

  it('pushed referrer manifests exactly in the layout cosign and gh read, decoded field by field', async () => {
    const onDisk = await readFile(signed.bundles[0].path);
    const image = await registryJson('api', 'v1', 'application/vnd.oci.image.manifest.v1+json');
    const tag = digests.api!.replace(':', '-');
    const { body: index } = await registryJson('api', tag, 'application/vnd.oci.image.index.v1+json');
    expect(index.schemaVersion).toBe(2);
    expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(index.manifests).toHaveLength(2);
    const entry = index.manifests.find(
      (m: any) => m.annotations['dev.sigstore.bundle.predicateType'] === 'https://slsa.dev/provenance/v1',
    );
    expect(Object.keys(entry).sort()).toEqual(['annotations', 'artifactType', 'digest', 'mediaType', 'size']);
    expect(entry.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    expect(entry.artifactType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');

    const { body: m, bytes } = await registryJson(
      'api',
      entry.digest,
      'application/vnd.oci.image.manifest.v1+json',
    );
    expect(sha256(bytes)).toBe(entry.digest);
    expect(entry.size).toBe(bytes.length);
    expect(Object.keys(m).sort()).toEqual([
      'annotations',
      'artifactType',
      'config',
      'layers',
      'mediaType',
      'schemaVersion',
      'subject',
    ]);
    expect(m.schemaVersion).toBe(2);
    expect(m.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    expect(m.artifactType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
    expect(m.config).toEqual({
      mediaType: 'application/vnd.oci.empty.v1+json',
      digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
      size: 2,
    });
    const config = await fetch(`${registry.url}/v2/api/blobs/${m.config.digest}`);
    expect(await config.text()).toBe('{}');
    expect(m.layers).toEqual([
      {
        mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
        digest: sha256(onDisk),
        size: onDisk.length,
      },
    ]);
    const layer = await fetch(`${registry.url}/v2/api/blobs/${m.layers[0].digest}`);
    expect(Buffer.from(await layer.arrayBuffer()).equals(onDisk)).toBe(true);
    expect(m.subject).toEqual({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: digests.api,
      size: image.bytes.length,
    });
    expect(Object.keys(m.annotations).sort()).toEqual([
      'dev.sigstore.bundle.content',
      'dev.sigstore.bundle.predicateType',
      'org.opencontainers.image.created',
    ]);
    expect(m.annotations['dev.sigstore.bundle.content']).toBe('dsse-envelope');
    expect(m.annotations['dev.sigstore.bundle.predicateType']).toBe('https://slsa.dev/provenance/v1');
    const created = Date.parse(m.annotations['org.opencontainers.image.created']);
    expect(created).toBeGreaterThanOrEqual(signed.started.getTime() - 1000);
    expect(created).toBeLessThanOrEqual(Date.now());
    expect(entry.annotations).toEqual(m.annotations);
  });

  it('verifies the three images from oci:// by tag and by digest, and a platform image by its own digest, in one run', async () => {
    const { body: index } = await registryJson('tool', 'v1', 'application/vnd.oci.image.index.v1+json');
    const arm = index.manifests.find((m: any) => m.platform.architecture === 'arm64').digest;
    const targets = ['api', 'web', 'tool'].flatMap((n) => [
      `oci://${registry.host}/${n}:v1`,
      `oci://${registry.host}/${n}@${digests[n]}`,
    ]);
    const r = await runCliProcess(
      ['verify', ...targets, `oci://${registry.host}/tool@${arm}`, ...policy(), '--format', 'json'],
      { cwd: ws, env: { DOCKER_CONFIG: path.join(ws, 'no-docker') } },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(
      report.artifacts.map((a: any) => [a.artifact, a.verified, a.predicateType, a.digest.sha256]),
    ).toEqual([
      ...targets.map((t) => [
        t,
        true,
        'https://slsa.dev/provenance/v1',
        digests[/\/(\w+)[:@]/.exec(t.slice(6))![1]!]!.slice(7),
      ]),
      [`oci://${registry.host}/tool@${arm}`, true, 'https://slsa.dev/provenance/v1', arm.slice(7)],
    ]);
  });

  it('verifies the SBOM by its predicate type, and refuses when the policy names another signer', async () => {
    const sbom = await verify(`oci://${registry.host}/web:v1`, [
      '--predicate-type',
      'https://spdx.dev/Document/v2.3',
    ]);
    expect(sbom.code).toBe(0);
    expect(JSON.parse(sbom.stdout).artifacts[0].predicateType).toBe('https://spdx.dev/Document/v2.3');
    const other = await runCliProcess(
      [
        'verify',
        `oci://${registry.host}/web:v1`,
        '--repo',
        'octo-org/other',
        '--trusted-root',
        stack.trustedRootPath,
      ],
      {
        cwd: ws,
        env: { DOCKER_CONFIG: path.join(ws, 'no-docker') },
      },
    );
    expect(other.code).toBe(1);
    expect(other.stdout).toContain('FAILED');
  });

  it('fails an image with no bundle of the asked predicate type, naming the referrers tag', async () => {
    const r = await verify(`oci://${registry.host}/api:v1`, [
      '--predicate-type',
      'https://cyclonedx.org/bom',
    ]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout).artifacts[0];
    expect(report.code).toBe('BUNDLE_NOT_FOUND');
    expect(report.failures[0].message).toContain(digests.api!.replace(':', '-'));
  });
});

describe('concurrent runs and refusals', () => {
  it('two runs attaching to one image at once leave both referrers', async () => {
    const image = await buildImage('shared');
    built.push(image);
    const digest = await pushImage(image, `${registry.host}/shared:v1`);
    const proxy = await startBarrierProxy(registry.host, {
      matches: (method, url) => method === 'GET' && url.includes('/manifests/sha256-'),
      count: 2,
    });
    try {
      const run = (n: number) =>
        runCliProcess(
          [
            'sign',
            '--oci',
            `${proxy.host}/shared:v1`,
            ...instance(),
            '--output-dir',
            path.join(ws, `c${n}`),
            '--json',
            '--quiet',
          ],
          {
            cwd: ws,
            env: env(),
          },
        );
      const [a, b] = await Promise.all([run(1), run(2)]);
      expect([a.code, b.code, a.stderr, b.stderr]).toEqual([0, 0, '', '']);
      expect(proxy.held()).toBe(2);
      const ours = [a, b].map((r) => JSON.parse(r.stdout).referrers[0].digest).sort();
      const { body: index } = await registryJson(
        'shared',
        digest.replace(':', '-'),
        'application/vnd.oci.image.index.v1+json',
      );
      expect(index.manifests.map((m: any) => m.digest).sort()).toEqual(ours);
    } finally {
      await proxy.stop();
    }
  });

  it('refuses an SBOM over 16 MiB before signing, with the limit in the message', async () => {
    const big = path.join(ws, 'big.spdx.json');
    await writeFile(big, JSON.stringify({ ...SPDX, padding: 'x'.repeat(16 * 1024 * 1024) }));
    const out = path.join(ws, 'out-big');
    const r = await runCliProcess(
      ['sign', '--oci', `${registry.host}/api:v1`, '--sbom-path', big, ...instance(), '--output-dir', out],
      {
        cwd: ws,
        env: env(),
      },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[PREDICATE_TOO_LARGE]');
    expect(r.stderr).toContain('16777216 bytes (16 MiB');
    expect(await readdir(out).catch(() => [])).toEqual([]);
  });
});

describe('against a registry with the referrers API (the spec-checked emulator, bearer tokens)', () => {
  it('signs with credentials from $DOCKER_CONFIG, attaches through the API, and verifies from oci://', async () => {
    const auth = { username: 'pusher', password: 'emulator-password-123' };
    const emulator = await startRegistryEmulator({ auth });
    try {
      const image = await buildImage('api-path');
      built.push(image);
      const digest = await pushImage(image, `${emulator.host}/svc:v3`, auth);
      const docker = path.join(ws, 'docker-emulator');
      await mkdir(docker, { recursive: true });
      const encoded = Buffer.from(`${auth.username}:${auth.password}`).toString('base64');
      await writeFile(
        path.join(docker, 'config.json'),
        JSON.stringify({ auths: { [emulator.host]: { auth: encoded } } }),
      );
      const r = await runCliProcess(
        [
          'sign',
          '--oci',
          `${emulator.host}/svc:v3`,
          ...instance(),
          '--output-dir',
          path.join(ws, 'out-api'),
          '--json',
          '--quiet',
        ],
        { cwd: ws, env: { ...env(), DOCKER_CONFIG: docker } },
      );
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).referrers).toEqual([
        expect.objectContaining({ via: 'referrers-api', bundle: 'provenance.sigstore.json' }),
      ]);
      expect(emulator.tags('svc')).toEqual(['v3']);
      // Pulls are anonymous on this registry, as on a public ghcr.io package.
      const v = await verify(`oci://${emulator.host}/svc@${digest}`);
      expect(v.code).toBe(0);
      expect(emulator.requests).toContain(`GET /v2/svc/referrers/${digest}`);
      expect(emulator.violations).toEqual([]);
    } finally {
      await emulator.stop();
    }
  });
});
