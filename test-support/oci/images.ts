/**
 * Tiny container images built by hand as an OCI image layout (one layer: a tar with one file), and pushed into a
 * registry with Debian's skopeo, the way a release job's build step would leave them.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { requireProgram } from './docker-registry.js';

const run = promisify(execFile);

interface Blob {
  mediaType: string;
  digest: string;
  size: number;
}

/** A one-file ustar archive: the smallest layer a registry and skopeo accept as an image's. */
function tarOf(name: string, content: string): Buffer {
  const data = Buffer.from(content);
  const header = Buffer.alloc(512);
  header.write(name, 0);
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write('00000000000\0', 136);
  header.write('        ', 148);
  header.write('0', 156);
  header.write('ustar\u000000', 257);
  let sum = 0;
  for (const b of header) sum += b;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  const padding = Buffer.alloc((512 - (data.length % 512)) % 512);
  return Buffer.concat([header, data, padding, Buffer.alloc(1024)]);
}

async function putBlob(layout: string, mediaType: string, bytes: Buffer): Promise<Blob> {
  const hex = createHash('sha256').update(bytes).digest('hex');
  await writeFile(path.join(layout, 'blobs', 'sha256', hex), bytes);
  return { mediaType, digest: `sha256:${hex}`, size: bytes.length };
}

async function imageManifest(
  layout: string,
  content: string,
  platform: { os: string; architecture: string },
): Promise<Blob> {
  const layer = await putBlob(layout, 'application/vnd.oci.image.layer.v1.tar', tarOf('hello.txt', content));
  const config = await putBlob(
    layout,
    'application/vnd.oci.image.config.v1+json',
    Buffer.from(
      JSON.stringify({ ...platform, rootfs: { type: 'layers', diff_ids: [layer.digest] }, config: {} }),
    ),
  );
  const manifest = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config,
    layers: [layer],
  };
  return putBlob(layout, manifest.mediaType, Buffer.from(JSON.stringify(manifest)));
}

export interface BuiltImage {
  /** The layout directory skopeo copies from (`oci:DIR:TAG`). */
  layout: string;
  tag: string;
  /** The platforms of a multi-platform image, in order. */
  platforms: string[];
}

/** An image (or, with several platforms, an index of one image per platform) in a fresh OCI layout. */
export async function buildImage(
  content: string,
  platforms: string[] = ['linux/amd64'],
): Promise<BuiltImage> {
  const layout = await mkdtemp(path.join(tmpdir(), 'provenant-layout-'));
  await mkdir(path.join(layout, 'blobs', 'sha256'), { recursive: true });
  await writeFile(path.join(layout, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  const manifests = [];
  for (const p of platforms) {
    const [os, architecture] = p.split('/') as [string, string];
    manifests.push({
      ...(await imageManifest(layout, `${content} ${p}`, { os, architecture })),
      platform: { os, architecture },
    });
  }
  const tag = 'latest';
  let top: Blob & { platform?: unknown };
  if (platforms.length === 1) top = manifests[0]!;
  else {
    const index = { schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests };
    top = await putBlob(layout, index.mediaType, Buffer.from(JSON.stringify(index)));
  }
  const { platform: _platform, ...descriptor } = top;
  const outer = {
    schemaVersion: 2,
    manifests: [{ ...descriptor, annotations: { 'org.opencontainers.image.ref.name': tag } }],
  };
  await writeFile(path.join(layout, 'index.json'), JSON.stringify(outer));
  return { layout, tag, platforms };
}

/** Pushes a built image with skopeo and returns the digest the registry now has for it. */
export async function pushImage(
  image: BuiltImage,
  destination: string,
  credentials?: { username: string; password: string },
): Promise<string> {
  requireProgram('skopeo', 'skopeo');
  const digestFile = path.join(image.layout, 'pushed-digest');
  await run('skopeo', [
    'copy',
    '--quiet',
    '--dest-tls-verify=false',
    '--preserve-digests',
    ...(image.platforms.length > 1 ? ['--all'] : []),
    ...(credentials ? ['--dest-creds', `${credentials.username}:${credentials.password}`] : []),
    '--digestfile',
    digestFile,
    `oci:${image.layout}:${image.tag}`,
    `docker://${destination}`,
  ]);
  return (await readFile(digestFile, 'utf8')).trim();
}

export async function removeImage(image: BuiltImage): Promise<void> {
  await rm(image.layout, { recursive: true, force: true });
}
