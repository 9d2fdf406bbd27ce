/**
 * Verify throughput: the release directory of N artifacts (1,000 by default), each with `<artifact>.sigstore.json`
 * beside it, signed against the local Sigstore stack one certificate per bundle as Provenant signs a per-subject
 * release. Timed as a user runs it, `node dist/cli.js verify DIR` with a full GitHub policy (stat, stream-hash, load
 * with limits, sigstore-js crypto on every core, every policy rule), against a baseline in the same run: a script of
 * bare sigstore-js verifying the same bundles in one process (parse + crypto + SAN/issuer, no hashing, no subject or
 * source checks), started the same way. Runs alternate; the median and the range of BENCH_RUNS runs are reported.
 * Ratio > 1: Provenant is faster.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signStatement } from '../src/adapters/sigstore/signer.js';
import { repoRoot } from '../test-support/action-runner.js';
import { startSigstoreStack } from '../test-support/sigstore-stack/index.js';
import type { Row } from './hash.js';
import { launcher } from './launcher.js';

export interface VerifyBenchOptions {
  /** Artifacts (and bundles) in the release directory; default 1000. */
  readonly bundles?: number;
  /** Timed runs of each variant, after one warm-up (default BENCH_RUNS, else 3). */
  readonly runs?: number;
}

export interface VerifyBenchResult {
  readonly rows: Row[];
  /** Median bundles per second, end to end through the CLI. */
  readonly provenant: number;
  /** Median bundles per second, bare sigstore-js. */
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

/** The baseline: sigstore-js as its README shows it, one Verifier for every bundle of the directory. */
const BARE = `
import { createRequire } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
const require = createRequire(${JSON.stringify(join(repoRoot, 'package.json'))});
const { bundleFromJSON } = require('@sigstore/bundle');
const { TrustedRoot } = require('@sigstore/protobuf-specs');
const { toSignedEntity, toTrustMaterial, Verifier } = require('@sigstore/verify');
const [dir, root] = process.argv.slice(2);
const verifier = new Verifier(toTrustMaterial(TrustedRoot.fromJSON(JSON.parse(readFileSync(root, 'utf8')))));
for (const name of readdirSync(dir).filter((n) => n.endsWith('.sigstore.json')))
  verifier.verify(toSignedEntity(bundleFromJSON(JSON.parse(readFileSync(dir + '/' + name, 'utf8')))), {
    subjectAlternativeName: ${JSON.stringify(IDENTITY)},
    extensions: { issuer: 'https://token.actions.githubusercontent.com' },
  });
`;

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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Signs `count` artifacts into `release/`, one bundle (and one certificate) each. */
async function signRelease(dir: string, count: number): Promise<string> {
  const stack = await startSigstoreStack();
  try {
    const release = join(dir, 'release');
    await mkdir(release);
    await writeFile(join(dir, 'trusted_root.json'), JSON.stringify(stack.trustedRoot));
    const token = stack.issueToken({ repository: REPO, ref: REF, sha: SHA });
    for (let i = 0; i < count; i++) {
      const name = `artifact-${String(i).padStart(4, '0')}.bin`;
      const bytes = Buffer.from(`artifact ${i}\n`.repeat(64));
      await writeFile(join(release, name), bytes);
      const digest = createHash('sha256').update(bytes).digest('hex');
      const signed = await signStatement(statementFor(name, digest), {
        endpoints: { fulcioUrl: stack.urls.fulcio, rekorUrl: stack.urls.rekor },
        identityToken: token,
      });
      await writeFile(join(release, `${name}.sigstore.json`), signed.bundleJson);
    }
    return release;
  } finally {
    await stack.stop();
  }
}

export async function benchVerify(options: VerifyBenchOptions = {}): Promise<VerifyBenchResult> {
  const count = options.bundles ?? 1000;
  const runs = options.runs ?? Math.max(1, Number(process.env.BENCH_RUNS ?? '3'));
  const dir = await mkdtemp(join(tmpdir(), 'provenant-bench-verify-'));
  try {
    const release = await signRelease(dir, count);
    const root = join(dir, 'trusted_root.json');
    await writeFile(join(dir, 'bare.mjs'), BARE);
    const policy = [
      '--repo',
      REPO,
      '--source-ref',
      REF,
      '--source-digest',
      SHA,
      '--deny-self-hosted-runners',
    ];
    const variants: [string, string[]][] = [
      ['provenant', [join(repoRoot, 'dist', 'cli.js'), 'verify', release, ...policy, '--trusted-root', root]],
      ['bare sigstore-js', [join(dir, 'bare.mjs'), release, root]],
    ];
    const seconds: number[][] = variants.map(() => []);
    for (let i = 0; i <= runs; i++) {
      for (const [k, [label, args]] of variants.entries()) {
        const r = await launcher().run(process.execPath, args, dir);
        if (r.status !== 0)
          throw new Error(`bench: ${label} failed (${r.status}): ${r.stderr.slice(0, 2000)}`);
        if (i > 0) seconds[k]!.push(r.seconds); // the first run of each warms the page cache
      }
    }
    const ratios = seconds[1]!.map((bare, i) => bare / seconds[0]![i]!);
    const [ours, bare] = seconds.map((s) => count / median(s));
    const range = `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`;
    return {
      provenant: ours!,
      baseline: bare!,
      rows: [
        {
          figure: `verify ${count} bundles, provenant verify vs bare sigstore-js (bundles/s, median of ${runs})`,
          value: ours!.toFixed(0),
          baseline: bare!.toFixed(0),
          ratio: median(ratios).toFixed(2),
        },
        {
          figure: `  ratio range over ${runs} runs (target ≥ 2); each: ${[...ratios]
            .sort((a, b) => a - b)
            .map((r) => r.toFixed(2))
            .join(', ')}`,
          value: range,
          baseline: '—',
          ratio: '—',
        },
      ],
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
