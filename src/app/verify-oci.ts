import type { Bundle } from '@sigstore/bundle';
import { ProvenantError } from '../core/errors.js';
import { describePolicy } from '../core/policy/describe.js';
import type { Policy } from '../core/policy/types.js';
import { formatImageReference, parseImageReference, referrersTag } from '../core/oci/reference.js';
import type { ArtifactReport, SkippedBundle, VerifyResult } from '../core/verify-report.js';
import type { RegistryPorts } from './oci-ports.js';
import type { LoadedBundle, VerifyPorts } from './ports.js';
import { asFailure } from './verify-candidates.js';
import { verifyArtifacts } from './verify.js';

export interface ImageVerifyRequest {
  /** `oci://registry/repo@sha256:…` or `oci://registry/repo:tag`. */
  images: readonly string[];
  policy: Policy;
}

export interface ImageVerifyPorts extends RegistryPorts {
  verify: VerifyPorts;
  /** Checks a bundle's JSON as a bundle file's is checked (shape, version, size). */
  parseBundle(json: string, source: string): Bundle;
}

/** The name the candidates of one image go by: never a path on disk. */
const CANDIDATES = '\0registry-referrers';

/**
 * Verifies images from their registry: each reference is resolved to its digest, its Sigstore referrers (those of
 * the policy's predicate type) are pulled, and the digest is verified against them exactly as a file is verified
 * against its bundles. An image the registry does not have, or with no bundle, fails on its own.
 */
export async function verifyImages(
  request: ImageVerifyRequest,
  ports: ImageVerifyPorts,
): Promise<VerifyResult> {
  const references = request.images.map((given) => ({ given, ref: parseImageReference(given, 'artifact') }));
  const results = await Promise.all(
    references.map(async ({ given, ref }): Promise<VerifyResult> => {
      try {
        return await verifyOne(given, ref, request.policy, ports);
      } catch (e) {
        const failure = asFailure(e);
        const report: ArtifactReport = {
          artifact: given,
          digest: {},
          verified: false,
          failures: [failure],
          code: failure.code,
        };
        return { verified: false, artifacts: [report] };
      }
    }),
  );
  return mergeResults(results, request.policy);
}

async function verifyOne(
  given: string,
  ref: ReturnType<typeof parseImageReference>,
  policy: Policy,
  ports: ImageVerifyPorts,
): Promise<VerifyResult> {
  const image = await ports.registry.resolve(ref);
  const digest = image.descriptor.digest;
  const where = formatImageReference({ ...ref, digest });
  const pulled = await ports.registry.bundles(image, policy.predicateType);
  const skipped: SkippedBundle[] = [];
  const loaded: LoadedBundle[] = [];
  for (const p of pulled) {
    const source = `${where} referrer ${p.referrer}`;
    try {
      loaded.push({ source, bundle: ports.parseBundle(p.json, source) });
    } catch (e) {
      const failure = asFailure(e);
      skipped.push({ bundle: source, code: failure.code, message: failure.message });
    }
  }
  if (loaded.length === 0) {
    throw new ProvenantError(
      'BUNDLE_NOT_FOUND',
      `${where}: expected a Sigstore bundle attached to the image${policy.predicateType ? ` with predicate type ${policy.predicateType}` : ''} (through the referrers API or the tag ${referrersTag(digest)}), got ${pulled.length === 0 ? 'none' : `${pulled.length} that did not load`}.`,
    );
  }
  const verify: VerifyPorts = {
    ...ports.verify,
    resolve: (...parts) =>
      parts.length === 1 && parts[0] === CANDIDATES ? CANDIDATES : ports.verify.resolve(...parts),
    loadBundles: (path) => (path === CANDIDATES ? Promise.resolve(loaded) : ports.verify.loadBundles(path)),
  };
  const result = await verifyArtifacts({ artifacts: [digest], bundle: CANDIDATES, policy }, verify);
  for (const report of result.artifacts) report.artifact = given;
  return { ...result, skipped: [...(result.skipped ?? []), ...skipped] };
}

/** One result for several runs (images and files): verified only when every artifact is. */
export function mergeResults(results: readonly VerifyResult[], policy: Policy): VerifyResult {
  const skipped = results.flatMap((r) => r.skipped ?? []);
  return {
    verified: results.every((r) => r.verified),
    policy: describePolicy(policy),
    artifacts: results.flatMap((r) => r.artifacts),
    ...(skipped.length > 0 ? { skipped } : {}),
  };
}
