/**
 * The verify use case over fake ports: no filesystem, no network, no cryptography. Each row names the artifacts,
 * where bundles come from, which bundles exist (and what their fake cryptography says), and the verdict expected
 * per artifact, including which candidate bundle is reported when several were tried.
 */
import { describe, expect, it } from '@jest/globals';
import type { Bundle } from '@sigstore/bundle';
import { posix } from 'node:path';
import { verifyArtifacts, type VerifyRequest } from '../../src/app/verify.js';
import type { LoadedBundle, VerifiedBundle, VerifyPorts } from '../../src/app/ports.js';
import type { DigestAlgorithm, DigestSet } from '../../src/core/digest.js';
import { isProvenantError, ProvenantError } from '../../src/core/errors.js';
import { buildPolicy } from '../../src/core/policy/build.js';
import { conformancePolicy } from '../../src/core/policy/conformance.js';
import type { Policy } from '../../src/core/policy/types.js';
import { claims, provenance, SAN } from '../core/policy/fixtures.js';

const CWD = '/work';
const REPO = 'octo-org/octo-repo';
const OTHER = 'https://github.com/octo-org/other';

/** The artifacts on the fake disk, by name, with their sha256. */
const FILES: Record<string, string> = {
  'dist/app.tgz': 'a'.repeat(64),
  'dist/lib.tgz': 'b'.repeat(64),
  'dist/doc.pdf': 'c'.repeat(64),
};
const sha = (name: string) => FILES[name] ?? 'f'.repeat(64);

/** A bundle on the fake disk: what verifying it would find. */
interface FakeBundle {
  /** DSSE statement subjects (artifact names), or a message signature over one artifact. */
  subjects?: string[];
  signs?: string;
  /** The certificate's source repository (default the policy's). */
  repository?: string;
  /** Signed with a bare key: no certificate. */
  keySigned?: boolean;
  broken?: 'signature' | 'crash';
  /** Subject digests carry only these algorithms (the hash the use case must compute). */
  algorithms?: DigestAlgorithm[];
  /** Signing times, seconds since the epoch. */
  times?: number[];
}

interface World {
  /** Bundle files: path → the bundles in it (one, or several for .jsonl). */
  bundles: Record<string, FakeBundle[]>;
  dirs?: string[];
  /** Bundle files that exist but do not load (truncated, not JSON). */
  corrupt?: string[];
}

/** As an I/O port answers: on a later turn, a throw becoming a rejection. */
const later = <T>(answer: () => T): Promise<T> => new Promise((resolve) => resolve(answer()));

