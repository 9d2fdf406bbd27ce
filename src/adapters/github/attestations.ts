/**
 * GitHub's attestation store: posting a Sigstore bundle there is what makes `gh attestation verify` find it.
 * The caller decides whether a failure is fatal (require-attestation-store) or a warning with the bundle kept.
 */
import { toProvenantError } from './errors.js';
import type { GitHubClient } from './octokit.js';
import type { RepoRef } from './types.js';
import type { BundleJson, StoredAttestation } from '../../app/ports.js';

export async function storeAttestation(
  client: GitHubClient,
  repo: RepoRef,
  bundle: BundleJson,
  serverUrl = 'https://github.com',
): Promise<StoredAttestation> {
  try {
    const { data } = await client.rest.repos.createAttestation({ ...repo, bundle });
    if (typeof data.id !== 'number') throw new Error('the response carries no attestation id');
    return {
      id: data.id,
      url: `${serverUrl.replace(/\/+$/, '')}/${repo.owner}/${repo.repo}/attestations/${data.id}`,
    };
  } catch (e) {
    throw toProvenantError(e, {
      doing: `store the attestation in ${repo.owner}/${repo.repo}'s attestation store`,
      permission: 'attestations',
      code: 'ATTESTATION_STORE_FAILED',
    });
  }
}
