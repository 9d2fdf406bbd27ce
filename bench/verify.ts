/**
 * Verify throughput: a release directory of N artifacts, each with `<artifact>.sigstore.json` beside it, signed
 * against the local Sigstore stack, verified end to end by the verify use case (stat, stream-hash, load with
 * limits, sigstore-js crypto, every policy rule). Baseline in the same run: bare sigstore-js verifying the same
 * bundles (parse + crypto + SAN/issuer, no hashing, no subject or source checks). Ratio > 1: we are faster.
 */
import { bundleFromJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signStatement } from '../src/adapters/sigstore/signer.js';
import { verifyArtifacts } from '../src/app/verify.js';
import { nodeVerifyPorts } from '../src/adapters/sigstore/verify-ports.js';
import { loadTrustedRootFile, trustMaterial } from '../src/adapters/sigstore/trust.js';
import { buildPolicy } from '../src/core/policy/build.js';
import { startSigstoreStack } from '../test-support/sigstore-stack/index.js';
import type { Row } from './hash.js';

export interface VerifyBenchOptions {
  /** Artifacts (and bundles) in the release directory; default 200. */
  readonly bundles?: number;
  /** Timed passes over the directory; the best one counts (default 3). */
  readonly passes?: number;
}

export interface VerifyBenchResult {
  readonly rows: Row[];
  /** Bundles per second, end to end through the verify use case. */
  readonly provenant: number;
  /** Bundles per second, bare sigstore-js. */
  readonly baseline: number;
}

const REPO = 'octo-org/octo-repo';
const REF = 'refs/tags/v1.0.0';
const SHA = '5f7b2e1c9a3d4b6e8f0a1c2e3d4f5a6b7c8d9e0f';
const IDENTITY = `https://github.com/${REPO}/.github/workflows/release.yml@${REF}`;

function statementFor(name: string, digest: string) {
  const repository = `https://github.com/${REPO}`;
  return {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name, digest: { sha256: digest } }],
    predicateType: 'https://slsa.dev/provenance/v1',
    predicate: {
      buildDefinition: {
        buildType: 'https://actions.github.io/buildtypes/workflow/v1',
        externalParameters: { workflow: { ref: REF, repository, path: '.github/workflows/release.yml' } },
        resolvedDependencies: [{ uri: `git+${repository}@${REF}`, digest: { gitCommit: SHA } }],
      },
    },
  };
}

/** The fastest pass of each variant, passes taken in turns so load from elsewhere falls on both alike. */
export async function bestInTurns(passes: number, fns: (() => Promise<void>)[]): Promise<number[]> {
  for (const fn of fns) await fn(); // warm: module loading and JIT are not what we measure
  const fastest = fns.map(() => Infinity);
  for (let i = 0; i < passes; i++) {
    for (const [k, fn] of fns.entries()) {
      const started = performance.now();
      await fn();
      fastest[k] = Math.min(fastest[k]!, performance.now() - started);
    }
  }
  return fastest;
}

export async function benchVerify(options: VerifyBenchOptions = {}): Promise<VerifyBenchResult> {
  const count = options.bundles ?? 200;
  const passes = options.passes ?? 3;
  const stack = await startSigstoreStack();
  const dir = await mkdtemp(join(tmpdir(), 'provenant-bench-verify-'));
  try {
    const token = stack.issueToken({ repository: REPO, ref: REF, sha: SHA });
    const names: string[] = [];
    for (let i = 0; i < count; i++) {
      const name = `artifact-${String(i).padStart(4, '0')}.bin`;
      const bytes = Buffer.from(`artifact ${i}\n`.repeat(64));
      await writeFile(join(dir, name), bytes);
      const digest = createHash('sha256').update(bytes).digest('hex');
      const signed = await signStatement(statementFor(name, digest), {
        endpoints: { fulcioUrl: stack.urls.fulcio, rekorUrl: stack.urls.rekor },
        identityToken: token,
      });
      await writeFile(join(dir, `${name}.sigstore.json`), signed.bundleJson);
      names.push(name);
    }

    const root = await loadTrustedRootFile(stack.trustedRootPath);
    const policy = buildPolicy({
      repo: REPO,
      sourceRef: REF,
      sourceDigest: SHA,
      denySelfHostedRunners: true,
    });
    const ports = nodeVerifyPorts(trustMaterial(root), dir);
    const bareTrust = toTrustMaterial(TrustedRoot.fromJSON(stack.trustedRoot));
    const [ours, bare] = await bestInTurns(passes, [
      async () => {
        const result = await verifyArtifacts({ artifacts: names, policy }, ports);
        if (!result.verified)
          throw new Error(
            `bench: verification failed: ${JSON.stringify(result.artifacts.find((a) => !a.verified))}`,
          );
      },
      async () => {
        const verifier = new Verifier(bareTrust);
        for (const name of names) {
          const bundle = bundleFromJSON(
            JSON.parse(await readFile(join(dir, `${name}.sigstore.json`), 'utf8')),
          );
          verifier.verify(toSignedEntity(bundle), {
            subjectAlternativeName: IDENTITY,
            extensions: { issuer: 'https://token.actions.githubusercontent.com' },
          });
        }
      },
    ]);

    const provenant = (count * 1000) / ours!;
    const baseline = (count * 1000) / bare!;
    return {
      provenant,
      baseline,
      rows: [
        {
          figure: `verify ${count} artifacts (bundles/s)`,
          value: provenant.toFixed(0),
          baseline: baseline.toFixed(0),
          ratio: (provenant / baseline).toFixed(2),
        },
      ],
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
    await stack.stop();
  }
}