function fakePorts(world: World) {
  const calls = {
    hashed: [] as [string, readonly DigestAlgorithm[]][],
    loaded: [] as string[],
    crypto: [] as string[],
  };
  const specs = new Map<Bundle, FakeBundle>();
  const abs = (p: string) => posix.resolve(CWD, p);
  const dirs = new Set((world.dirs ?? []).map(abs));
  const ports: VerifyPorts = {
    kind: (path) =>
      later(() => {
        const rel = posix.relative(CWD, path);
        if (FILES[rel] !== undefined || world.bundles[rel] || world.corrupt?.includes(rel)) return 'file';
        if (dirs.has(path)) return 'directory';
        return 'missing';
      }),
    // A file as given, or the files below a directory (bundle files left out); nothing there is refused.
    findArtifacts: (pattern, excludes) =>
      later(() => {
        const path = abs(pattern);
        const rel = posix.relative(CWD, path);
        if (FILES[rel] !== undefined) return [{ name: pattern, path }];
        if (!dirs.has(path))
          throw new ProvenantError('FILE_NOT_FOUND', `artifact ${pattern}: expected a file, got nothing.`);
        return Object.keys(FILES)
          .filter((f) => f.startsWith(`${rel}/`) && !excludes.includes(f))
          .sort()
          .map((f) => ({ name: f, path: abs(f) }));
      }),
    hashFile: (path, algorithms) =>
      later(() => {
        calls.hashed.push([posix.relative(CWD, path), algorithms]);
        const hex = sha(posix.relative(CWD, path));
        return Object.fromEntries(algorithms.map((a) => [a, a === 'sha256' ? hex : `${a}:${hex}`]));
      }),
    loadBundles: (path) =>
      later(() => {
        const rel = posix.relative(CWD, path);
        calls.loaded.push(rel);
        if (world.corrupt?.includes(rel))
          throw new ProvenantError(
            'BUNDLE_INVALID',
            `${rel}: expected a complete JSON document, got a parse error.`,
          );
        const found = world.bundles[rel];
        if (!found) throw new ProvenantError('BUNDLE_NOT_FOUND', `${rel}: expected a bundle file, got none.`);
        return found.map((spec, i): LoadedBundle => {
          const bundle = {
            content: { $case: spec.signs ? 'messageSignature' : 'dsseEnvelope' },
          } as unknown as Bundle;
          specs.set(bundle, spec);
          return {
            source: found.length > 1 ? `${posix.basename(rel)}:${i + 1}` : posix.basename(rel),
            bundle,
          };
        });
      }),
    listBundleFiles: (dir) =>
      later(() =>
        [...Object.keys(world.bundles), ...(world.corrupt ?? [])]
          .map(abs)
          .filter((p) => posix.dirname(p) === dir)
          .sort(),
      ),
    resolve: (...parts) => posix.resolve(CWD, ...parts),
    basename: (path) => posix.basename(path),
    verifyCrypto: (loaded, artifact) => fakeCrypto(loaded, specs.get(loaded.bundle)!, artifact, calls.crypto),
    algorithmsFor: (bundle) => specs.get(bundle)!.algorithms ?? ['sha256'],
  };
  return { ports, calls };
}

function fakeCrypto(
  loaded: LoadedBundle,
  spec: FakeBundle,
  artifact: DigestSet,
  log: string[],
): VerifiedBundle {
  log.push(loaded.source);
  if (spec.broken === 'crash') throw new TypeError('a library choked');
  if (spec.broken === 'signature')
    throw new ProvenantError(
      'SIGNATURE_INVALID',
      `${loaded.source}: expected a valid signature, got a bad one.`,
    );
  if (spec.signs && artifact.sha256 !== sha(spec.signs))
    throw new ProvenantError(
      'SUBJECT_MISMATCH',
      `${loaded.source}: expected this artifact's digest, got another.`,
    );
  const repository = spec.repository ?? `https://github.com/${REPO}`;
  const signer = SAN.replace(`https://github.com/${REPO}`, repository);
  const algorithms = spec.algorithms ?? ['sha256'];
  const digest = (name: string) =>
    Object.fromEntries(algorithms.map((a) => [a, a === 'sha256' ? sha(name) : `${a}:${sha(name)}`]));
  return {
    kind: spec.signs ? 'message-signature' : 'dsse',
    ...(spec.subjects
      ? {
          statement: {
            subjects: spec.subjects.map((name) => ({ name, digest: digest(name) })),
            predicateType: 'https://slsa.dev/provenance/v1',
            predicate: provenance({ repository }),
          },
        }
      : {}),
    ...(spec.keySigned
      ? {}
      : {
          claims: claims({
            sourceRepositoryURI: repository,
            subjectAlternativeName: signer,
            buildSignerURI: signer,
          }),
        }),
    timestamps: (spec.times ?? [1_700_000_000]).map((s) => new Date(s * 1000)),
  };
}

type Expected = { verified: true; bundle: string } | { verified: false; code: string; bundle?: string };

interface Row {
  name: string;
  artifacts: string[];
  request?: Partial<Pick<VerifyRequest, 'bundle' | 'bundleDir'>>;
  world: World;
  /** Default: --repo octo-org/octo-repo. */
  policy?: Policy;
  /** The artifacts the report names, when the arguments expand (default: the arguments). */
  names?: string[];
  expected: Expected[] | { throws: string };
}

const ok = (bundle: string): Expected => ({ verified: true, bundle });
const no = (code: string, bundle?: string): Expected =>
  bundle === undefined ? { verified: false, code } : { verified: false, code, bundle };

