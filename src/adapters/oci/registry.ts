/**
 * The registry port over the distribution API: images resolved (digest checked against the bytes), bundles pushed
 * as referrer manifests through the referrers API where the registry has it and the tag schema where it does not,
 * and bundles read back the same two ways.
 */
import { ProvenantError } from '../../core/errors.js';
import {
  bundleReferrers,
  EMPTY_CONFIG,
  INDEX_MEDIA_TYPES,
  MANIFEST_MEDIA_TYPES,
  OCI_INDEX,
  OCI_MANIFEST,
  parseIndex,
  platformManifests,
  referrerDescriptor,
  referrerManifest,
  SIGSTORE_BUNDLE_V03,
  type ImageIndex,
} from '../../core/oci/manifest.js';
import { formatImageReference, manifestReference, type ImageReference } from '../../core/oci/reference.js';
import type { AttachedReferrer, PulledBundle, RegistryPort, ResolvedImage } from '../../app/oci-ports.js';
import { RegistryClient, sha256Digest, type ClientOptions } from './client.js';
import { credentialsFor, type RegistryCredentials } from './credentials.js';
import { addToTagIndex, readTagIndex, type TagIndexOptions } from './tag-index.js';

/** Bundles are small; a referrer's layer past this is not one of ours, and is not read. */
const MAX_BUNDLE_BYTES = 32 * 1024 * 1024;
const ZERO_DIGEST = `sha256:${'0'.repeat(64)}`;

export interface RegistryOptions
  extends Omit<ClientOptions, 'credentials'>, Pick<TagIndexOptions, 'settleMs'> {
  env: Record<string, string | undefined>;
  /** registry-username / registry-password: used for every registry, in place of docker's config. */
  credentials?: RegistryCredentials;
  /** The creation time the referrer manifests record (default: now). */
  now?: () => Date;
}

export function registryPort(given: RegistryOptions): RegistryPort {
  // Tests only, as for GitHub: PROVENANT_RETRY_UNIT_MS shortens the backoff so fault runs end in seconds.
  const unit = Number(given.env.PROVENANT_RETRY_UNIT_MS ?? '');
  const options: RegistryOptions =
    given.backoffUnitMs === undefined && unit > 0 ? { ...given, backoffUnitMs: unit } : given;
  const clients = new Map<string, Promise<RegistryClient>>();
  const pings = new Map<string, Promise<boolean>>();
  const client = (ref: ImageReference) => {
    const key = `${ref.registry}/${ref.repository}`;
    let hit = clients.get(key);
    if (!hit) {
      hit = credentialsFor(ref.registry, {
        env: options.env,
        ...(options.credentials ? { explicit: options.credentials } : {}),
      }).then(
        (credentials) =>
          new RegistryClient(ref.registry, ref.repository, {
            ...options,
            ...(credentials ? { credentials } : {}),
          }),
      );
      clients.set(key, hit);
    }
    return hit;
  };
  // A registry may take a manifest's subject without listing it (ECR answers OCI-Subject but has no referrers API):
  // only a 200 on the zero digest proves the API, as @sigstore/oci checks.
  const hasReferrersApi = (c: RegistryClient) => {
    const key = `${c.registry}/${c.repository}`;
    let hit = pings.get(key);
    if (!hit) {
      hit = c
        .send('GET', `/referrers/${ZERO_DIGEST}`, { headers: { accept: OCI_INDEX } })
        .then((a) => a.status === 200);
      pings.set(key, hit);
    }
    return hit;
  };
  return {
    resolve: async (reference) => resolveImage(await client(reference), reference),
    attach: async (image, bundle) =>
      attach(await client(image.reference), image, bundle, { ...options, hasReferrersApi }),
    bundles: async (image, predicateType) => pullBundles(await client(image.reference), image, predicateType),
  };
}

async function resolveImage(c: RegistryClient, reference: ImageReference): Promise<ResolvedImage> {
  const ref = manifestReference(reference);
  const answer = await c.send('GET', `/manifests/${ref}`, {
    headers: { accept: MANIFEST_MEDIA_TYPES.join(', ') },
  });
  if (answer.status === 404) {
    throw new ProvenantError(
      'IMAGE_NOT_FOUND',
      `${formatImageReference(reference)}: expected the image in the registry, got HTTP 404. Push it before attesting it, and check the name and tag.`,
    );
  }
  if (answer.status !== 200) throw c.unexpected(answer, `reading the manifest ${ref}`);
  const digest = sha256Digest(answer.body);
  if (reference.digest && digest !== reference.digest) {
    throw new ProvenantError(
      'REGISTRY_FAILED',
      `${formatImageReference(reference)}: the registry answered a manifest whose digest is ${digest}, not the one asked for. Nothing was attested.`,
    );
  }
  const mediaType = manifestMediaType(answer.headers.get('content-type'), answer.body);
  const descriptor = { mediaType, digest, size: answer.body.length };
  if (!INDEX_MEDIA_TYPES.includes(mediaType)) return { reference, descriptor };
  const index = parseIndex(
    answer.body.toString('utf8'),
    `the image index of ${formatImageReference(reference)}`,
  );
  return { reference, descriptor, platforms: platformManifests(index) };
}

