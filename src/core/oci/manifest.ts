/**
 * The registry documents Provenant writes and reads, in the layout cosign v3, `gh attestation verify
 * --bundle-from-oci` and actions/attest share: a bundle is an image manifest whose one layer is the bundle, whose
 * config is the empty descriptor and whose subject is the attested image.
 */
import { inputError, quote } from '../errors.js';

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
export const DOCKER_MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
export const SIGSTORE_BUNDLE_V03 = 'application/vnd.dev.sigstore.bundle.v0.3+json';
export const EMPTY_JSON = 'application/vnd.oci.empty.v1+json';

/** Every manifest kind an image reference can resolve to, for the Accept header. */
export const MANIFEST_MEDIA_TYPES = [OCI_INDEX, OCI_MANIFEST, DOCKER_MANIFEST_LIST, DOCKER_MANIFEST] as const;
export const INDEX_MEDIA_TYPES: readonly string[] = [OCI_INDEX, DOCKER_MANIFEST_LIST];

/** The empty config blob `{}`: its digest and size are fixed by the image-spec. */
export const EMPTY_CONFIG = {
  mediaType: EMPTY_JSON,
  digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
  size: 2,
} as const;

export const ANNOTATION_CONTENT = 'dev.sigstore.bundle.content';
export const ANNOTATION_PREDICATE_TYPE = 'dev.sigstore.bundle.predicateType';
export const ANNOTATION_CREATED = 'org.opencontainers.image.created';

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  artifactType?: string;
  annotations?: Record<string, string>;
  platform?: { os?: string; architecture?: string; variant?: string };
}

export interface ReferrerManifest {
  schemaVersion: 2;
  mediaType: typeof OCI_MANIFEST;
  artifactType: typeof SIGSTORE_BUNDLE_V03;
  config: typeof EMPTY_CONFIG;
  layers: [Descriptor];
  subject: Descriptor;
  annotations: Record<string, string>;
}

export interface ImageIndex {
  schemaVersion: 2;
  mediaType: string;
  manifests: Descriptor[];
}

/** The referrer manifest for one bundle attached to one image. */
export function referrerManifest(options: {
  bundle: { digest: string; size: number };
  subject: Descriptor;
  /** Absent for a message signature, which has no statement. */
  predicateType?: string;
  created: string;
}): ReferrerManifest {
  return {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    artifactType: SIGSTORE_BUNDLE_V03,
    config: EMPTY_CONFIG,
    layers: [{ mediaType: SIGSTORE_BUNDLE_V03, digest: options.bundle.digest, size: options.bundle.size }],
    subject: {
      mediaType: options.subject.mediaType,
      digest: options.subject.digest,
      size: options.subject.size,
    },
    annotations: {
      [ANNOTATION_CONTENT]: options.predicateType !== undefined ? 'dsse-envelope' : 'message-signature',
      ...(options.predicateType !== undefined ? { [ANNOTATION_PREDICATE_TYPE]: options.predicateType } : {}),
      [ANNOTATION_CREATED]: options.created,
    },
  };
}

/** The descriptor a referrers list holds for a manifest: its artifactType and every annotation, as the spec asks. */
export function referrerDescriptor(
  manifest: ReferrerManifest,
  pushed: { digest: string; size: number },
): Descriptor {
  return {
    mediaType: OCI_MANIFEST,
    digest: pushed.digest,
    size: pushed.size,
    artifactType: manifest.artifactType,
    annotations: { ...manifest.annotations },
  };
}

export function emptyIndex(): ImageIndex {
  return { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [] };
}

/** An index with `entry` in it (replacing an entry of the same digest), everything else kept in order. */
export function withReferrer(index: ImageIndex, entry: Descriptor): ImageIndex {
  return { ...index, manifests: [...index.manifests.filter((m) => m.digest !== entry.digest), entry] };
}

/** Reads an index (a referrers answer, the fallback tag, or a multi-platform image), refusing anything else. */
export function parseIndex(text: string, where: string): ImageIndex {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw inputError('REGISTRY_FAILED', `${where}: expected an image index (JSON), got ${quote(text, 80)}.`);
  }
  const v = value as Partial<ImageIndex> | null;
  if (!v || typeof v !== 'object' || !Array.isArray(v.manifests)) {
    throw inputError(
      'REGISTRY_FAILED',
      `${where}: expected an image index with manifests[], got ${quote(text, 80)}.`,
    );
  }
  const manifests = v.manifests.filter(
    (m): m is Descriptor =>
      !!m && typeof m === 'object' && typeof m.digest === 'string' && typeof m.mediaType === 'string',
  );
  return {
    schemaVersion: 2,
    mediaType: typeof v.mediaType === 'string' ? v.mediaType : OCI_INDEX,
    manifests,
  };
}

/**
 * Which referrers are Sigstore bundles worth fetching for a policy: the artifactType says bundle, and the predicate
 * type annotation (when present) is the one asked for. A referrer without the annotation is kept: the statement
 * inside decides.
 */
export function bundleReferrers(index: ImageIndex, predicateType: string | undefined): Descriptor[] {
  return index.manifests.filter((m) => {
    if (m.artifactType !== SIGSTORE_BUNDLE_V03) return false;
    const annotated = m.annotations?.[ANNOTATION_PREDICATE_TYPE];
    return predicateType === undefined || annotated === undefined || annotated === predicateType;
  });
}

/** The platform images of a multi-platform index, leaving out buildx's attestation manifests (`unknown/unknown`). */
export function platformManifests(index: ImageIndex): Descriptor[] {
  return index.manifests.filter(
    (m) =>
      (m.mediaType === OCI_MANIFEST || m.mediaType === DOCKER_MANIFEST) &&
      m.platform?.os !== undefined &&
      m.platform.os !== 'unknown',
  );
}

export function platformName(d: Descriptor): string {
  const p = d.platform ?? {};
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}
