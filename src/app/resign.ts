import picomatch from 'picomatch';
import { linearGlobs } from '../core/glob-match.js';
import { isSignatureAsset } from '../core/bundle-name.js';
import { ProvenantError, quote } from '../core/errors.js';
import { nameFilter, partitionPatterns } from '../core/patterns.js';
import type { ProvenanceOptions, ResourceDescriptor } from '../core/provenance.js';
import { compareNames, type Subject } from '../core/subject.js';
import type { ResignPorts } from './ports.js';

export interface ResignRequest {
  tag: string;
  /** Asset name patterns, with `!` excludes. */
  patterns: readonly string[];
  /** Where the downloaded assets go (they are hashed on the way). */
  downloadDir: string;
}

export interface ResignPlan {
  subjects: Subject[];
  provenance: ProvenanceOptions;
  releaseUrl: string;
}

/**
 * The `workflow_dispatch` re-sign path: the release's existing assets become the subjects. The provenance says so
 * honestly: this run did not build them, it re-signed them, and each asset (download URL and digest) is named as a
 * resolved dependency of this run.
 */
export async function planResign(request: ResignRequest, ports: ResignPorts): Promise<ResignPlan> {
  const { tag, patterns, downloadDir } = request;
  const { log } = ports;
  const release = await ports.findRelease(tag);
  if (!release) {
    throw new ProvenantError(
      'RELEASE_NOT_FOUND',
      `subject-release-assets: expected a release tagged ${quote(tag)} to re-sign, got none. Check release-tag ` +
        '(drafts are found too, if the token can see them).',
    );
  }
  const { includes, excludes } = partitionPatterns(patterns);
  const isChosen = nameFilter(linearGlobs(picomatch), includes, excludes);
  const all = await ports.listAssets(release.id);
  // Bundles are signatures, not artifacts: re-signing them would make a second run sign the first run's output.
  const chosen = all
    .filter((a) => !isSignatureAsset(a.name) && isChosen(a.name))
    .sort((a, b) => compareNames(a.name, b.name));
  if (chosen.length === 0) {
    throw new ProvenantError(
      'NO_FILES_FOUND',
      `subject-release-assets: no asset of release ${quote(tag)} matched ${patterns.map((p) => quote(p)).join(', ')} ` +
        `(the release has ${all.length} asset${all.length === 1 ? '' : 's'}: ` +
        `${all
          .slice(0, 10)
          .map((a) => quote(a.name))
          .join(', ')}${all.length > 10 ? ', …' : ''}). Fix the patterns.`,
    );
  }
  log.info(`Re-signing ${chosen.length} asset${chosen.length === 1 ? '' : 's'} of release ${tag}`);
  const subjects: Subject[] = [];
  const dependencies: ResourceDescriptor[] = [];
  for (const asset of chosen) {
    const got = await ports.download(asset, downloadDir);
    log.info(`Downloaded ${asset.name} (${got.size} bytes, sha256 ${got.sha256})`);
    subjects.push({ name: asset.name, digest: { sha256: got.sha256 }, size: got.size });
    dependencies.push({ name: asset.name, uri: asset.browserDownloadUrl, digest: { sha256: got.sha256 } });
  }
  return {
    subjects,
    releaseUrl: release.htmlUrl,
    provenance: {
      extraDependencies: dependencies,
      extraExternalParameters: {
        resign: { release: release.tag, release_url: release.htmlUrl, assets: chosen.map((a) => a.name) },
      },
    },
  };
}
