/**
 * The approval statement: SLSA Verification Summary Attestation v1 over the release's artifacts, signed by the job
 * that approved the release (in its protected environment). It pins what it approved: the release (repository, tag,
 * commit) and the digests of the provenance bundles it verified. Reviewers, read from GitHub's deployment reviews,
 * are recorded as an unverified claim: the certificate proves which job signed, never which human clicked approve.
 */
import type { DigestSet } from '../digest.js';
import type { PolicyDescription } from '../policy/describe.js';
import { buildStatement, type Statement } from '../statement.js';
import type { Subject } from '../subject.js';

export const VSA_V1 = 'https://slsa.dev/verification_summary/v1';

/** The asset name an approval is published under, beside the release's provenance bundles. */
export const APPROVAL_BUNDLE = 'approval.sigstore.json';

/** VSA's `verifier.id`: the tool that verified the provenance before the approver signed. */
export const APPROVAL_VERIFIER = 'https://github.com/provenant-org/provenant/approve';

export interface ResourceRef {
  uri: string;
  digest: DigestSet;
}

export interface ReleaseRef {
  /** The repository's URI as Fulcio writes it, e.g. https://github.com/acme/widget. */
  repository: string;
  tag: string;
  commit: string;
}

/** A reviewer of the deployment, as GitHub's API reported it: not vouched for by any signature. */
export interface Reviewer {
  login: string;
  state: string;
  comment: string;
}

export interface ApprovalPredicate {
  verifier: { id: string; version: Record<string, string> };
  timeVerified: string;
  resourceUri: string;
  policy: ResourceRef;
  inputAttestations: ResourceRef[];
  verificationResult: 'PASSED';
  verifiedLevels: string[];
  slsaVersion: '1.0';
  /** The release this approval authorizes; `resourceUri` says the same as one URI. */
  release: ReleaseRef;
  /** The policy the provenance was verified against before signing. */
  builderPolicy: PolicyDescription;
  /** What the signature does not vouch for. */
  unverified: { reviewers?: Reviewer[]; reviewersSource?: string; note: string };
}

/** `git+<repository>@refs/tags/<tag>#<commit>`: the tag and the commit it named, as one URI. */
export function releaseUri(release: ReleaseRef): string {
  return `git+${release.repository}@refs/tags/${release.tag}#${release.commit}`;
}

export interface ApprovalInput {
  subjects: readonly Subject[];
  release: ReleaseRef;
  policy: ResourceRef;
  inputAttestations: ResourceRef[];
  builderPolicy: PolicyDescription;
  verifiedLevels: string[];
  timeVerified: Date;
  version: string;
  reviewers?: { list: Reviewer[]; source: string };
}

export const UNVERIFIED_NOTE =
  'The reviewers are what the GitHub API reported for this deployment when the approval was signed; no signature ' +
  "vouches for them. The certificate proves the job (workflow, ref and protected environment), GitHub's records say who approved it.";

export function approvalStatement(input: ApprovalInput): Statement<ApprovalPredicate> {
  const { release } = input;
  return buildStatement(input.subjects, VSA_V1, {
    verifier: { id: APPROVAL_VERIFIER, version: { provenant: input.version } },
    timeVerified: input.timeVerified.toISOString(),
    resourceUri: releaseUri(release),
    policy: input.policy,
    inputAttestations: input.inputAttestations,
    verificationResult: 'PASSED',
    verifiedLevels: input.verifiedLevels,
    slsaVersion: '1.0',
    release: { ...release },
    builderPolicy: input.builderPolicy,
    unverified: {
      ...(input.reviewers
        ? { reviewers: input.reviewers.list, reviewersSource: input.reviewers.source }
        : {}),
      note: UNVERIFIED_NOTE,
    },
  });
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** What verification reads of a signed approval's predicate; undefined fields are absent or malformed. */
export interface ApprovalView {
  release?: ReleaseRef;
  /** sha256 digests of the provenance bundles the approval pins. */
  pinned: string[];
  verificationResult?: string;
  reviewers?: Reviewer[];
}

function releaseOf(raw: unknown): ReleaseRef | undefined {
  if (!isRecord(raw)) return undefined;
  const { repository, tag, commit } = raw;
  if (typeof repository !== 'string' || typeof tag !== 'string' || typeof commit !== 'string')
    return undefined;
  return { repository, tag, commit: commit.toLowerCase() };
}

function reviewersOf(raw: unknown): Reviewer[] | undefined {
  if (!isRecord(raw) || !Array.isArray(raw.reviewers)) return undefined;
  return raw.reviewers.filter(isRecord).map((r) => ({
    login: typeof r.login === 'string' ? r.login : '',
    state: typeof r.state === 'string' ? r.state : '',
    comment: typeof r.comment === 'string' ? r.comment : '',
  }));
}

/**
 * Reads an approval predicate defensively (it is whatever the approver signed). The release counts only when the
 * structured fields and `resourceUri` agree, so no consumer can read one and be told the other.
 */
export function readApproval(predicate: unknown): ApprovalView {
  if (!isRecord(predicate)) return { pinned: [] };
  const release = releaseOf(predicate.release);
  const agrees = release !== undefined && predicate.resourceUri === releaseUri(release);
  const pinned = Array.isArray(predicate.inputAttestations)
    ? predicate.inputAttestations
        .filter(isRecord)
        .map((a) => (isRecord(a.digest) ? a.digest.sha256 : undefined))
        .filter((d): d is string => typeof d === 'string' && /^[0-9a-fA-F]{64}$/.test(d))
        .map((d) => d.toLowerCase())
    : [];
  const reviewers = reviewersOf(predicate.unverified);
  return {
    ...(agrees ? { release } : {}),
    pinned,
    ...(typeof predicate.verificationResult === 'string'
      ? { verificationResult: predicate.verificationResult }
      : {}),
    ...(reviewers ? { reviewers } : {}),
  };
}
