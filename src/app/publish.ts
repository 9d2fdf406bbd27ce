/**
 * Publishing signed bundles, in the order that keeps the most when something fails: the bundles are already on
 * disk (precondition), then the workflow artifact, then the release assets, then the attestation store. A release
 * failure (immutable, name clash, outage) stops publishing with the bundles safe on disk and in the artifact; a
 * store failure is a warning unless the store is required.
 */
import { ProvenantError, isProvenantError, quote } from '../core/errors.js';
import type { AttachResult, BundleJson, PublishPorts, StoredAttestation, UploadedArtifact } from './ports.js';

export interface PublishRequest {
  /** Bundles already written to disk, with the asset name each gets on the release. */
  bundles: { path: string; assetName: string }[];
  bundleDirectory: string;
  /** Workflow artifact name; undefined: no artifact. */
  artifactName: string | undefined;
  releaseTag: string | undefined;
  /** auto: attach when the tag names a release; true: a missing release is an error; false: never. */
  attachToRelease: 'auto' | 'true' | 'false';
  overwrite: boolean;
  /** auto: store when the signed token says the repository is public; true: always; false: never. */
  attestationStore: 'auto' | 'true' | 'false';
  requireAttestationStore: boolean;
  /** `repository_visibility` from the signed identity token (not the API, whose answer can be wrong). */
  repositoryVisibility: string | undefined;
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
  data: Buffer;
}

export async function publishBundles(request: PublishRequest, ports: PublishPorts): Promise<PublishResult> {
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
  await attachToRelease(request, contents, result, ports);
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
  contents: BundleContent[],
  result: PublishResult,
  ports: PublishPorts,
): Promise<void> {
  if (request.attachToRelease === 'false') return;
  if (!request.releaseTag) {
    if (request.attachToRelease === 'true') {
      throw new ProvenantError(
        'INPUT_INVALID',
        'expected release-tag with attach-to-release: true, got none; fix: set release-tag',
      );
    }
    return;
  }
  const release = await ports.findRelease(request.releaseTag);
  if (!release && request.attachToRelease === 'true') {
    throw new ProvenantError(
      'RELEASE_NOT_FOUND',
      `expected a release tagged ${quote(request.releaseTag)} to attach the bundles to, got none; fix: create it ` +
        'as a draft first, or set attach-to-release: auto; the bundles are on disk' +
        (result.artifact ? ` and in workflow artifact ${quote(result.artifact.name)}` : ''),
    );
  }
  if (!release) {
    result.warnings.push(`no release tagged ${quote(request.releaseTag)}: bundles not attached`);
    return;
  }
  for (const b of contents) {
    const attached = await ports.attach(
      release,
      { name: b.assetName, data: b.data, contentType: 'application/json' },
      { overwrite: request.overwrite },
    );
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
