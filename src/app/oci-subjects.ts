import { platformName } from '../core/oci/manifest.js';
import { formatImageReference, parseImageReference } from '../core/oci/reference.js';
import type { Subject } from '../core/subject.js';
import type { RegistryPorts, ResolvedImage } from './oci-ports.js';

export interface ImageRequest {
  /** `registry/repo:tag` or `registry/repo@sha256:…`, as given. */
  refs: readonly string[];
  /** Also attest (and attach to) each platform image of a multi-platform index. */
  platforms: boolean;
  /** How the entry point names the input, for messages (`subject-oci`, `--oci`). */
  inputName: string;
}

/**
 * The subject name of an image: the reference as given (`registry/repo:tag`, or `registry/repo@sha256:…`), so two
 * tags of one repository stay two subjects; a platform image is named by its digest, which `docker pull` takes.
 */
function subjectName(image: ResolvedImage): string {
  const r = image.reference;
  if (image.platform !== undefined || r.tag === undefined) {
    return `${r.registry}/${r.repository}@${image.descriptor.digest}`;
  }
  return `${r.registry}/${r.repository}:${r.tag}`;
}

const asSubject = (image: ResolvedImage): Subject => ({
  name: subjectName(image),
  digest: { sha256: image.descriptor.digest.slice('sha256:'.length) },
});

/**
 * Resolves every image to its digest (a tag is read once, here, and the digest is what is signed), and with
 * `platforms` adds each platform image of an index. Each image once, however often it is named.
 */
export async function imageSubjects(
  request: ImageRequest,
  ports: RegistryPorts,
): Promise<{ subjects: Subject[]; images: ResolvedImage[] }> {
  const references = request.refs.map((r, i) =>
    parseImageReference(
      r,
      request.refs.length > 1 ? `${request.inputName} (entry ${i + 1})` : request.inputName,
    ),
  );
  const resolved = await Promise.all(references.map((r) => ports.registry.resolve(r)));
  const images: ResolvedImage[] = [];
  const seen = new Set<string>();
  const add = (image: ResolvedImage) => {
    const key = `${image.reference.registry}/${image.reference.repository}@${image.descriptor.digest}`;
    if (seen.has(key)) return;
    seen.add(key);
    images.push(image);
  };
  for (const image of resolved) {
    add(image);
    ports.log.info(
      `Image ${formatImageReference(image.reference)} is ${image.descriptor.digest} (${image.descriptor.mediaType})`,
    );
    if (!request.platforms || !image.platforms) continue;
    for (const p of image.platforms) {
      const { tag: _tag, ...where } = image.reference;
      add({ reference: { ...where, digest: p.digest }, descriptor: p, platform: platformName(p) });
      ports.log.info(`  platform ${platformName(p)}: ${p.digest}`);
    }
  }
  return { subjects: images.map(asSubject), images };
}
