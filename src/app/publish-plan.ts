/**
 * The publishing plan, made before anything is signed: which release the bundles go to, what it already holds
 * (listed once, then kept up to date, never listed again for each bundle), and whether the plan fits GitHub's limits
 * (1,000 assets per release; the token's requests an hour; writes spaced a second apart within publish-timeout).
 * A plan that cannot fit is refused with what to change, before a single statement reaches a transparency log.
 */
import { ProvenantError, quote } from '../core/errors.js';
import type { PublishPorts, ReleaseAsset, ReleaseInfo, RequestQuota } from './ports.js';

export interface PlanRequest {
  /** The asset names the bundles will get (known before signing). */
  assetNames: readonly string[];
  releaseTag: string | undefined;
  attachToRelease: 'auto' | 'true' | 'false';
  overwrite: boolean;
  /** Whether every bundle also goes to the attestation store (one request each). */
  storeAttestations: boolean;
  /** The publishing phase's budget, for the time the spaced writes need. */
  budgetMs: number;
  /** The input that sets that budget, for the fix. */
  budgetInput: string;
}

export interface PublishPlan {
  /** undefined: nothing is attached (no tag, no release with `auto`, or attach-to-release false). */
  release: ReleaseInfo | undefined;
  /** The release's assets by name, as listed once and updated as bundles are attached. */
  assets: Map<string, ReleaseAsset>;
  /** Whether a release was looked for (a tag, and attaching not turned off). */
  searched: boolean;
  /** GitHub requests the plan needs at most, after finding and listing the release. */
  requests: number;
}

const fmt = (n: number): string => n.toLocaleString('en-US');

const SMALLER =
  'bundle-layout: single (one bundle for every subject, split only past subjects-per-statement), or a larger ' +
  'subjects-per-statement for fewer shards';

export async function planPublish(request: PlanRequest, ports: PublishPorts): Promise<PublishPlan> {
  const release = await releaseFor(request, ports);
  const assets = new Map((release ? await ports.listAssets(release) : []).map((a) => [a.name, a]));
  const names = [...new Set(request.assetNames)];
  const fresh = names.filter((n) => !assets.has(n)).length;
  const existing = names.length - fresh;
  const limits = ports.limits();
  if (release && assets.size + fresh > limits.maxAssetsPerRelease) {
    throw new ProvenantError(
      'PUBLISH_LIMIT_EXCEEDED',
      `expected release ${quote(release.tag)} to take ${fmt(fresh)} more asset${fresh === 1 ? '' : 's'}, got room for ` +
        `${fmt(Math.max(0, limits.maxAssetsPerRelease - assets.size))} (GitHub allows ${fmt(limits.maxAssetsPerRelease)} ` +
        `assets on a release, and it has ${fmt(assets.size)}); fix: ${SMALLER}; nothing was signed`,
    );
  }
  // Each new name is one upload; a name already there may need a download to compare, and with overwrite the
  // replacement's upload, delete and rename.
  const attachRequests = release ? fresh + existing * (1 + (request.overwrite ? 3 : 0)) : 0;
  const storeRequests = request.storeAttestations ? names.length : 0;
  const requests = attachRequests + storeRequests;
  checkQuota(limits.quota, requests, { attachRequests, storeRequests, bundles: names.length });
  const writes = (release ? fresh + existing * (request.overwrite ? 3 : 0) : 0) + storeRequests;
  if (writes * limits.msPerWrite > request.budgetMs) {
    throw new ProvenantError(
      'PUBLISH_LIMIT_EXCEEDED',
      `expected ${fmt(writes)} writes to GitHub (spaced ${limits.msPerWrite / 1000} s apart, as GitHub asks) to fit in ` +
        `the publishing budget of ${Math.round(request.budgetMs / 1000)} s (${request.budgetInput}), got a plan that ` +
        `needs ${Math.ceil((writes * limits.msPerWrite) / 1000)} s; fix: raise ${request.budgetInput}, or ${SMALLER}` +
        `${storeRequests ? ', or attestation-store: false' : ''}; nothing was signed`,
    );
  }
  const searched = request.attachToRelease !== 'false' && Boolean(request.releaseTag);
  return { release, assets, searched, requests };
}

async function releaseFor(request: PlanRequest, ports: PublishPorts): Promise<ReleaseInfo | undefined> {
  if (request.attachToRelease === 'false') return undefined;
  if (!request.releaseTag) {
    if (request.attachToRelease === 'true') {
      throw new ProvenantError(
        'INPUT_INVALID',
        'expected release-tag with attach-to-release: true, got none; fix: set release-tag',
      );
    }
    return undefined;
  }
  const release = await ports.findRelease(request.releaseTag);
  if (!release && request.attachToRelease === 'true') {
    throw new ProvenantError(
      'RELEASE_NOT_FOUND',
      `expected a release tagged ${quote(request.releaseTag)} to attach the bundles to, got none; fix: create it ` +
        'as a draft first, or set attach-to-release: auto; nothing was signed',
    );
  }
  return release;
}

function checkQuota(
  quota: RequestQuota | undefined,
  requests: number,
  parts: { attachRequests: number; storeRequests: number; bundles: number },
): void {
  if (!quota || requests <= quota.remaining) return;
  const what = [
    parts.attachRequests ? `${fmt(parts.attachRequests)} to attach` : '',
    parts.storeRequests ? `${fmt(parts.storeRequests)} to store attestations` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  throw new ProvenantError(
    'PUBLISH_LIMIT_EXCEEDED',
    `expected the GitHub token to have ${fmt(requests)} requests left for ${fmt(parts.bundles)} bundles (${what}), ` +
      `got ${fmt(quota.remaining)} of its ${fmt(quota.limit)} an hour, until ${quota.resetAt.toISOString()}; fix: ` +
      `${SMALLER}${parts.storeRequests ? ', or attestation-store: false' : ''}, or rerun after the reset; nothing was signed`,
  );
}