/** The Content-Type, or (when a registry sends a generic one) the manifest's own mediaType field. */
function manifestMediaType(header: string | null, body: Buffer): string {
  const type = (header ?? '').split(';')[0]!.trim();
  if ((MANIFEST_MEDIA_TYPES as readonly string[]).includes(type)) return type;
  try {
    const own = (JSON.parse(body.toString('utf8')) as { mediaType?: unknown }).mediaType;
    if (typeof own === 'string') return own;
  } catch {
    // Not JSON: the registry's header is all there is.
  }
  return type || OCI_MANIFEST;
}

async function uploadBlob(c: RegistryClient, bytes: Buffer): Promise<{ digest: string; size: number }> {
  const digest = sha256Digest(bytes);
  const head = await c.send('HEAD', `/blobs/${digest}`);
  if (head.status === 200) return { digest, size: bytes.length };
  const started = await c.send('POST', '/blobs/uploads/');
  const location = started.headers.get('location');
  if (started.status !== 202 || !location) throw c.unexpected(started, 'starting a blob upload');
  const url = new URL(location, c.url('/blobs/uploads/'));
  url.searchParams.set('digest', digest);
  const put = await c.send('PUT', url.href, {
    headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) },
    body: bytes,
  });
  if (put.status !== 201) throw c.unexpected(put, `uploading the blob ${digest}`);
  return { digest, size: bytes.length };
}

async function attach(
  c: RegistryClient,
  image: ResolvedImage,
  bundle: { json: string; predicateType?: string },
  options: RegistryOptions & { hasReferrersApi: (c: RegistryClient) => Promise<boolean> },
): Promise<AttachedReferrer> {
  const layer = await uploadBlob(c, Buffer.from(bundle.json));
  await uploadBlob(c, Buffer.from('{}'));
  const manifest = referrerManifest({
    bundle: layer,
    subject: image.descriptor,
    ...(bundle.predicateType !== undefined ? { predicateType: bundle.predicateType } : {}),
    created: (options.now?.() ?? new Date()).toISOString(),
  });
  const bytes = Buffer.from(JSON.stringify(manifest));
  const digest = sha256Digest(bytes);
  const put = await c.send('PUT', `/manifests/${digest}`, {
    headers: { 'content-type': OCI_MANIFEST },
    body: bytes,
  });
  if (put.status !== 201) throw c.unexpected(put, 'pushing the referrer manifest');
  if (put.headers.get('oci-subject') && (await options.hasReferrersApi(c)))
    return { digest, via: 'referrers-api' };
  await addToTagIndex(
    c,
    image.descriptor.digest,
    referrerDescriptor(manifest, { digest, size: bytes.length }),
    {
      ...(options.settleMs !== undefined ? { settleMs: options.settleMs } : {}),
      ...(options.log ? { log: options.log } : {}),
    },
  );
  return { digest, via: 'tag-schema' };
}

/**
 * The referrers list: the API's answer, or (when the registry has no API: 404, or 406 as some answer, which gh reads
 * as 404 too) the tag schema's index.
 */
async function listReferrers(c: RegistryClient, subject: string): Promise<ImageIndex> {
  const answer = await c.send(
    'GET',
    `/referrers/${subject}?artifactType=${encodeURIComponent(SIGSTORE_BUNDLE_V03)}`,
    {
      headers: { accept: OCI_INDEX },
    },
  );
  if (answer.status === 200) return parseIndex(answer.body.toString('utf8'), `the referrers of ${subject}`);
  if (![400, 404, 405, 406].includes(answer.status))
    throw c.unexpected(answer, `listing the referrers of ${subject}`);
  return (await readTagIndex(c, subject)).index;
}

async function pullBundles(
  c: RegistryClient,
  image: ResolvedImage,
  predicateType: string | undefined,
): Promise<PulledBundle[]> {
  const index = await listReferrers(c, image.descriptor.digest);
  const out: PulledBundle[] = [];
  for (const entry of bundleReferrers(index, predicateType)) {
    const answer = await c.send('GET', `/manifests/${entry.digest}`, { headers: { accept: OCI_MANIFEST } });
    if (answer.status !== 200) throw c.unexpected(answer, `reading the referrer ${entry.digest}`);
    if (sha256Digest(answer.body) !== entry.digest) {
      throw new ProvenantError(
        'REGISTRY_FAILED',
        `${c.registry}/${c.repository}: the referrer ${entry.digest} answered other bytes than its digest.`,
      );
    }
    const manifest = JSON.parse(answer.body.toString('utf8')) as {
      layers?: { mediaType?: string; digest?: string; size?: number }[];
      config?: { digest?: string };
    };
    const layer = manifest.layers?.[0];
    if (
      !layer?.digest ||
      layer.mediaType !== SIGSTORE_BUNDLE_V03 ||
      manifest.config?.digest !== EMPTY_CONFIG.digest
    )
      continue;
    if ((layer.size ?? 0) > MAX_BUNDLE_BYTES) continue;
    const blob = await c.send('GET', `/blobs/${layer.digest}`);
    if (blob.status !== 200) throw c.unexpected(blob, `reading the bundle ${layer.digest}`);
    if (sha256Digest(blob.body) !== layer.digest) {
      throw new ProvenantError(
        'REGISTRY_FAILED',
        `${c.registry}/${c.repository}: the blob ${layer.digest} answered other bytes than its digest.`,
      );
    }
    out.push({ referrer: entry.digest, json: blob.body.toString('utf8') });
  }
  return out;
}
