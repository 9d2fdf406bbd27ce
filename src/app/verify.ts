import type { Bundle } from '@sigstore/bundle';
import type { CertificateClaims } from '../core/certificate-claims.js';
import { looksLikeDigestRef, parseDigestRef, type DigestAlgorithm, type DigestSet } from '../core/digest.js';
import { inputError, isProvenantError, ProvenantError, quote, type ErrorCode } from '../core/errors.js';
import { evaluatePolicy } from '../core/policy/evaluate.js';
import type { Policy, Violation } from '../core/policy/types.js';
import type { StatementView } from '../core/policy/statement-view.js';

/** A bundle as loaded from disk, with where it came from (file, or file:line for `.jsonl`). */
export interface BundleRecord {
  source: string;
  bundle: Bundle;
}

/** The cryptographic result the policy reads (see adapters/sigstore/verifier.ts). */
export interface CryptoResult {
  kind: 'dsse' | 'message-signature';
  statement?: StatementView;
  claims?: CertificateClaims;
  timestamps: Date[];
}

/** What the use case needs from the outside; the CLI and the action pass the real adapters, tests fakes. */
export interface VerifyPorts {
  /** 'file', 'directory', 'missing' or 'other' (sockets, devices). */
  kind(path: string): Promise<'file' | 'directory' | 'missing' | 'other'>;
  hashFile(path: string, algorithms: readonly DigestAlgorithm[]): Promise<DigestSet>;
  loadBundles(path: string): Promise<BundleRecord[]>;
  /** Bundle files (`*.sigstore.json`, `*.jsonl`) directly inside a directory. */
  listBundleFiles(dir: string): Promise<string[]>;
  resolve(...parts: string[]): string;
  basename(path: string): string;
  /** Throws a ProvenantError when the cryptography does not hold. */
  verifyCrypto(record: BundleRecord, artifact: DigestSet): CryptoResult;
  /** Which digest algorithms a bundle needs of the artifact (sha256 unless it names only others). */
  algorithmsFor(bundle: Bundle): DigestAlgorithm[];
}

export interface VerifyRequest {
  /** Paths, or `sha256:<hex>` digests. */
  artifacts: readonly string[];
  bundle?: string;
  bundleDir?: string;
  policy: Policy;
  /** Artifacts hashed at once; hashing is I/O bound, verification is not. */
  concurrency?: number;
}

export interface ArtifactReport {
  artifact: string;
  digest: DigestSet;
  verified: boolean;
  /** The bundle that verified, or the one whose failure is reported. */
  bundle?: string;
  /** First failure's code, for scripts; undefined when verified. */
  code?: ErrorCode;
  failures: { code: ErrorCode; rule: string; message: string }[];
  signer?: string;
  issuer?: string;
  source?: string;
  ref?: string;
  commit?: string;
  runner?: string;
  trigger?: string;
  invocation?: string;
  predicateType?: string;
  /** Earliest verified signing time, ISO 8601. */
  signedAt?: string;
}

export interface VerifyResult {
  verified: boolean;
  artifacts: ArtifactReport[];
}

interface ArtifactInput {
  given: string;
  path?: string;
  digest?: { algorithm: DigestAlgorithm; hex: string };
}

/** Checks every artifact argument up front, so a typo fails in a second instead of after hashing a release. */
async function resolveArtifacts(request: VerifyRequest, ports: VerifyPorts): Promise<ArtifactInput[]> {
  if (request.artifacts.length === 0) {
    throw inputError(
      'USAGE',
      'expected at least one ARTIFACT (a file path or sha256:<hex>), got none. Example: provenant verify dist/app.tgz --repo octo-org/app',
    );
  }
  const out: ArtifactInput[] = [];
  for (const given of request.artifacts) {
    if (looksLikeDigestRef(given)) {
      out.push({ given, digest: parseDigestRef(given, 'artifact') });
      continue;
    }
    const path = ports.resolve(given);
    const kind = await ports.kind(path);
    if (kind === 'missing') {
      throw inputError(
        'FILE_UNREADABLE',
        `artifact ${quote(given)}: expected a file, got nothing at that path. Check the path, or pass sha256:<hex> to verify by digest.`,
      );
    }
    if (kind !== 'file') {
      throw inputError(
        'NOT_REGULAR_FILE',
        `artifact ${quote(given)}: expected a regular file, got a ${kind === 'directory' ? 'directory' : 'special file'}. Pass the files inside it (e.g. ${given}/*).`,
      );
    }
    out.push({ given, path });
  }
  if (out.some((a) => a.digest) && request.bundle === undefined && request.bundleDir === undefined) {
    throw inputError(
      'USAGE',
      'expected --bundle FILE or --bundle-dir DIR when an artifact is given as a digest, got neither: a digest has no file beside which to look for <artifact>.sigstore.json.',
    );
  }
  return out;
}

/** Finds the bundles to try for an artifact: --bundle, --bundle-dir (its own file, else every bundle there), or beside it. */
class BundleSource {
  private readonly cache = new Map<string, Promise<BundleRecord[]>>();
  private dirAll?: Promise<BundleRecord[]>;
  private readonly request: VerifyRequest;
  private readonly ports: VerifyPorts;

  constructor(request: VerifyRequest, ports: VerifyPorts) {
    this.request = request;
    this.ports = ports;
  }

  private load(path: string): Promise<BundleRecord[]> {
    let hit = this.cache.get(path);
    if (!hit) {
      hit = this.ports.loadBundles(path);
      this.cache.set(path, hit);
    }
    return hit;
  }

