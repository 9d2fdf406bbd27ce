import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { registryPort } from '../../../src/adapters/oci/registry.js';
import { readTagIndex } from '../../../src/adapters/oci/tag-index.js';
import { RegistryClient } from '../../../src/adapters/oci/client.js';
import { parseImageReference } from '../../../src/core/oci/reference.js';
import { SIGSTORE_BUNDLE_V03 } from '../../../src/core/oci/manifest.js';
import { startBarrierProxy } from '../../../test-support/oci/barrier-proxy.js';
import { startDockerRegistry, type DockerRegistry } from '../../../test-support/oci/docker-registry.js';
import { buildImage, pushImage, removeImage, type BuiltImage } from '../../../test-support/oci/images.js';

const user = { username: 'releaser', password: 'correct horse battery staple' };
let open: DockerRegistry;
let locked: DockerRegistry;
let single: BuiltImage;
let multi: BuiltImage;
let home: string;
let singleDigest: string;
let multiDigest: string;

const fakeBundle = (n: number) => JSON.stringify({ mediaType: SIGSTORE_BUNDLE_V03, n });
const quiet = { warn: () => {} };

beforeAll(async () => {
  [open, locked] = await Promise.all([startDockerRegistry(), startDockerRegistry({ auth: user })]);
  single = await buildImage('one');
  multi = await buildImage('two', ['linux/amd64', 'linux/arm64']);
  singleDigest = await pushImage(single, `${open.host}/app:v1`);
  multiDigest = await pushImage(multi, `${open.host}/multi:v1`);
  await pushImage(single, `${locked.host}/app:v1`, user);
  home = await mkdtemp(path.join(tmpdir(), 'provenant-docker-home-'));
});
afterAll(async () => {
  await Promise.all([open?.stop(), locked?.stop()]);
  await Promise.all([
    single && removeImage(single),
    multi && removeImage(multi),
    home && rm(home, { recursive: true, force: true }),
  ]);
});

const port = (env: Record<string, string> = { DOCKER_CONFIG: path.join(home, 'none') }, extra = {}) =>
  registryPort({ env, settleMs: 50, backoffUnitMs: 10, log: quiet, ...extra });

describe('the registry client against Debian docker-registry 2.8 (no referrers API)', () => {
  it('resolves a tag to the digest skopeo pushed, and a digest to itself', async () => {
    const byTag = await port().resolve(parseImageReference(`${open.host}/app:v1`, 'test'));
    expect(byTag.descriptor.digest).toBe(singleDigest);
    expect(byTag.descriptor.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    expect(byTag.platforms).toBeUndefined();
    const byDigest = await port().resolve(parseImageReference(`${open.host}/app@${singleDigest}`, 'test'));
    expect(byDigest.descriptor).toEqual(byTag.descriptor);
  });

  it('lists the platform images of a multi-platform index', async () => {
    const image = await port().resolve(parseImageReference(`${open.host}/multi:v1`, 'test'));
    expect(image.descriptor.digest).toBe(multiDigest);
    expect(image.descriptor.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(image.platforms!.map((p) => `${p.platform!.os}/${p.platform!.architecture}`)).toEqual([
      'linux/amd64',
      'linux/arm64',
    ]);
  });

  it('says clearly when an image is not there', async () => {
    await expect(port().resolve(parseImageReference(`${open.host}/app:nope`, 'test'))).rejects.toMatchObject({
      code: 'IMAGE_NOT_FOUND',
    });
  });

  it('attaches bundles through the sha256-<hex> tag and reads them back by predicate type', async () => {
    const p = port();
    const image = await p.resolve(parseImageReference(`${open.host}/app:v1`, 'test'));
    const a = await p.attach(image, { json: fakeBundle(1), predicateType: 'https://slsa.dev/provenance/v1' });
    const b = await p.attach(image, { json: fakeBundle(2), predicateType: 'https://spdx.dev/Document/v2.3' });
    expect(a.via).toBe('tag-schema');
    expect(b.via).toBe('tag-schema');
    const client = new RegistryClient(open.host, 'app');
    const { index } = await readTagIndex(client, image.descriptor.digest);
    expect(index.manifests.map((m) => m.digest)).toEqual(expect.arrayContaining([a.digest, b.digest]));
    const slsa = await p.bundles(image, 'https://slsa.dev/provenance/v1');
    expect(slsa.map((x) => JSON.parse(x.json).n)).toEqual([1]);
    const all = await p.bundles(image, undefined);
    expect(all.map((x) => JSON.parse(x.json).n).sort()).toEqual([1, 2]);
  });

  it('keeps both referrers when two writers read the same index before either writes', async () => {
    const proxy = await startBarrierProxy(open.host, {
      matches: (method, url) => method === 'GET' && url.includes('/manifests/sha256-'),
      count: 2,
    });
    try {
      const ref = parseImageReference(`${proxy.host}/multi:v1`, 'test');
      const [one, two] = [port(), port()];
      const [imageOne, imageTwo] = await Promise.all([one.resolve(ref), two.resolve(ref)]);
      const [a, b] = await Promise.all([
        one.attach(imageOne, { json: fakeBundle(10), predicateType: 'x:a' }),
        two.attach(imageTwo, { json: fakeBundle(11), predicateType: 'x:b' }),
      ]);
      expect(proxy.held()).toBe(2);
      const { index } = await readTagIndex(
        new RegistryClient(open.host, 'multi'),
        imageOne.descriptor.digest,
      );
      expect(index.manifests.map((m) => m.digest).sort()).toEqual([a.digest, b.digest].sort());
    } finally {
      await proxy.stop();
    }
  });
});

describe('credentials for a registry behind htpasswd', () => {
  const ref = () => parseImageReference(`${locked.host}/app:v1`, 'test');

  it('refuses without credentials, saying how to give them', async () => {
    await expect(port().resolve(ref())).rejects.toMatchObject({
      code: 'REGISTRY_AUTH_FAILED',
      message: expect.stringContaining('docker login'),
    });
  });

  it('takes them from $DOCKER_CONFIG/config.json as docker login writes them', async () => {
    const dir = path.join(home, 'docker');
    await rm(dir, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(dir, { recursive: true }));
    const auth = Buffer.from(`${user.username}:${user.password}`).toString('base64');
    await writeFile(path.join(dir, 'config.json'), JSON.stringify({ auths: { [locked.host]: { auth } } }));
    const p = port({ DOCKER_CONFIG: dir });
    const image = await p.resolve(ref());
    const attached = await p.attach(image, { json: fakeBundle(3), predicateType: 'x:y' });
    expect(attached.via).toBe('tag-schema');
  });

  it('takes explicit credentials, and names the user (never the password) when they are wrong', async () => {
    expect((await port(undefined, { credentials: user }).resolve(ref())).descriptor.digest).toMatch(
      /^sha256:/,
    );
    const wrong = port(undefined, { credentials: { username: 'releaser', password: 'not the password' } });
    const error = await wrong.resolve(ref()).catch((e: Error) => e);
    expect(error).toMatchObject({ code: 'REGISTRY_AUTH_FAILED' });
    expect((error as Error).message).toContain('releaser');
    expect((error as Error).message).not.toContain('not the password');
  });

  it('works with an anonymous registry although credentials for it exist', async () => {
    const image = await port(undefined, { credentials: user }).resolve(
      parseImageReference(`${open.host}/app:v1`, 'test'),
    );
    expect(image.descriptor.digest).toBe(singleDigest);
  });
});
