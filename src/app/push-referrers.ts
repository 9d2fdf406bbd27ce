import { formatImageReference } from '../core/oci/reference.js';
import type { AttachedReferrer, RegistryPorts, ResolvedImage } from './oci-ports.js';
import type { SignedBundle } from './ports.js';

export interface PushedReferrer extends AttachedReferrer {
  /** `registry/repo@sha256:…` of the image the bundle is attached to. */
  image: string;
  /** The bundle's file name. */
  bundle: string;
}

export interface PushRequest {
  images: readonly ResolvedImage[];
  /** The bundles on disk: each is attached to every image its statement names. */
  bundles: readonly SignedBundle[];
}

export interface PushPorts extends RegistryPorts {
  readFile(path: string): Promise<Buffer>;
}

/** Images attached at once; each image's bundles go one after another, since they share its referrers list. */
const IMAGES_AT_ONCE = 4;

/**
 * Attaches each bundle (already on disk and verified) to every image among its subjects, as an OCI referrer. The
 * bundle file is read back, so what the registry gets is byte for byte what was written.
 */
export async function pushReferrers(request: PushRequest, ports: PushPorts): Promise<PushedReferrer[]> {
  const work = request.images.map((image) => ({
    image,
    bundles: request.bundles.filter((b) =>
      b.subjects.some((s) => `sha256:${s.digest.sha256 ?? ''}` === image.descriptor.digest),
    ),
  }));
  const results: PushedReferrer[][] = new Array<PushedReferrer[]>(work.length);
  let next = 0;
  const worker = async () => {
    while (next < work.length) {
      const i = next++;
      results[i] = await attachAll(work[i]!.image, work[i]!.bundles, ports);
    }
  };
  await Promise.all(Array.from({ length: Math.min(IMAGES_AT_ONCE, work.length) }, worker));
  return results.flat();
}

async function attachAll(
  image: ResolvedImage,
  bundles: readonly SignedBundle[],
  ports: PushPorts,
): Promise<PushedReferrer[]> {
  const where = formatImageReference({ ...image.reference, digest: image.descriptor.digest });
  const out: PushedReferrer[] = [];
  for (const bundle of bundles) {
    const json = (await ports.readFile(bundle.path)).toString('utf8');
    const attached = await ports.registry.attach(image, {
      json,
      ...(bundle.predicateType !== undefined ? { predicateType: bundle.predicateType } : {}),
    });
    ports.log.info(
      `Attached ${bundle.name} to ${where} as referrer ${attached.digest} (${attached.via === 'referrers-api' ? 'referrers API' : `tag ${image.descriptor.digest.replace(':', '-')}`})`,
    );
    out.push({ ...attached, image: where, bundle: bundle.name });
  }
  return out;
}