/** The candidates of one --bundle file, all.jsonl: each is reported as `all.jsonl:LINE`. */
const candidates = (...bundles: FakeBundle[]) => ({
  request: { bundle: 'all.jsonl' },
  world: { bundles: { 'all.jsonl': bundles } },
});

const rows: Row[] = [
  // Where the bundles come from.
  {
    name: 'a file with its bundle beside it',
    artifacts: ['dist/app.tgz'],
    world: { bundles: { 'dist/app.tgz.sigstore.json': [{ subjects: ['dist/app.tgz'] }] } },
    expected: [ok('app.tgz.sigstore.json')],
  },
  {
    name: 'a file with no bundle beside it',
    artifacts: ['dist/app.tgz'],
    world: { bundles: {} },
    expected: [no('BUNDLE_NOT_FOUND')],
  },
  {
    name: 'a digest with --bundle',
    artifacts: [`sha256:${FILES['dist/app.tgz']}`],
    request: { bundle: 'provenance.sigstore.json' },
    world: { bundles: { 'provenance.sigstore.json': [{ subjects: ['dist/app.tgz'] }] } },
    expected: [ok('provenance.sigstore.json')],
  },
  {
    name: 'a digest without --bundle or --bundle-dir',
    artifacts: [`sha256:${FILES['dist/app.tgz']}`],
    world: { bundles: {} },
    expected: { throws: 'USAGE' },
  },
  {
    name: 'files and a digest sharing one --bundle',
    artifacts: ['dist/app.tgz', `sha256:${FILES['dist/lib.tgz']}`, 'dist/doc.pdf'],
    request: { bundle: 'release.sigstore.json' },
    world: { bundles: { 'release.sigstore.json': [{ subjects: ['dist/app.tgz', 'dist/lib.tgz'] }] } },
    expected: [
      ok('release.sigstore.json'),
      ok('release.sigstore.json'),
      no('SUBJECT_MISMATCH', 'release.sigstore.json'),
    ],
  },
  {
    name: '--bundle-dir: the artifact’s own bundle there',
    artifacts: ['dist/app.tgz'],
    request: { bundleDir: 'bundles' },
    world: {
      bundles: {
        'bundles/app.tgz.sigstore.json': [{ subjects: ['dist/app.tgz'] }],
        'bundles/other.sigstore.json': [{ subjects: ['dist/app.tgz'], repository: OTHER }],
      },
    },
    expected: [ok('app.tgz.sigstore.json')],
  },
  {
    name: '--bundle-dir: no own bundle, so every bundle there is a candidate',
    artifacts: ['dist/app.tgz', 'dist/lib.tgz'],
    request: { bundleDir: 'bundles' },
    world: {
      bundles: {
        'bundles/a.sigstore.json': [{ subjects: ['dist/lib.tgz'] }],
        'bundles/b.jsonl': [{ subjects: ['dist/doc.pdf'] }, { subjects: ['dist/app.tgz'] }],
      },
    },
    expected: [ok('b.jsonl:2'), ok('a.sigstore.json')],
  },
  {
    name: '--bundle-dir with no bundles in it',
    artifacts: ['dist/app.tgz'],
    request: { bundleDir: 'bundles' },
    world: { bundles: {} },
    expected: [no('BUNDLE_NOT_FOUND')],
  },
  {
    name: '--bundle-dir: a corrupt file is skipped, not fatal for the bundles beside it',
    artifacts: ['dist/app.tgz', 'dist/lib.tgz'],
    request: { bundleDir: 'bundles' },
    world: {
      bundles: { 'bundles/z.sigstore.json': [{ subjects: ['dist/app.tgz', 'dist/lib.tgz'] }] },
      corrupt: ['bundles/a.sigstore.json'],
    },
    expected: [ok('z.sigstore.json'), ok('z.sigstore.json')],
  },
  {
    name: '--bundle-dir: an artifact’s own bundle corrupt, another bundle there covers it',
    artifacts: ['dist/app.tgz'],
    request: { bundleDir: 'bundles' },
    world: {
      bundles: { 'bundles/z.sigstore.json': [{ subjects: ['dist/app.tgz'] }] },
      corrupt: ['bundles/app.tgz.sigstore.json'],
    },
    expected: [ok('z.sigstore.json')],
  },
  {
    name: '--bundle-dir: nothing there loads',
    artifacts: ['dist/app.tgz'],
    request: { bundleDir: 'bundles' },
    world: { bundles: {}, corrupt: ['bundles/a.sigstore.json'] },
    expected: [no('BUNDLE_INVALID')],
  },
  // Which candidate wins, and which failure is reported when none does.
  {
    name: 'several candidates, only one for this digest',
    artifacts: ['dist/app.tgz'],
    ...candidates(
      { subjects: ['dist/lib.tgz'] },
      { subjects: ['dist/app.tgz'] },
      { subjects: ['dist/doc.pdf'] },
    ),
    expected: [ok('all.jsonl:2')],
  },
  {
    name: 'several candidates for this digest, only one passing the policy',
    artifacts: ['dist/app.tgz'],
    ...candidates({ subjects: ['dist/app.tgz'], repository: OTHER }, { subjects: ['dist/app.tgz'] }),
    expected: [ok('all.jsonl:2')],
  },
  {
    name: 'none passes: a policy violation is reported over another artifact’s bundle',
    artifacts: ['dist/app.tgz'],
    ...candidates({ subjects: ['dist/lib.tgz'] }, { subjects: ['dist/app.tgz'], repository: OTHER }),
    expected: [no('SOURCE_REPO_MISMATCH', 'all.jsonl:2')],
  },
  {
    name: 'none passes: a broken bundle is reported over another artifact’s bundle',
    artifacts: ['dist/app.tgz'],
    ...candidates({ subjects: ['dist/lib.tgz'] }, { subjects: ['dist/app.tgz'], broken: 'signature' }),
    expected: [no('SIGNATURE_INVALID', 'all.jsonl:2')],
  },
  {
    name: 'none passes: a policy violation is reported over a broken bundle',
    artifacts: ['dist/app.tgz'],
    ...candidates({ broken: 'signature' }, { subjects: ['dist/app.tgz'], repository: OTHER }),
    expected: [no('SOURCE_REPO_MISMATCH', 'all.jsonl:2')],
  },
  {
    name: 'none passes, equally close: the first is reported',
    artifacts: ['dist/app.tgz'],
    ...candidates({ subjects: ['dist/lib.tgz'] }, { subjects: ['dist/doc.pdf'] }),
    expected: [no('SUBJECT_MISMATCH', 'all.jsonl:1')],
  },
  {
    name: 'a library crash is a failure, never a pass',
    artifacts: ['dist/app.tgz'],
    world: { bundles: { 'dist/app.tgz.sigstore.json': [{ subjects: ['dist/app.tgz'], broken: 'crash' }] } },
    expected: [no('INTERNAL', 'app.tgz.sigstore.json')],
  },
  {
    name: 'a key-signed bundle against an identity policy',
    artifacts: ['dist/app.tgz'],
    world: { bundles: { 'dist/app.tgz.sigstore.json': [{ subjects: ['dist/app.tgz'], keySigned: true }] } },
    expected: [no('CERT_ISSUER_MISMATCH', 'app.tgz.sigstore.json')],
  },
  // Artifact kinds.
  {
    // The GitHub policy applies to message signatures too; the predicate type is a statement's, and there is none.
    name: 'a message signature over the file, under a --repo policy',
    artifacts: ['dist/app.tgz', 'dist/lib.tgz'],
    request: { bundle: 'app.sig.json' },
    world: { bundles: { 'app.sig.json': [{ signs: 'dist/app.tgz' }] } },
    expected: [ok('app.sig.json'), no('SUBJECT_MISMATCH', 'app.sig.json')],
  },
  {
    name: 'a message signature from another repository',
    artifacts: ['dist/app.tgz'],
    request: { bundle: 'app.sig.json' },
    world: { bundles: { 'app.sig.json': [{ signs: 'dist/app.tgz', repository: OTHER }] } },
    expected: [no('SOURCE_REPO_MISMATCH', 'app.sig.json')],
  },
  {
    name: 'a message signature under a policy without a predicate type',
    artifacts: ['dist/app.tgz', `sha256:${FILES['dist/app.tgz']}`],
    request: { bundle: 'app.sig.json' },
    world: { bundles: { 'app.sig.json': [{ signs: 'dist/app.tgz' }] } },
    policy: conformancePolicy({ identity: SAN, issuer: 'https://token.actions.githubusercontent.com' }),
    expected: [ok('app.sig.json'), ok('app.sig.json')],
  },
  {
    name: 'a missing artifact fails before anything is hashed',
    artifacts: ['dist/app.tgz', 'dist/gone.tgz'],
    world: { bundles: {} },
    expected: { throws: 'FILE_NOT_FOUND' },
  },
  {
    name: 'a directory as artifact: every file in it, each with its own bundle',
    artifacts: ['dist', '!dist/doc.pdf'],
    world: {
      bundles: {
        'dist/app.tgz.sigstore.json': [{ subjects: ['dist/app.tgz'] }],
        'dist/lib.tgz.sigstore.json': [{ subjects: ['dist/lib.tgz'] }],
      },
      dirs: ['dist'],
    },
    names: ['dist/app.tgz', 'dist/lib.tgz'],
    expected: [ok('app.tgz.sigstore.json'), ok('lib.tgz.sigstore.json')],
  },
  {
    name: 'a file named twice, as itself and inside its directory, is verified once',
    artifacts: ['dist/lib.tgz', 'dist'],
    request: { bundle: 'release.sigstore.json' },
    world: {
      bundles: { 'release.sigstore.json': [{ subjects: ['dist/app.tgz', 'dist/lib.tgz', 'dist/doc.pdf'] }] },
      dirs: ['dist'],
    },
    names: ['dist/lib.tgz', 'dist/app.tgz', 'dist/doc.pdf'],
    expected: [ok('release.sigstore.json'), ok('release.sigstore.json'), ok('release.sigstore.json')],
  },
  { name: 'no artifact at all', artifacts: [], world: { bundles: {} }, expected: { throws: 'USAGE' } },
];

