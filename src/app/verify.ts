import type { DigestAlgorithm } from '../core/digest.js';
import { describePolicy, describeRelease } from '../core/policy/describe.js';
import type { Policy } from '../core/policy/types.js';
import type { ArtifactReport, VerifyResult } from '../core/verify-report.js';
import { givenDigest, resolveArtifacts, type ArtifactInput, type BundleChoice } from './verify-artifacts.js';
import { CandidateBundles } from './verify-bundles.js';
import { asFailure, chooseBundle, cryptoChecker } from './verify-candidates.js';
import { ApprovalFiles, checkRelease, markProvenanceFailures } from './verify-approval.js';
import type { ReleasePolicy } from '../core/approval/options.js';
import type { LoadedBundle, VerifiedBundle, VerifyPorts } from './ports.js';

export interface VerifyRequest extends BundleChoice {
  /** Paths, or `sha256:<hex>` digests. */
  artifacts: readonly string[];
  policy: Policy;
  /** Artifacts hashed at once; hashing is I/O bound, verification is not. */
  concurrency?: number;
  /** The digest algorithm to hash files with (--digest-alg); default: the ones their bundles name. */
  algorithm?: DigestAlgorithm;
  /** The release's rules beyond its provenance: an approval signature, the tag, the minimum version. */
  release?: ReleasePolicy;
  /** --approval-bundle: the approval for every artifact (default: approval.sigstore.json beside the provenance). */
  approvalBundle?: string;
  /** When "now" is, for --max-age (default: the clock). */
  now?: Date;
}

/** Adds what the certificate and the statement vouch for to the report. */
function describe(report: ArtifactReport, crypto: VerifiedBundle): void {
  const c = crypto.claims;
  if (c) {
    const set = <K extends keyof ArtifactReport>(key: K, value: ArtifactReport[K] | undefined) => {
      if (value !== undefined) report[key] = value;
    };
    set('signer', c.buildSignerURI ?? c.subjectAlternativeName);
    set('issuer', c.issuer);
    set('source', c.sourceRepositoryURI);
    set('ref', c.sourceRepositoryRef);
    set('commit', c.sourceRepositoryDigest);
    set('runner', c.runnerEnvironment);
    set('trigger', c.buildTrigger);
    set('invocation', c.runInvocationURI);
    set('environment', c.deploymentEnvironment);
    set('tokenSubject', c.tokenSubject);
    report.certificate = c;
  }
  if (crypto.statement) report.predicateType = crypto.statement.predicateType;
  const earliest = crypto.timestamps
    .map((d) => d.getTime())
    .filter((t) => Number.isFinite(t))
    .sort((a, b) => a - b)[0];
  if (earliest !== undefined) report.signedAt = new Date(earliest).toISOString();
}

/** Runs `work` over `items` with at most `concurrency` at a time, keeping the results in order. */
async function inTurns<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(Math.max(1, concurrency), items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]!);
      }
    }),
  );
  return results;
}

function approvalFiles(request: VerifyRequest, release: ReleasePolicy, ports: VerifyPorts): ApprovalFiles {
  return new ApprovalFiles(
    {
      release,
      policy: request.policy,
      ...(request.approvalBundle !== undefined ? { approvalBundle: request.approvalBundle } : {}),
      ...(request.bundleDir !== undefined ? { bundleDir: request.bundleDir } : {}),
      now: request.now ?? new Date(),
    },
    ports,
  );
}

/**
 * Verifies each artifact against its bundle(s) and the policy. An artifact passes when at least one candidate
 * bundle passes both the cryptography and every policy rule; otherwise the closest failure is reported.
 */
export async function verifyArtifacts(request: VerifyRequest, ports: VerifyPorts): Promise<VerifyResult> {
  const artifacts = await resolveArtifacts(request.artifacts, request, ports);
  const bundles = new CandidateBundles(request, ports);
  const crypto = cryptoChecker(ports);
  const { release } = request;
  const approvals = release ? approvalFiles(request, release, ports) : undefined;

  const verifyOne = async (artifact: ArtifactInput): Promise<ArtifactReport> => {
    const report: ArtifactReport = {
      artifact: artifact.given,
      digest: givenDigest(artifact),
      verified: false,
      failures: [],
    };
    let candidates: LoadedBundle[];
    try {
      candidates = await bundles.forArtifact(artifact);
      if (artifact.path) {
        const named = [...new Set(candidates.flatMap((c) => ports.algorithmsFor(c.bundle)))];
        const algorithms = request.algorithm
          ? [request.algorithm]
          : named.length > 0
            ? named
            : ['sha256' as const];
        report.digest = await ports.hashFile(artifact.path, algorithms);
      }
    } catch (e) {
      report.failures.push(asFailure(e));
      if (release?.approval) markProvenanceFailures(report);
      report.code = report.failures[0]!.code;
      return report;
    }
    const choice = chooseBundle(candidates, report.digest, request.policy, crypto);
    if (choice) {
      report.verified = choice.verified;
      report.bundle = choice.bundle;
      if (choice.bundlePath !== undefined) report.bundlePath = choice.bundlePath;
      if (!choice.verified) report.failures = choice.failures;
      if (choice.crypto) describe(report, choice.crypto);
      if (approvals && choice.verified)
        await checkRelease(report, choice, candidates, {
          files: approvals,
          request: approvals.request,
          crypto,
        });
    }
    if (release?.approval && !choice?.verified) markProvenanceFailures(report);
    if (!report.verified) report.code = report.failures[0]?.code ?? 'BUNDLE_NOT_FOUND';
    return report;
  };

  const reports = await inTurns(artifacts, request.concurrency ?? 8, verifyOne);
  return {
    verified: reports.every((r) => r.verified),
    policy: describePolicy(request.policy),
    ...(release ? { release: describeRelease(release) } : {}),
    artifacts: reports,
    skipped: bundles.skipped,
  };
}
