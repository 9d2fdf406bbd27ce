/**
 * What a release must be besides signed: the expected tag (without an approval, the provenance's own tag ref) and,
 * against rollback, no older than --min-version. The tag read is a verified one: the approval's (checked against the
 * provenance's commit) or the certificate's Source Repository Ref, never a statement's own claim.
 */
import type { CertificateClaims } from '../certificate-claims.js';
import type { Violation } from '../policy/types.js';
import { tagOfRef } from './check.js';
import type { ReleasePolicy } from './options.js';
import { compareVersions, versionOf } from './version.js';

/** --expected-tag when no approval is required: the provenance's certificate must name that tag as its ref. */
export function expectedTagViolation(
  policy: ReleasePolicy,
  claims: CertificateClaims | undefined,
): Violation | undefined {
  if (policy.approval || policy.expectedTag === undefined) return undefined;
  const ref = claims?.sourceRepositoryRef;
  if (tagOfRef(ref) === policy.expectedTag) return undefined;
  return {
    code: 'SOURCE_REF_MISMATCH',
    rule: 'expected-tag',
    message: `expected the provenance to be built from tag ${JSON.stringify(policy.expectedTag)} (--expected-tag), got source ref ${JSON.stringify(ref ?? null)}.`,
  };
}

/** --min-version against the release's tag; a tag that is no version fails, since nothing orders it. */
export function minVersionViolation(
  policy: ReleasePolicy,
  tag: string | undefined,
  whence: string,
): Violation | undefined {
  const min = policy.minVersion;
  if (!min) return undefined;
  const version = tag === undefined ? undefined : versionOf(tag);
  if (version && compareVersions(version, min) >= 0) return undefined;
  return {
    code: 'VERSION_BELOW_MINIMUM',
    rule: 'min-version',
    message:
      tag === undefined
        ? `expected a release tag of version ${min.text} or newer (--min-version), got no tag (${whence}).`
        : version === undefined
          ? `expected a release tag of version ${min.text} or newer (--min-version), got ${JSON.stringify(tag)} (${whence}), which is not a semantic version.`
          : `expected version ${min.text} or newer (--min-version), got ${JSON.stringify(tag)} (${whence}): an older release than the minimum is a rollback. Install the current release.`,
  };
}