const policy = buildPolicy({ repo: REPO });

async function run(row: Row) {
  const { ports, calls } = fakePorts(row.world);
  const request = { artifacts: row.artifacts, policy: row.policy ?? policy, ...row.request };
  const result = await verifyArtifacts(request, ports);
  return { result, calls };
}

async function refusal(row: Row) {
  const { ports, calls } = fakePorts(row.world);
  const request = { artifacts: row.artifacts, policy: row.policy ?? policy, ...row.request };
  const error = await verifyArtifacts(request, ports).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { code: isProvenantError(error) ? error.code : error, calls };
}

describe('verifyArtifacts', () => {
  it.each(rows.map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    if ('throws' in row.expected) {
      const { code, calls } = await refusal(row);
      expect(code).toBe(row.expected.throws);
      // Arguments are checked up front: nothing is loaded or hashed before the refusal.
      expect(calls.loaded).toEqual([]);
      expect(calls.hashed).toEqual([]);
      return;
    }
    const { result } = await run(row);
    expect(
      result.artifacts.map((a) => ({
        verified: a.verified,
        ...(a.code ? { code: a.code } : {}),
        ...(a.bundle ? { bundle: a.bundle } : {}),
      })),
    ).toEqual(row.expected);
    expect(result.verified).toBe(row.expected.every((e) => e.verified));
    expect(result.artifacts.map((a) => a.artifact)).toEqual(row.names ?? row.artifacts);
  });

  it('reports each corrupt file of --bundle-dir once, as skipped', async () => {
    const { ports } = fakePorts({
      bundles: { 'bundles/z.sigstore.json': [{ subjects: ['dist/app.tgz', 'dist/lib.tgz'] }] },
      corrupt: ['bundles/a.sigstore.json', 'bundles/app.tgz.sigstore.json'],
    });
    const result = await verifyArtifacts(
      { artifacts: ['dist/app.tgz', 'dist/lib.tgz'], bundleDir: 'bundles', policy },
      ports,
    );
    expect(result.verified).toBe(true);
    expect(result.skipped?.map((s) => [posix.relative(CWD, s.bundle), s.code])).toEqual([
      ['bundles/a.sigstore.json', 'BUNDLE_INVALID'],
      ['bundles/app.tgz.sigstore.json', 'BUNDLE_INVALID'],
    ]);
  });

  it('reports every violation of the chosen bundle, and what its certificate says', async () => {
    const { result } = await run(
      rows.find((r) => r.name.startsWith('none passes: a policy violation is reported over another'))!,
    );
    const [report] = result.artifacts;
    expect(report!.failures.map((f) => f.code)).toEqual(['SOURCE_REPO_MISMATCH', 'SIGNER_REPO_MISMATCH']);
    expect(report!.source).toBe(OTHER);
  });

  it('describes a verified artifact from its certificate and the earliest verified time', async () => {
    const { ports } = fakePorts({
      bundles: {
        'dist/app.tgz.sigstore.json': [{ subjects: ['dist/app.tgz'], times: [1_700_000_100, 1_700_000_000] }],
      },
    });
    const { artifacts } = await verifyArtifacts({ artifacts: ['dist/app.tgz'], policy }, ports);
    expect(artifacts[0]).toMatchObject({
      verified: true,
      digest: { sha256: FILES['dist/app.tgz'] },
      signer: SAN,
      issuer: 'https://token.actions.githubusercontent.com',
      source: `https://github.com/${REPO}`,
      ref: 'refs/tags/v1.0.0',
      runner: 'github-hosted',
      predicateType: 'https://slsa.dev/provenance/v1',
      signedAt: new Date(1_700_000_000_000).toISOString(),
    });
    expect(artifacts[0]!.code).toBeUndefined();
    expect(artifacts[0]!.failures).toEqual([]);
  });

  it('hashes files with the algorithms their bundles name, and digests not at all', async () => {
    const { ports, calls } = fakePorts({
      bundles: {
        'all.jsonl': [{ subjects: ['dist/app.tgz'], algorithms: ['sha512'] }, { subjects: ['dist/app.tgz'] }],
      },
    });
    const artifacts = ['dist/app.tgz', `sha256:${FILES['dist/lib.tgz']}`];
    await verifyArtifacts({ artifacts, bundle: 'all.jsonl', policy }, ports);
    expect(calls.hashed).toEqual([['dist/app.tgz', ['sha512', 'sha256']]]);
  });

  it('loads each bundle file once and checks a DSSE bundle once, however many artifacts share it', async () => {
    const { ports, calls } = fakePorts({
      bundles: {
        'release.jsonl': [
          { subjects: ['dist/app.tgz', 'dist/lib.tgz', 'dist/doc.pdf'] },
          { signs: 'dist/doc.pdf' },
        ],
      },
    });
    const artifacts = ['dist/doc.pdf', 'dist/lib.tgz', 'dist/app.tgz'];
    const result = await verifyArtifacts(
      { artifacts, bundle: 'release.jsonl', policy, concurrency: 2 },
      ports,
    );
    expect(result.verified).toBe(true);
    expect(calls.loaded).toEqual(['release.jsonl']);
    expect(calls.crypto.filter((s) => s === 'release.jsonl:1')).toHaveLength(1);
  });

  it('looks in --bundle-dir for the artifact’s own bundle before reading the whole directory', async () => {
    const { ports, calls } = fakePorts({
      bundles: {
        'bundles/app.tgz.sigstore.json': [{ subjects: ['dist/app.tgz'] }],
        'bundles/z.sigstore.json': [{ subjects: ['dist/lib.tgz'] }],
      },
    });
    await verifyArtifacts({ artifacts: ['dist/app.tgz'], bundleDir: 'bundles', policy }, ports);
    expect(calls.loaded).toEqual(['bundles/app.tgz.sigstore.json']);
  });
});
