import { parseBundle } from '../sigstore/bundle-loader.js';
import { registryPort } from './registry.js';
import type { VerifyPorts } from '../../app/ports.js';
import { mergeResults, verifyImages } from '../../app/verify-oci.js';
import { isOciReference } from '../../core/oci/reference.js';
import type { Policy } from '../../core/policy/types.js';
import type { VerifyResult } from '../../core/verify-report.js';
import type { Logger } from '../../app/ports.js';

/**
 * Splits the artifacts into images (`oci://…`) and the rest: files and digests go to `verifyFiles` as before, images
 * are verified from their registry, and the two reports become one.
 */
export async function verifyWithImages(
  artifacts: readonly string[],
  policy: Policy,
  context: { env: Record<string, string | undefined>; log?: Logger },
  verifyFiles: (artifacts: string[]) => Promise<VerifyResult>,
  ports: VerifyPorts,
  credentials?: { username: string; password: string },
): Promise<VerifyResult> {
  const images = artifacts.filter(isOciReference);
  const files = artifacts.filter((a) => !isOciReference(a));
  if (images.length === 0) return verifyFiles(files);
  const log = context.log ?? { info: () => {}, warn: () => {} };
  const registry = registryPort({ env: context.env, log, ...(credentials ? { credentials } : {}) });
  const fromImages = await verifyImages({ images, policy }, { registry, verify: ports, parseBundle, log });
  const fromFiles = files.filter((f) => !f.startsWith('!')).length > 0 ? [await verifyFiles(files)] : [];
  return mergeResults([fromImages, ...fromFiles], policy);
}
