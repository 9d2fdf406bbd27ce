/**
 * Whether an approval signature authorizes one artifact's provenance. Everything here was verified already (the
 * approval's signature, certificate and log/TSA times, and the provenance that verified for the artifact); these are
 * the relations between the two signatures that make an approval mean "the maintainers released this build".
 * Times are only ever verified log or TSA times: a statement's own `timeVerified` is whatever its signer wrote.
 */
import type { CertificateClaims } from '../certificate-claims.js';
import type { DigestSet } from '../digest.js';
import type { ErrorCode } from '../errors.js';
import { evaluatePolicy } from '../policy/evaluate.js';
import type { StatementView } from '../policy/statement-view.js';
import type { Violation } from '../policy/types.js';
import { showDuration } from './duration.js';
import type { ReleasePolicy } from './options.js';
import { readApproval, type ApprovalView } from './predicate.js';

/** A signature as the cryptography left it. */
export interface SignedView {
  statement?: StatementView;
  claims?: CertificateClaims;
  /** Verified signing times (log integrated times, RFC 3161 timestamps). */
  timestamps: Date[];
}

export interface ApprovalCheck {
  artifact: DigestSet;
  approval: SignedView & { source: string };
  provenance: SignedView & {
    source: string;
    sha256?: string;
    /** A bundle the approval pins that was offered but did not verify, and why. */
    pinnedFailure?: { source: string; message: string };
  };
  policy: Required<Pick<ReleasePolicy, 'approval'>> & ReleasePolicy;
  now: Date;
}

/** What an approval that passed says, for the report. */
export interface ApprovalFacts {
  view: ApprovalView;
  signedAt: Date;
}

/** The rule codes of the approver's policy, as the approval's own codes. */
const APPROVER_CODES: Partial<Record<ErrorCode, ErrorCode>> = {
  SUBJECT_MISMATCH: 'APPROVAL_SUBJECT_MISMATCH',
  ENVIRONMENT_MISMATCH: 'APPROVAL_ENVIRONMENT_MISMATCH',
  PREDICATE_TYPE_MISMATCH: 'APPROVAL_INVALID',
};

/** Every approval violation says it is about the approval signature, and which file. */
export function approvalViolation(source: string, code: ErrorCode, message: string): Violation {
  return { code, rule: 'approval', message: `approval signature (${source}): ${message}` };
}

export const earliest = (times: readonly Date[]): Date | undefined => {
  const ms = times.map((d) => d.getTime()).filter(Number.isFinite);
  return ms.length === 0 ? undefined : new Date(Math.min(...ms));
};

/** `refs/tags/v1.2.3` → `v1.2.3`; undefined for any other ref. */
export const tagOfRef = (ref: string | undefined): string | undefined =>
  ref?.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : undefined;

const identityOf = (c: CertificateClaims | undefined) =>
  `${JSON.stringify(c?.subjectAlternativeName ?? null)} (environment ${JSON.stringify(c?.deploymentEnvironment ?? null)})`;

/** The builder may not approve its own build: the two certificates must differ in workflow or environment. */
function distinctIdentity(check: ApprovalCheck): string | undefined {
  const [a, p] = [check.approval.claims, check.provenance.claims];
  if (!a || !p) return undefined;
  if (a.subjectAlternativeName !== p.subjectAlternativeName) return undefined;
  if (a.deploymentEnvironment !== p.deploymentEnvironment) return undefined;
  return (
    `expected a signer other than the builder, got the builder's own identity ${identityOf(a)}, which also signed ` +
    `the provenance (${check.provenance.source}). A build cannot authorize itself: approve from a job in a protected ` +
    'environment (environment: release), whose certificate names it.'
  );
}

function releaseProblems(check: ApprovalCheck, view: ApprovalView): string[] {
  const release = view.release;
  if (!release)
    return [
      'expected a release (repository, tag, commit) that agrees with its resourceUri, got none: this is not an approval Provenant made.',
    ];
  const p = check.provenance.claims;
  const wanted = check.policy.expectedTag ?? tagOfRef(p?.sourceRepositoryRef);
  const out: string[] = [];
  if (wanted === undefined)
    out.push(
      `expected --expected-tag TAG: the provenance was built from ${JSON.stringify(p?.sourceRepositoryRef ?? null)}, not a tag, so nothing says which release this must be.`,
    );
  else if (release.tag !== wanted)
    out.push(
      `expected an approval of tag ${JSON.stringify(wanted)}${check.policy.expectedTag ? ' (--expected-tag)' : " (the provenance's source ref)"}, got one for ${JSON.stringify(release.tag)}. An approval of another release authorizes nothing here.`,
    );
  const commit = p?.sourceRepositoryDigest?.toLowerCase();
  if (commit !== undefined && release.commit !== commit)
    out.push(
      `expected the approved commit to be the one the provenance was built from (${commit}), got ${release.commit}.`,
    );
  const repo = p?.sourceRepositoryURI;
  if (repo !== undefined && release.repository.toLowerCase() !== repo.toLowerCase())
    out.push(`expected an approval of a release of ${repo}, got one of ${release.repository}.`);
  return out;
}

