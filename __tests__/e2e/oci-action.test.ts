import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot, runAction, runCliProcess } from '../../test-support/action-runner.js';
import { startDockerRegistry, type DockerRegistry } from '../../test-support/oci/docker-registry.js';
import { buildImage, pushImage, removeImage, type BuiltImage } from '../../test-support/oci/images.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';

const user = { username: 'ci-bot', password: 'registry-secret-0123456789' };
let stack: SigstoreStack;
let registry: DockerRegistry;
let ws: string;
const built: BuiltImage[] = [];
const images = ['api', 'web', 'worker'];

const CYCLONEDX = { bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components: [] };

beforeAll(async () => {
  [stack, registry] = await Promise.all([startSigstoreStack(), startDockerRegistry({ auth: user })]);
  ws = await mkdtemp(path.join(tmpdir(), 'provenant-oci-action-'));
  for (const name of images) {
    const image = await buildImage(name);
    built.push(image);
    await pushImage(image, `${registry.host}/${name}:v2`, user);
  }
  await writeFile(path.join(ws, 'bom.json'), JSON.stringify(CYCLONEDX));
});
afterAll(async () => {
  await Promise.all([stack?.stop(), registry?.stop(), ...built.map(removeImage)]);
  if (ws) await rm(ws, { recursive: true, force: true });
});

const custom = () => ({
  sigstore: 'custom',
  'fulcio-url': stack.urls.fulcio,
  'rekor-url': stack.urls.rekor,
  'trusted-root': stack.trustedRootPath,
});
const noDocker = () => ({ DOCKER_CONFIG: path.join(ws, 'no-docker') });

describe('the action attests images in a registry behind htpasswd, and the verify action checks them', () => {
  let signed: Awaited<ReturnType<typeof runAction>>;

  beforeAll(async () => {
    signed = await runAction({
      workspace: ws,
      inputs: {
        'subject-oci': images.map((n) => `${registry.host}/${n}:v2`).join('\n'),
        'registry-username': user.username,
        'registry-password': user.password,
        'sbom-path': 'bom.json',
        'github-token': '',
        ...custom(),
      },
      env: { ...stack.env, ...noDocker() },
    });
  });

  it('signs provenance and the SBOM once for the three images and attaches both bundles to each', () => {
    expect(signed.stderr).toBe('');
    expect(signed.code).toBe(0);
    const referrers = JSON.parse(signed.outputs['oci-referrers']!);
    expect(referrers).toHaveLength(6);
    expect(referrers.map((r: any) => r.bundle).sort()).toEqual([
      ...Array(3).fill('provenance.sbom.sigstore.json'),
      ...Array(3).fill('provenance.sigstore.json'),
    ]);
    expect(new Set(referrers.map((r: any) => r.image.split('@')[0]))).toEqual(
      new Set(images.map((n) => `${registry.host}/${n}:v2`)),
    );
    expect(JSON.parse(signed.outputs['bundle-paths']!).map((p: string) => path.basename(p))).toEqual([
      'provenance.sigstore.json',
      'provenance.sbom.sigstore.json',
    ]);
    expect(signed.stdout).toContain(`::add-mask::${user.password}`);
    expect(signed.everything.split(`::add-mask::${user.password}`).join('')).not.toContain(user.password);
  });

  const verifyAction = (inputs: Record<string, string>) =>
    runAction({
      workspace: ws,
      entry: path.join(repoRoot, 'dist', 'verify.js'),
      inputs: {
        artifacts: images.map((n) => `oci://${registry.host}/${n}:v2`).join('\n'),
        repo: 'octo-org/octo-repo',
        'trusted-root': stack.trustedRootPath,
        'registry-username': user.username,
        'registry-password': user.password,
        ...inputs,
      },
      env: noDocker(),
    });

  it('the verify action verifies each image from oci://, and the SBOM by its predicate type', async () => {
    const provenance = await verifyAction({});
    expect(provenance.code).toBe(0);
    expect(provenance.outputs.verified).toBe('true');
    const results = JSON.parse(provenance.outputs.results!);
    expect(results.map((r: any) => [r.artifact, r.verified])).toEqual(
      images.map((n) => [`oci://${registry.host}/${n}:v2`, true]),
    );
    const sbom = await verifyAction({ 'predicate-type': 'https://cyclonedx.org/bom' });
    expect(sbom.code).toBe(0);
    expect(
      JSON.parse(sbom.outputs.results!).every((r: any) => r.predicateType === 'https://cyclonedx.org/bom'),
    ).toBe(true);
    expect(sbom.everything.split(`::add-mask::${user.password}`).join('')).not.toContain(user.password);
  });

  it('the verify action fails, naming the image, when the registry refuses the credentials', async () => {
    const run = await verifyAction({ 'registry-password': 'wrong-password-0123456789' });
    expect(run.code).toBe(1);
    expect(run.outputs.verified).toBe('false');
    expect(JSON.parse(run.outputs.results!)[0].code).toBe('REGISTRY_AUTH_FAILED');
  });

  it('provenant verify takes the registry credentials from $DOCKER_CONFIG/config.json', async () => {
    const dir = path.join(ws, 'docker');
    await mkdir(dir, { recursive: true });
    const auth = Buffer.from(`${user.username}:${user.password}`).toString('base64');
    await writeFile(path.join(dir, 'config.json'), JSON.stringify({ auths: { [registry.host]: { auth } } }));
    const r = await runCliProcess(
      [
        'verify',
        `oci://${registry.host}/worker:v2`,
        '--repo',
        'octo-org/octo-repo',
        '--trusted-root',
        stack.trustedRootPath,
      ],
      { cwd: ws, env: { DOCKER_CONFIG: dir } },
    );
    expect(r.stdout).toContain('VERIFIED');
    expect(r.code).toBe(0);
  });
});
