/**
 * The second signature of a release: with --require-approval, an artifact whose provenance verified passes only when
 * an approval signature authorizes that provenance (core/approval/check.ts says what that takes). Approvals come from
 * --approval-bundle, else `approval.sigstore.json` beside the provenance bundle and in --bundle-dir. Without an
 * approval requirement, only the release's tag rules apply (--expected-tag, --min-version).
 */
import { checkApproval, tagOfRef, type ApprovalCheck } from '../core/approval/check.js';
import type { ReleasePolicy } from '../core/approval/options.js';
import { APPROVAL_BUNDLE, readApproval } from '../core/approval/predicate.js';
import { expectedTagViolation, minVersionViolation } from '../core/approval/release.js';
import type { DigestSet } from '../core/digest.js';
import type { Policy, Violation } from '../core/policy/types.js';
import type { ApprovalReport, ArtifactReport } from '../core/verify-report.js';
import { asFailure, chooseBundle, type Choice } from './verify-candidates.js';
import type { LoadedBundle, VerifiedBundle, VerifyPorts } from './ports.js';

export interface ReleaseRequest {
  release: ReleasePolicy;
  policy: Policy;
  approvalBundle?: string;
  bundleDir?: string;
  /** When "now" is, for --max-age. */
  now: Date;
}

type Crypto = (loaded: LoadedBundle, artifact: DigestSet) => VerifiedBundle;
type Verified = Extract<Choice, { verified: true }>;

/** Loads each approval file once and hashes each provenance file once, however many artifacts share them. */
export class ApprovalFiles {
  private readonly loads = new Map<string, Promise<LoadedBundle[]>>();
  private readonly digests = new Map<string, Promise<string | undefined>>();
  readonly request: ReleaseRequest;
  private readonly ports: VerifyPorts;

  constructor(request: ReleaseRequest, ports: VerifyPorts) {
    this.request = request;
    this.ports = ports;
  }

  /** The approval bundles that may authorize a provenance bundle at `provenancePath`, in the order tried. */
  async forProvenance(provenancePath: string | undefined): Promise<LoadedBundle[]> {
    const { approvalBundle, bundleDir } = this.request;
    const r = (...parts: string[]) => this.ports.resolve(...parts);
    const paths = approvalBundle
      ? [r(approvalBundle)]
      : [
          ...(provenancePath ? [r(provenancePath, '..', APPROVAL_BUNDLE)] : []),
          ...(bundleDir ? [r(bundleDir, APPROVAL_BUNDLE)] : []),
        ];
    const out: LoadedBundle[] = [];
    for (const path of [...new Set(paths)]) {
      // An explicit --approval-bundle must exist (the loader says so); a looked-up one may be absent.
      if (!approvalBundle && (await this.ports.kind(path)) !== 'file') continue;
      let hit = this.loads.get(path);
      if (!hit) this.loads.set(path, (hit = this.ports.loadBundles(path)));
      out.push(...(await hit));
    }
    return out;
  }

  sha256(path: string | undefined): Promise<string | undefined> {
    if (path === undefined) return Promise.resolve(undefined);
    let hit = this.digests.get(path);
    if (!hit) this.digests.set(path, (hit = this.ports.hashFile(path, ['sha256']).then((d) => d.sha256)));
    return hit;
  }

  where(): string {
    const { approvalBundle, bundleDir } = this.request;
    if (approvalBundle) return `--approval-bundle ${approvalBundle}`;
    return `${APPROVAL_BUNDLE} beside the provenance bundle${bundleDir ? ` or in --bundle-dir ${bundleDir}` : ''}`;
  }
}

interface Attempt {
  violations: Violation[];
  report?: ApprovalReport;
}

/** The provenance the approval is measured against: the pinned one when it verifies, else the one that verified. */
async function provenanceFor(
  pinned: string[],
  artifact: DigestSet,
  chosen: Verified,
  candidates: readonly LoadedBundle[],
  ctx: { files: ApprovalFiles; policy: Policy; crypto: Crypto },
): Promise<ApprovalCheck['provenance']> {
  const own = { source: chosen.bundle, ...chosen.crypto };
  const ownSha = await ctx.files.sha256(chosen.bundlePath);
  if (ownSha !== undefined && pinned.includes(ownSha)) return { ...own, sha256: ownSha };
  const matching: LoadedBundle[] = [];
  for (const c of candidates) if (pinned.includes((await ctx.files.sha256(c.path)) ?? '')) matching.push(c);
  const pinnedChoice = chooseBundle(matching, artifact, ctx.policy, ctx.crypto);
  if (pinnedChoice?.verified)
    return {
      source: pinnedChoice.bundle,
      ...pinnedChoice.crypto,
      ...(pinnedChoice.bundlePath !== undefined
        ? { sha256: (await ctx.files.sha256(pinnedChoice.bundlePath))! }
        : {}),
    };
  return {
    ...own,
    ...(ownSha !== undefined ? { sha256: ownSha } : {}),
    ...(pinnedChoice && !pinnedChoice.verified
      ? { pinnedFailure: { source: pinnedChoice.bundle, message: pinnedChoice.failures[0]!.message } }
      : {}),
  };
}