function timeProblems(check: ApprovalCheck, signedAt: Date): Violation[] {
  const out: Violation[] = [];
  const src = check.approval.source;
  const built = earliest(check.provenance.timestamps);
  // Rekor's integrated time is whole seconds: compare to the second, so a same-second approval is not "older".
  if (built && Math.floor(signedAt.getTime() / 1000) < Math.floor(built.getTime() / 1000))
    out.push(
      approvalViolation(
        src,
        'APPROVAL_BEFORE_PROVENANCE',
        `expected it to be signed after the provenance it approves (logged ${built.toISOString()}), got ${signedAt.toISOString()}: ` +
          'an approval older than the build cannot have approved it. This is what serving an old approval with a new build looks like.',
      ),
    );
  const maxAge = check.policy.approval.maxAgeMs;
  const age = check.now.getTime() - signedAt.getTime();
  if (maxAge !== undefined && age > maxAge)
    out.push(
      approvalViolation(
        src,
        'APPROVAL_TOO_OLD',
        `expected one signed within --max-age ${showDuration(maxAge)}, got one logged ${signedAt.toISOString()} (${showDuration(age)} ago). ` +
          'A stale approval is how a frozen mirror keeps serving an old release; ask for the current one.',
      ),
    );
  return out;
}

function pinProblem(check: ApprovalCheck, view: ApprovalView): string | undefined {
  const ours = check.provenance.sha256;
  if (ours !== undefined && view.pinned.includes(ours)) return undefined;
  return (
    `expected it to pin the provenance bundle that verified this artifact (${check.provenance.source}, sha256:${ours ?? 'unknown'}), ` +
    `got ${view.pinned.length === 0 ? 'no pins' : `pins ${view.pinned.map((d) => `sha256:${d}`).join(', ')}`}: ` +
    (check.provenance.pinnedFailure
      ? `the bundle it pins, ${check.provenance.pinnedFailure.source}, does not verify (${check.provenance.pinnedFailure.message})`
      : 'none of the provenance bundles offered is one it pins, so what it approved is not what verified here.')
  );
}

/**
 * Every way the approval fails to authorize this artifact's provenance (empty: it does), first cause first: who
 * signed, what it names, when it was signed, and which provenance it pins.
 */
export function checkApproval(check: ApprovalCheck): { violations: Violation[]; facts?: ApprovalFacts } {
  const src = check.approval.source;
  const same = distinctIdentity(check);
  const violations: Violation[] = same ? [approvalViolation(src, 'APPROVAL_SAME_IDENTITY', same)] : [];
  const approver = evaluatePolicy(
    {
      artifact: check.artifact,
      ...(check.approval.statement ? { statement: check.approval.statement } : {}),
      ...(check.approval.claims ? { claims: check.approval.claims } : {}),
    },
    check.policy.approval.approver,
  );
  for (const v of approver)
    violations.push(approvalViolation(src, APPROVER_CODES[v.code] ?? 'APPROVAL_SIGNER_MISMATCH', v.message));
  if (!check.approval.statement) return { violations };
  const view = readApproval(check.approval.statement.predicate);
  if (view.verificationResult !== 'PASSED')
    violations.push(
      approvalViolation(
        src,
        'APPROVAL_INVALID',
        `expected verificationResult PASSED, got ${JSON.stringify(view.verificationResult ?? null)}.`,
      ),
    );
  for (const m of releaseProblems(check, view))
    violations.push(approvalViolation(src, 'APPROVAL_TAG_MISMATCH', m));
  const signedAt = earliest(check.approval.timestamps);
  if (!signedAt) {
    violations.push(
      approvalViolation(src, 'APPROVAL_INVALID', 'expected a verified log or timestamp time, got none.'),
    );
    return { violations };
  }
  violations.push(...timeProblems(check, signedAt));
  const pin = pinProblem(check, view);
  if (pin) violations.push(approvalViolation(src, 'APPROVAL_PROVENANCE_MISMATCH', pin));
  return { violations, facts: { view, signedAt } };
}
