/**
 * The approve use case: verify the release's provenance against the builder's policy, then sign an approval over the
 * same artifacts (SLSA VSA v1, core/approval/predicate.ts) that pins the release and the provenance bundles it
 * verified, and write it to disk. It refuses before anything is signed when the provenance does not verify, names
 * more than one commit, or was signed by this very identity (a build cannot authorize itself).
 */
import { createHash } from 'node:crypto';
import {
  approvalStatement,
  APPROVAL_BUNDLE,
  type ResourceRef,
  type Reviewer,
} from '../core/approval/predicate.js';
import { ProvenantError } from '../core/errors.js';
import { describePolicy } from '../core/policy/describe.js';
import type { Statement } from '../core/statement.js';
import type { ArtifactReport } from '../core/verify-report.js';
import { PROVENANT_VERSION } from '../version.js';
import type { BundleFacts, IdentityPort, Logged, SigningIdentity, VerifyPorts } from './ports.js';
import { verifyArtifacts, type VerifyRequest } from './verify.js';

export interface ApproveRequest {
  /** The artifacts and provenance bundles to approve, and the builder's policy they must verify against. */
  provenance: Omit<VerifyRequest, 'release' | 'approvalBundle'>;
  tag: string;
  outputDir: string;
  /** The release policy document (e.g. RELEASE.md): where it is, and its path in the repository. */
  policyFile?: { path: string; name: string };
}

export interface ApprovePorts extends Logged {
  verify: VerifyPorts;
  signing: IdentityPort;
  writeFile(path: string, data: string): Promise<string>;
  /** The deployment's reviewers as GitHub reports them, when readable (the action); absent: not recorded. */
  reviewers?(
    claims: Readonly<Record<string, unknown>>,
  ): Promise<{ list: Reviewer[]; source: string } | undefined>;
  now(): Date;
}

export interface ApproveResult {
  path: string;
  /** The protected environment the approving job ran in (its token's `environment`), if any. */
  environment?: string;
  statement: Statement;
  facts: BundleFacts;
  artifacts: ArtifactReport[];
}

const sha256Text = (text: string) => createHash('sha256').update(text).digest('hex');

/** Every artifact's provenance verified, from one repository and one commit: the release the approval names. */
function releaseOf(reports: ArtifactReport[], tag: string) {
  const failed = reports.filter((r) => !r.verified);
  if (failed.length > 0)
    throw new ProvenantError(
      failed[0]!.code === 'BUNDLE_NOT_FOUND' ? 'BUNDLE_NOT_FOUND' : 'PROVENANCE_NOT_VERIFIED',
      `refusing to approve: expected every artifact's provenance to verify, got ${failed.length} of ${reports.length} that did not: ` +
        failed
          .slice(0, 5)
          .map((r) => `${r.artifact} [${r.code}] ${(r.failures[0]?.message ?? '').replace(/\.$/, '')}`)
          .join('; ') +
        '. Nothing was signed.',
    );
  const pairs = new Set(reports.map((r) => `${r.source ?? ''} ${r.commit ?? ''}`));
  const [repository, commit] = [...pairs][0]!.split(' ');
  if (pairs.size !== 1 || !repository || !commit)
    throw new ProvenantError(
      'PROVENANCE_NOT_VERIFIED',
      `refusing to approve: expected the provenance of one repository and commit, got ${[...pairs].map((p) => JSON.stringify(p)).join(', ')}. ` +
        'A release is one commit: approve each build on its own.',
    );
  return { repository, tag, commit: commit.toLowerCase() };
}

