/**
 * GitHub's attestation store: posting a Sigstore bundle there is what makes `gh attestation verify` find it.
 * The caller decides whether a failure is fatal (require-attestation-store) or a warning with the bundle kept.
 */
import { quote } from '../../core/errors.js';
import { httpStatus, toProvenantError } from './errors.js';
import type { GitHubClient } from './octokit.js';
import type { RepoRef } from './types.js';

export interface StoredAttestation {
  id: number;
  /** Where a person sees it: `<server>/<owner>/<repo>/attestations/<id>`. */
  url: string;
}

/** The store takes the bundle's JSON as is (a Sigstore bundle v0.3 with a DSSE envelope). */
export interface BundleJson {
  mediaType: string;
  verificationMaterial: Record<string, unknown>;
  dsseEnvelope: Record<string, unknown>;
}

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

/** The bundles stored for a subject digest (`sha256:<hex>`); none is an empty list, not an error. */
export async function listAttestations(
  client: GitHubClient,
  repo: RepoRef,
  subjectDigest: string,
): Promise<object[]> {
  try {
    const { data } = await client.rest.repos.listAttestations({
      ...repo,
      subject_digest: subjectDigest,
      per_page: 100,
    });
    return (data.attestations ?? []).flatMap((a) => (a.bundle ? [a.bundle] : []));
  } catch (e) {
    if (httpStatus(e) === 404) return [];
    throw toProvenantError(e, {
      doing: `list attestations for ${quote(subjectDigest)}`,
      permission: 'attestations',
      code: 'ATTESTATION_STORE_FAILED',
    });
  }
}