async function tryApproval(
  approval: LoadedBundle,
  artifact: DigestSet,
  chosen: Verified,
  candidates: readonly LoadedBundle[],
  ctx: { files: ApprovalFiles; request: ReleaseRequest; crypto: Crypto },
): Promise<Attempt> {
  let signed: VerifiedBundle;
  try {
    signed = ctx.crypto(approval, artifact);
  } catch (e) {
    const f = asFailure(e);
    return {
      violations: [
        { ...f, code: 'APPROVAL_INVALID', rule: 'approval', message: `approval signature: ${f.message}` },
      ],
    };
  }
  const view = signed.statement ? readApproval(signed.statement.predicate) : { pinned: [] };
  const { release, policy, now } = ctx.request;
  const provenance = await provenanceFor(view.pinned, artifact, chosen, candidates, { ...ctx, policy });
  const { violations, facts } = checkApproval({
    artifact,
    approval: { source: approval.source, ...signed },
    provenance,
    policy: { ...release, approval: release.approval! },
    now,
  });
  if (violations.length > 0 || !facts) return { violations };
  const c = signed.claims;
  const report: ApprovalReport = {
    bundle: approval.source,
    ...(approval.path !== undefined ? { bundlePath: approval.path } : {}),
    ...(c?.subjectAlternativeName !== undefined ? { signer: c.subjectAlternativeName } : {}),
    ...(c?.deploymentEnvironment !== undefined ? { environment: c.deploymentEnvironment } : {}),
    ...(facts.view.release ? { tag: facts.view.release.tag, commit: facts.view.release.commit } : {}),
    signedAt: facts.signedAt.toISOString(),
    provenance: provenance.source,
    ...(facts.view.reviewers ? { reviewers: facts.view.reviewers } : {}),
  };
  return { violations: [], report };
}

/** Says which signature a provenance failure is about, once two are in play. */
export function markProvenanceFailures(report: ArtifactReport): void {
  report.failures = report.failures.map((f) => ({
    ...f,
    message: `provenance signature${report.bundle ? ` (${report.bundle})` : ''}: ${f.message}`,
  }));
}

/**
 * Applies the release policy to an artifact whose provenance verified: the approval (when required), then the tag
 * rules. Failures go into the report, which then no longer counts as verified.
 */
export async function checkRelease(
  report: ArtifactReport,
  chosen: Verified,
  candidates: readonly LoadedBundle[],
  ctx: { files: ApprovalFiles; request: ReleaseRequest; crypto: Crypto },
): Promise<void> {
  const { release } = ctx.request;
  const violations: Violation[] = [];
  let tag: { value: string | undefined; whence: string } = {
    value: tagOfRef(chosen.crypto.claims?.sourceRepositoryRef),
    whence: "the provenance's source ref",
  };
  if (release.approval) {
    const attempt = await approvalOf(report.digest, chosen, candidates, ctx);
    violations.push(...attempt.violations);
    if (attempt.report) {
      report.approval = attempt.report;
      tag = { value: attempt.report.tag, whence: 'the approved tag' };
    }
  }
  const expected = expectedTagViolation(release, chosen.crypto.claims);
  if (expected) violations.push(expected);
  const version = minVersionViolation(release, tag.value, tag.whence);
  if (version) violations.push(version);
  if (violations.length === 0) return;
  report.verified = false;
  report.failures = violations;
}

async function approvalOf(
  artifact: DigestSet,
  chosen: Verified,
  candidates: readonly LoadedBundle[],
  ctx: { files: ApprovalFiles; request: ReleaseRequest; crypto: Crypto },
): Promise<Attempt> {
  let approvals: LoadedBundle[];
  try {
    approvals = await ctx.files.forProvenance(chosen.bundlePath);
  } catch (e) {
    const f = asFailure(e);
    return { violations: [{ ...f, rule: 'approval', message: `approval signature: ${f.message}` }] };
  }
  if (approvals.length === 0)
    return {
      violations: [
        {
          code: 'APPROVAL_MISSING',
          rule: 'approval',
          message:
            `approval signature: expected one (${ctx.files.where()}), got none. The provenance signature verified: ` +
            'this build is authentic, but nothing says the maintainers released it. Download approval.sigstore.json from the release, or pass --approval-bundle FILE.',
        },
      ],
    };
  let first: Attempt | undefined;
  for (const approval of approvals) {
    const attempt = await tryApproval(approval, artifact, chosen, candidates, ctx);
    if (attempt.report) return attempt;
    first ??= attempt;
  }
  return first!;
}