/** The builder may not approve its build: refused when this identity signed any of the provenance. */
function refuseBuilder(identity: SigningIdentity, reports: ArtifactReport[], server: string): string {
  const { claims } = identity;
  const san =
    typeof claims.job_workflow_ref === 'string' ? `${server}/${claims.job_workflow_ref}` : undefined;
  const environment = typeof claims.environment === 'string' ? claims.environment : undefined;
  const same = reports.find(
    (r) =>
      r.certificate?.subjectAlternativeName === san && r.certificate?.deploymentEnvironment === environment,
  );
  if (same)
    throw new ProvenantError(
      'APPROVAL_SAME_IDENTITY',
      `refusing to approve: expected an identity other than the builder's, got the one that signed the provenance of ${same.artifact} ` +
        `(${JSON.stringify(san ?? null)}, environment ${JSON.stringify(environment ?? null)}). Run the approval in its own job with ` +
        '`environment: <a protected environment>`, so its certificate names the environment. Nothing was signed.',
    );
  return san ?? (typeof claims.sub === 'string' ? claims.sub : '');
}

async function inputAttestations(
  reports: ArtifactReport[],
  release: { repository: string; tag: string },
  ports: ApprovePorts,
): Promise<ResourceRef[]> {
  const paths = [...new Set(reports.map((r) => r.bundlePath).filter((p): p is string => p !== undefined))];
  return Promise.all(
    paths.sort().map(async (path) => ({
      uri: `${release.repository}/releases/download/${release.tag}/${ports.verify.basename(path)}`,
      digest: { sha256: (await ports.verify.hashFile(path, ['sha256'])).sha256! },
    })),
  );
}

/** The release policy document when given; else the builder policy itself, pinned by the digest of its JSON. */
async function policyRef(
  request: ApproveRequest,
  release: { repository: string; commit: string },
  ports: ApprovePorts,
): Promise<ResourceRef> {
  if (request.policyFile) {
    const digest = await ports.verify.hashFile(request.policyFile.path, ['sha256']);
    return {
      uri: `${release.repository}/blob/${release.commit}/${request.policyFile.name}`,
      digest: { sha256: digest.sha256! },
    };
  }
  return {
    uri: `https://github.com/provenant-org/provenant/blob/v${PROVENANT_VERSION}/docs/release-approval.md#the-builder-policy`,
    digest: { sha256: sha256Text(JSON.stringify(describePolicy(request.provenance.policy))) },
  };
}

export async function approveRelease(request: ApproveRequest, ports: ApprovePorts): Promise<ApproveResult> {
  const { log } = ports;
  const verified = await verifyArtifacts(request.provenance, ports.verify);
  const release = releaseOf(verified.artifacts, request.tag);
  log.info(
    `Provenance of ${verified.artifacts.length} artifact(s) verified: ${release.repository} at ${release.commit}`,
  );
  const identity = await ports.signing.identity();
  const me = refuseBuilder(identity, verified.artifacts, request.provenance.policy.server);
  if (typeof identity.claims.environment !== 'string')
    log.warn(
      'this job ran in no environment: its approval names no protected environment, and verifiers asking for one (--approver-environment) will refuse it.',
    );
  const reviewers = ports.reviewers ? await ports.reviewers(identity.claims) : undefined;
  const statement = approvalStatement({
    subjects: verified.artifacts.map((a) => ({ name: a.artifact, digest: a.digest })),
    release,
    policy: await policyRef(request, release, ports),
    inputAttestations: await inputAttestations(verified.artifacts, release, ports),
    builderPolicy: describePolicy(request.provenance.policy),
    verifiedLevels: verified.artifacts.every((a) => a.runner === 'github-hosted')
      ? ['SLSA_BUILD_LEVEL_2']
      : ['SLSA_BUILD_LEVEL_1'],
    timeVerified: ports.now(),
    version: PROVENANT_VERSION,
    ...(reviewers ? { reviewers } : {}),
  });
  const session = await ports.signing.session(identity, { identity: me });
  const signed = await session.sign(statement);
  const path = await ports.writeFile(`${request.outputDir}/${APPROVAL_BUNDLE}`, signed.bundleJson);
  log.info(`Approval written to ${path}`);
  if (session.verifyAfterSign) await session.verifyAfterSign(signed.bundle);
  const environment =
    typeof identity.claims.environment === 'string' ? identity.claims.environment : undefined;
  return {
    path,
    ...(environment !== undefined ? { environment } : {}),
    statement,
    facts: signed.facts,
    artifacts: verified.artifacts,
  };
}