  async forArtifact(artifact: ArtifactInput): Promise<BundleRecord[]> {
    const { bundle, bundleDir } = this.request;
    if (bundle !== undefined) return this.load(this.ports.resolve(bundle));
    if (bundleDir !== undefined) {
      const dir = this.ports.resolve(bundleDir);
      if (artifact.path) {
        const own = this.ports.resolve(dir, `${this.ports.basename(artifact.path)}.sigstore.json`);
        if ((await this.ports.kind(own)) === 'file') return this.load(own);
      }
      this.dirAll ??= (async () => {
        const files = await this.ports.listBundleFiles(dir);
        const all = await Promise.all(files.map((f) => this.load(f)));
        return all.flat();
      })();
      const records = await this.dirAll;
      if (records.length === 0) {
        throw new ProvenantError(
          'BUNDLE_NOT_FOUND',
          `--bundle-dir ${quote(bundleDir)}: expected *.sigstore.json or *.jsonl bundles, got none.`,
        );
      }
      return records;
    }
    return this.load(`${artifact.path!}.sigstore.json`);
  }
}

function digestOf(artifact: ArtifactInput): DigestSet {
  return artifact.digest ? { [artifact.digest.algorithm]: artifact.digest.hex } : {};
}

function describe(report: ArtifactReport, crypto: CryptoResult): void {
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
  }
  if (crypto.statement) report.predicateType = crypto.statement.predicateType;
  const earliest = crypto.timestamps
    .map((d) => d.getTime())
    .filter((t) => Number.isFinite(t))
    .sort((a, b) => a - b)[0];
  if (earliest !== undefined) report.signedAt = new Date(earliest).toISOString();
}

function failure(e: unknown): { code: ErrorCode; rule: string; message: string } {
  if (isProvenantError(e)) return { code: e.code, rule: 'bundle', message: e.message };
  return { code: 'INTERNAL', rule: 'bundle', message: e instanceof Error ? e.message : String(e) };
}

/** Lower is closer to verifying: used to pick which failed bundle to report when several were tried. */
function closeness(failures: readonly { code: ErrorCode; rule: string }[]): number {
  if (failures.some((f) => f.code === 'SUBJECT_MISMATCH')) return 3;
  if (failures.some((f) => f.rule === 'bundle')) return 2;
  return 1;
}

/**
 * Verifies each artifact against its bundle(s) and the policy. An artifact passes when at least one candidate
 * bundle passes both the cryptography and every policy rule; otherwise the closest failure is reported.
 */
export async function verifyArtifacts(request: VerifyRequest, ports: VerifyPorts): Promise<VerifyResult> {
  const artifacts = await resolveArtifacts(request, ports);
  const bundles = new BundleSource(request, ports);
  // DSSE verification does not depend on the artifact: verify each bundle once, however many artifacts share it.
  const dsseResults = new WeakMap<BundleRecord, CryptoResult | { error: unknown }>();

  const verifyOne = async (artifact: ArtifactInput): Promise<ArtifactReport> => {
    const report: ArtifactReport = {
      artifact: artifact.given,
      digest: digestOf(artifact),
      verified: false,
      failures: [],
    };
    let candidates: BundleRecord[];
    try {
      candidates = await bundles.forArtifact(artifact);
    } catch (e) {
      report.failures.push(failure(e));
      report.code = report.failures[0]!.code;
      return report;
    }
    if (artifact.path) {
      const algorithms = [...new Set(candidates.flatMap((c) => ports.algorithmsFor(c.bundle)))];
      try {
        report.digest = await ports.hashFile(artifact.path, algorithms.length > 0 ? algorithms : ['sha256']);
      } catch (e) {
        report.failures.push(failure(e));
        report.code = report.failures[0]!.code;
        return report;
      }
    }
    let best: { failures: ArtifactReport['failures']; bundle: string; crypto?: CryptoResult } | undefined;
    for (const record of candidates) {
      let crypto: CryptoResult;
      try {
        if (record.bundle.content.$case === 'dsseEnvelope') {
          let cached = dsseResults.get(record);
          if (!cached) {
            try {
              cached = ports.verifyCrypto(record, report.digest);
            } catch (e) {
              cached = { error: e };
            }
            dsseResults.set(record, cached);
          }
          if ('error' in cached) throw cached.error;
          crypto = cached;
        } else {
          crypto = ports.verifyCrypto(record, report.digest);
        }
      } catch (e) {
        const failures = [failure(e)];
        if (!best || closeness(failures) < closeness(best.failures))
          best = { failures, bundle: record.source };
        continue;
      }
      const input = {
        artifact: report.digest,
        ...(crypto.statement ? { statement: crypto.statement } : {}),
        ...(crypto.claims ? { claims: crypto.claims } : {}),
      };
      const violations: Violation[] = evaluatePolicy(input, request.policy);
      if (violations.length === 0) {
        report.verified = true;
        report.bundle = record.source;
        describe(report, crypto);
        return report;
      }
      if (!best || closeness(violations) < closeness(best.failures))
        best = { failures: violations, bundle: record.source, crypto };
    }
    if (best) {
      report.failures = best.failures;
      report.bundle = best.bundle;
      if (best.crypto) describe(report, best.crypto);
    }
    report.code = report.failures[0]?.code ?? 'BUNDLE_NOT_FOUND';
    return report;
  };

  const reports = new Array<ArtifactReport>(artifacts.length);
  const concurrency = Math.max(1, request.concurrency ?? 8);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, artifacts.length) }, async () => {
      while (next < artifacts.length) {
        const i = next++;
        reports[i] = await verifyOne(artifacts[i]!);
      }
    }),
  );
  return { verified: reports.every((r) => r.verified), artifacts: reports };
}
