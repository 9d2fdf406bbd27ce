/**
 * Pipeline verification cost: a release of N artifacts (default 1,000) built by a 5-step pipeline (build attested
 * by per-subject SLSA provenance, then test, package, scan and release links naming every file), verified against
 * its signed layout end to end (layout signature, every bundle's cryptography, functionaries, thresholds, every rule,
 * hashing the final products). Baseline in the same run: verifying the same N artifacts against their provenance
 * bundles alone (the verify use case with a repository policy). The issue's bar is a ratio under 2.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeLayoutPorts } from '../src/adapters/sigstore/layout-ports.js';
import { signStatement } from '../src/adapters/sigstore/signer.js';
import { loadTrustedRootFile, trustMaterial } from '../src/adapters/sigstore/trust.js';
import { nodeVerifyPorts } from '../src/adapters/sigstore/verify-ports.js';
import { verifyArtifacts } from '../src/app/verify.js';
import { verifyLayout } from '../src/app/verify-layout.js';
import { linkStatement } from '../src/core/layout/link.js';
import { buildPolicy } from '../src/core/policy/build.js';
import type { Subject } from '../src/core/subject.js';
import { GITHUB_ISSUER, startSigstoreStack } from '../test-support/sigstore-stack/index.js';
import type { Row } from './hash.js';
import { bestInTurns } from './verify.js';

const REPO = 'octo-org/octo-repo';
const REF = 'refs/tags/v1.0.0';
const SHA = '5f7b2e1c9a3d4b6e8f0a1c2e3d4f5a6b7c8d9e0f';
const SAN = `https://github.com/${REPO}/.github/workflows/release.yml@${REF}`;
const LAYOUT_REF = `${REPO}/.github/workflows/layout.yml@refs/heads/main`;

const provenance = (subject: Subject) => ({
  _type: 'https://in-toto.io/Statement/v1',
  subject: [{ name: subject.name, digest: subject.digest }],
  predicateType: 'https://slsa.dev/provenance/v1',
  predicate: {
    buildDefinition: {
      buildType: 'https://actions.github.io/buildtypes/workflow/v1',
      externalParameters: {
        workflow: {
          ref: REF,
          repository: `https://github.com/${REPO}`,
          path: '.github/workflows/release.yml',
        },
      },
      resolvedDependencies: [{ uri: `git+https://github.com/${REPO}@${REF}`, digest: { gitCommit: SHA } }],
    },
  },
});

const steps = ['build', 'test', 'package', 'scan', 'release'];
const match = (pattern: string, step: string) => ['MATCH', pattern, 'WITH', 'PRODUCTS', 'FROM', step];
const layout = () => ({
  _type: 'layout',
  expires: '2099-01-01T00:00:00Z',
  functionaries: Object.fromEntries(
    steps.map((s) => [s, { issuer: GITHUB_ISSUER, identity: SAN, environment: s }]),
  ),
  steps: [
    {
      name: 'build',
      functionaries: ['build'],
      predicate_type: 'https://slsa.dev/provenance/v1',
      expected_materials: [
        ['ALLOW', `git+https://github.com/${REPO}@*`],
        ['DISALLOW', '*'],
      ],
      expected_products: [
        ['CREATE', 'out/*'],
        ['DISALLOW', '*'],
      ],
    },
    {
      name: 'test',
      functionaries: ['test'],
      expected_materials: [match('out/*', 'build'), ['DISALLOW', '*']],
      expected_products: [['DISALLOW', '*']],
    },
    {
      name: 'package',
      functionaries: ['package'],
      expected_materials: [match('out/*', 'build'), ['DISALLOW', '*']],
      expected_products: [
        ['CREATE', 'dist/*'],
        ['DISALLOW', '*'],
      ],
    },
    {
      name: 'scan',
      functionaries: ['scan'],
      expected_materials: [match('dist/*', 'package'), ['DISALLOW', '*']],
      expected_products: [['DISALLOW', '*']],
    },
    {
      name: 'release',
      functionaries: ['release'],
      expected_materials: [match('dist/*', 'package'), ['DISALLOW', '*']],
      expected_products: [match('dist/*', 'package'), ['DISALLOW', '*']],
    },
  ],
});

async function files(dir: string, prefix: string, count: number): Promise<Subject[]> {
  await mkdir(join(dir, prefix), { recursive: true });
  const out: Subject[] = [];
  for (let i = 0; i < count; i++) {
    const name = `${prefix}/artifact-${String(i).padStart(5, '0')}.bin`;
    const bytes = Buffer.from(`${prefix} artifact ${i}\n`.repeat(64));
    await writeFile(join(dir, name), bytes);
    out.push({ name, digest: { sha256: createHash('sha256').update(bytes).digest('hex') } });
  }
  return out;
}

/** Runs `work` on each item, `concurrency` at a time. */
async function pool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

