/**
 * The ports the container-registry use cases need: resolving images, attaching bundles as referrers, and reading
 * them back. Adapters implement them over the distribution API; tests pass fakes or the real client.
 */
import type { Descriptor } from '../core/oci/manifest.js';
import type { ImageReference } from '../core/oci/reference.js';
import type { Logged } from './ports.js';

/** An image as the registry has it: where it lives and the descriptor of its manifest. */
export interface ResolvedImage {
  reference: ImageReference;
  /** The manifest's descriptor (mediaType, digest, size): the subject of every referrer. */
  descriptor: Descriptor;
  /** For a multi-platform index, its platform images (descriptors as the index lists them). */
  platforms?: Descriptor[];
  /** `linux/arm64` for a platform image found through its index. */
  platform?: string;
}

export interface AttachedReferrer {
  /** The referrer manifest's digest. */
  digest: string;
  /** How the registry lists it: its own referrers API, or the `sha256-<hex>` tag Provenant keeps. */
  via: 'referrers-api' | 'tag-schema';
}

export interface PulledBundle {
  /** The referrer manifest's digest, for reports. */
  referrer: string;
  /** The bundle's JSON, as pushed. */
  json: string;
}

export interface RegistryPort {
  /** The image a reference names, its digest checked against the manifest's bytes. */
  resolve(reference: ImageReference): Promise<ResolvedImage>;
  /** Pushes one bundle as a referrer of the image; concurrent writers of the same image lose no entry. */
  attach(image: ResolvedImage, bundle: { json: string; predicateType?: string }): Promise<AttachedReferrer>;
  /** The Sigstore bundles attached to an image whose predicate type (when annotated) is `predicateType`. */
  bundles(image: ResolvedImage, predicateType: string | undefined): Promise<PulledBundle[]>;
}

export interface RegistryPorts extends Logged {
  registry: RegistryPort;
}
