/**
 * Publishing signed bundles, in the order that keeps the most when something fails: the bundles are already on
 * disk (precondition), then the workflow artifact, then the release assets, then the attestation store. A release
 * failure (immutable, name clash, outage) stops publishing with the bundles safe on disk and in the artifact; a
 * store failure is a warning unless the store is required. The release was found and listed by the plan
 * (publish-plan.ts), before signing; that listing is kept and updated here, never fetched again for each bundle.
 */
import { isProvenantError, quote } from '../core/errors.js';
import type { Subject } from '../core/subject.js';
import { isEquivalentBundle, type SignerIdentity } from './equivalent-bundle.js';
import type { AttachResult, BundleJson, PublishPorts, StoredAttestation, UploadedArtifact } from './ports.js';
import type { PublishPlan } from './publish-plan.js';

export interface PublishRequest {
  /** Bundles already written to disk, with the asset name each gets on the release and the subjects it signs. */
  bundles: { path: string; assetName: string; subjects?: readonly Subject[] }[];
  bundleDirectory: string;
  /** Workflow artifact name; undefined: no artifact. */
  artifactName: string | undefined;
  releaseTag: string | undefined;
  overwrite: boolean;
  /** auto: store when the signed token says the repository is public; true: always; false: never. */
  attestationStore: 'auto' | 'true' | 'false';
  requireAttestationStore: boolean;
  /** `repository_visibility` from the signed identity token (not the API, whose answer can be wrong). */
  repositoryVisibility: string | undefined;
  /** Who signed this run's bundles: an asset signed by the same identity for the same subjects counts as done. */
  signer?: SignerIdentity;
}

export interface PublishResult {
  artifact: UploadedArtifact | undefined;
  releaseAssets: { name: string; url: string; action: AttachResult['action'] }[];
  attestations: StoredAttestation[];
  warnings: string[];
}

interface BundleContent {
  path: string;
  assetName: string;
  subjects?: readonly Subject[];
  data: Buffer;
}

export async function publishBundles(
  request: PublishRequest,
  plan: PublishPlan,
  ports: PublishPorts,
): Promise<PublishResult> {
  const result: PublishResult = { artifact: undefined, releaseAssets: [], attestations: [], warnings: [] };
  const contents = await Promise.all(
    request.bundles.map(async (b) => ({ ...b, data: await ports.readFile(b.path) })),
  );
  if (request.artifactName) {
    result.artifact = await ports.uploadArtifact(
      request.artifactName,
      request.bundles.map((b) => b.path),
      request.bundleDirectory,
    );
  }
  if (plan.release) await attachToRelease(request, plan, contents, result, ports);
  else if (request.releaseTag && plan.searched)
    result.warnings.push(`no release tagged ${quote(request.releaseTag)}: bundles not attached`);
  if (wantsAttestationStore(request)) await storeAttestations(request, contents, result, ports);
  return result;
}

/** The store makes bundles findable by `gh attestation verify`; by default only for public repositories. */
export function wantsAttestationStore(
  request: Pick<PublishRequest, 'attestationStore' | 'repositoryVisibility'>,
): boolean {
  return (
    request.attestationStore === 'true' ||
    (request.attestationStore === 'auto' && request.repositoryVisibility === 'public')
  );
}

async function attachToRelease(
  request: PublishRequest,
  plan: PublishPlan,
  contents: BundleContent[],
  result: PublishResult,
  ports: PublishPorts,
): Promise<void> {
  const release = plan.release!;
  for (const b of contents) {
    const { signer } = request;
    const attached = await ports.attach(
      release,
      { name: b.assetName, data: b.data, contentType: 'application/json' },
      {
        overwrite: request.overwrite,
        existing: plan.assets.get(b.assetName),
        ...(signer && b.subjects
          ? { isDone: (bytes: Buffer) => isEquivalentBundle(bytes, b.subjects!, signer, ports) }
          : {}),
      },
    );
    plan.assets.set(b.assetName, attached.asset);
    result.releaseAssets.push({
      name: b.assetName,
      url: attached.asset.browserDownloadUrl,
      action: attached.action,
    });
  }
}

async function storeAttestations(
  request: PublishRequest,
  contents: BundleContent[],
  result: PublishResult,
  ports: PublishPorts,
): Promise<void> {
  for (const b of contents) {
    try {
      result.attestations.push(
        await ports.storeAttestation(JSON.parse(b.data.toString('utf8')) as BundleJson),
      );
    } catch (e) {
      if (request.requireAttestationStore) throw e;
      const message = isProvenantError(e) ? e.message : String(e);
      result.warnings.push(`attestation store: ${message} (the bundle is kept)`);
      ports.log.warn(`attestation store refused ${b.assetName}: ${message}`);
    }
  }
}