export async function benchLayout(options: { artifacts?: number; passes?: number } = {}): Promise<Row[]> {
  const count = options.artifacts ?? 1000;
  const stack = await startSigstoreStack();
  const dir = await mkdtemp(join(tmpdir(), 'provenant-bench-layout-'));
  try {
    const endpoints = { fulcioUrl: stack.urls.fulcio, rekorUrl: stack.urls.rekor };
    const token = (environment: string) =>
      stack.issueToken({ repository: REPO, ref: REF, sha: SHA, environment });
    const out = await files(dir, 'out', count);
    const dist = await files(dir, 'dist', count);
    await mkdir(join(dir, 'links'));
    const buildToken = token('build');
    await pool(out, 8, async (s) => {
      const signed = await signStatement(provenance(s), { endpoints, identityToken: buildToken });
      await writeFile(join(dir, `${s.name}.sigstore.json`), signed.bundleJson);
      await writeFile(join(dir, 'links', `${s.name.slice(4)}.sigstore.json`), signed.bundleJson);
    });
    const links: [string, Subject[], Subject[]][] = [
      ['test', out, []],
      ['package', out, dist],
      ['scan', dist, []],
      ['release', dist, dist],
    ];
    for (const [name, materials, products] of links) {
      const statement = linkStatement({ name, command: [], materials, products, environment: {} });
      const signed = await signStatement(statement, { endpoints, identityToken: token(name) });
      await writeFile(join(dir, 'links', `${name}.link.sigstore.json`), signed.bundleJson);
    }
    const layoutBytes = Buffer.from(JSON.stringify(layout(), null, 2));
    await writeFile(join(dir, 'layout.json'), layoutBytes);
    const layoutSigned = await signStatement(new Uint8Array(layoutBytes), {
      endpoints,
      identityToken: stack.issueToken({ job_workflow_ref: LAYOUT_REF }),
      messageSignature: true,
    });
    await writeFile(join(dir, 'layout.json.sigstore.json'), layoutSigned.bundleJson);

    const root = await loadTrustedRootFile(stack.trustedRootPath);
    const verifyPorts = nodeVerifyPorts(trustMaterial(root), dir);
    const layoutPorts = nodeLayoutPorts(root, dir);
    const policy = buildPolicy({ repo: REPO, sourceRef: REF, sourceDigest: SHA });
    const [pipeline, alone] = await bestInTurns(options.passes ?? 3, [
      async () => {
        const r = await verifyLayout(
          {
            artifacts: ['dist'],
            layoutPath: 'layout.json',
            layoutBundlePath: 'layout.json.sigstore.json',
            layoutSigner: { identity: `https://github.com/${LAYOUT_REF}`, issuer: GITHUB_ISSUER },
            attestationsDirs: ['links'],
          },
          layoutPorts,
        );
        if (!r.verified || r.artifacts.length !== count)
          throw new Error(`bench: the pipeline did not verify: ${JSON.stringify(r.failures.slice(0, 2))}`);
      },
      async () => {
        const r = await verifyArtifacts({ artifacts: ['out'], policy }, verifyPorts);
        if (!r.verified || r.artifacts.length !== count)
          throw new Error('bench: the provenance did not verify');
      },
    ]);
    const ratio = pipeline! / alone!;
    return [
      {
        figure: `verify a 5-step layout over ${count} artifacts (ms; baseline: their provenance alone; bar < 2x)`,
        value: pipeline!.toFixed(0),
        baseline: alone!.toFixed(0),
        ratio: `${ratio.toFixed(2)}x`,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
    await stack.stop();
  }
}
