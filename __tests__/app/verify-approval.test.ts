/**
 * The approval half of the verify use case over fake ports (no filesystem, no cryptography): where an approval is
 * looked up, which provenance it is measured against when several verify, and how a failure on either side is
 * reported.
 */
import { describe, expect, it } from '@jest/globals';
import type { Bundle } from '@sigstore/bundle';
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { LoadedBundle, VerifiedBundle, VerifyPorts } from '../../src/app/ports.js';
import { verifyArtifacts } from '../../src/app/verify.js';
import { buildReleasePolicy } from '../../src/core/approval/options.js';
import { approvalStatement, VSA_V1 } from '../../src/core/approval/predicate.js';
import { ProvenantError } from '../../src/core/errors.js';
import { buildPolicy } from '../../src/core/policy/build.js';
import { claims, provenance, SHA } from '../core/policy/fixtures.js';

const ARTIFACT = 'a'.repeat(64);
const REPOSITORY = 'https://github.com/octo-org/octo-repo';
const T0 = 1_760_000_000;
const policy = buildPolicy({ repo: 'octo-org/octo-repo' });
const release = buildReleasePolicy(
  {
    requireApproval: true,
    approverWorkflow: 'octo-org/octo-repo/.github/workflows/release.yml',
    approverEnvironment: 'release',
  },
  policy,
);

/** A file on the fake disk: a provenance bundle, an approval pinning files by name, or nothing that loads. */
type FakeFile =
  | { provenance: true; time: number; runner?: string }
  | { approval: { pins: string[]; environment?: string; time: number } };

/** A bundle file's sha256 on the fake disk: a function of its name. */
const digestOf = (path: string) => createHash('sha256').update(posix.basename(path)).digest('hex');

function ports(files: Record<string, FakeFile>): VerifyPorts {
  const at = (path: string) => files[posix.resolve('/w', path)];
  const verified = (file: FakeFile): VerifiedBundle => {
    if ('provenance' in file)
      return {
        kind: 'dsse',
        statement: {
          subjects: [{ name: 'app.tgz', digest: { sha256: ARTIFACT } }],
          predicateType: 'https://slsa.dev/provenance/v1',
          predicate: provenance(),
        },
        claims: claims({ runnerEnvironment: file.runner ?? 'github-hosted' }),
        timestamps: [new Date(file.time * 1000)],
      };
    const s = approvalStatement({
      subjects: [{ name: 'app.tgz', digest: { sha256: ARTIFACT } }],
      release: { repository: REPOSITORY, tag: 'v1.0.0', commit: SHA },
      policy: { uri: 'x', digest: { sha256: 'c'.repeat(64) } },
      inputAttestations: file.approval.pins.map((p) => ({ uri: p, digest: { sha256: digestOf(p) } })),
      builderPolicy: {
        server: 'https://github.com',
        denySelfHostedRunners: false,
        checkStatementSource: true,
      },
      verifiedLevels: [],
      timeVerified: new Date(0),
      version: '0',
    });
    return {
      kind: 'dsse',
      statement: { subjects: s.subject, predicateType: VSA_V1, predicate: s.predicate },
      claims: claims({ deploymentEnvironment: file.approval.environment ?? 'release' }),
      timestamps: [new Date(file.approval.time * 1000)],
    };
  };
  return {
    kind: (path) => Promise.resolve(at(path) ? 'file' : path === '/w/dist/app.tgz' ? 'file' : 'missing'),
    findArtifacts: (pattern) => Promise.resolve([{ name: pattern, path: posix.resolve('/w', pattern) }]),
    hashFile: (path) => Promise.resolve({ sha256: path.endsWith('app.tgz') ? ARTIFACT : digestOf(path) }),
    loadBundles: (path) => {
      if (!at(path)) return Promise.reject(new ProvenantError('BUNDLE_NOT_FOUND', `${path}: no such bundle`));
      const bundle = { content: { $case: 'dsseEnvelope' } } as unknown as Bundle;
      return Promise.resolve([{ source: posix.basename(path), path, bundle }]);
    },
    listBundleFiles: (dir) =>
      Promise.resolve(
        Object.keys(files)
          .filter((f) => posix.dirname(f) === posix.resolve('/w', dir))
          .sort(),
      ),
    resolve: (...parts) => posix.resolve('/w', ...parts),
    basename: (path) => posix.basename(path),
    verifyCrypto: (loaded: LoadedBundle) => verified(at(loaded.path!)!),
    algorithmsFor: () => ['sha256'],
  };
}

const verify = (
  files: Record<string, FakeFile>,
  choice: { bundle?: string; bundleDir?: string; approvalBundle?: string },
) =>
  verifyArtifacts(
    { artifacts: ['dist/app.tgz'], policy, release, ...choice, now: new Date((T0 + 60) * 1000) },
    ports(files),
  );

describe('the approval of a verified provenance', () => {
  it('is looked up beside the provenance bundle', async () => {
    const r = await verify(
      {
        '/w/rel/provenance.sigstore.json': { provenance: true, time: T0 },
        '/w/rel/approval.sigstore.json': { approval: { pins: ['provenance.sigstore.json'], time: T0 + 5 } },
      },
      { bundle: 'rel/provenance.sigstore.json' },
    );
    expect(r.artifacts[0]).toMatchObject({
      verified: true,
      approval: { bundle: 'approval.sigstore.json', provenance: 'provenance.sigstore.json' },
    });
  });

  it('is measured against the provenance it pins when several verify, not the first that did', async () => {
    const r = await verify(
      {
        '/w/rel/first.sigstore.json': { provenance: true, time: T0 },
        '/w/rel/second.sigstore.json': { provenance: true, time: T0 + 10 },
        '/w/rel/approval.sigstore.json': { approval: { pins: ['second.sigstore.json'], time: T0 + 20 } },
      },
      { bundleDir: 'rel' },
    );
    expect(r.artifacts[0]).toMatchObject({
      verified: true,
      bundle: 'first.sigstore.json',
      approval: { provenance: 'second.sigstore.json' },
    });
  });

  it('is older than the provenance it pins: refused, though it is newer than the one that verified first', async () => {
    const r = await verify(
      {
        '/w/rel/first.sigstore.json': { provenance: true, time: T0 },
        '/w/rel/second.sigstore.json': { provenance: true, time: T0 + 30 },
        '/w/rel/approval.sigstore.json': { approval: { pins: ['second.sigstore.json'], time: T0 + 20 } },
      },
      { bundleDir: 'rel' },
    );
    expect(r.artifacts[0]!.failures.map((f) => f.code)).toEqual(['APPROVAL_BEFORE_PROVENANCE']);
  });

  it('pins nothing offered: refused, saying so', async () => {
    const r = await verify(
      {
        '/w/rel/provenance.sigstore.json': { provenance: true, time: T0 },
        '/w/rel/approval.sigstore.json': { approval: { pins: ['gone.sigstore.json'], time: T0 + 5 } },
      },
      { bundle: 'rel/provenance.sigstore.json' },
    );
    expect(r.artifacts[0]!.code).toBe('APPROVAL_PROVENANCE_MISMATCH');
    expect(r.artifacts[0]!.failures[0]!.message).toMatch(
      /none of the provenance bundles offered is one it pins/,
    );
  });

  it('--approval-bundle is the only place looked at, and must exist', async () => {
    const files: Record<string, FakeFile> = {
      '/w/rel/provenance.sigstore.json': { provenance: true, time: T0 },
      '/w/rel/approval.sigstore.json': { approval: { pins: ['provenance.sigstore.json'], time: T0 + 5 } },
      '/w/other/staging.sigstore.json': {
        approval: { pins: ['provenance.sigstore.json'], time: T0 + 5, environment: 'staging' },
      },
    };
    const staging = await verify(files, {
      bundle: 'rel/provenance.sigstore.json',
      approvalBundle: 'other/staging.sigstore.json',
    });
    expect(staging.artifacts[0]!.code).toBe('APPROVAL_ENVIRONMENT_MISMATCH');
    const missing = await verify(files, {
      bundle: 'rel/provenance.sigstore.json',
      approvalBundle: 'nowhere.sigstore.json',
    });
    expect(missing.artifacts[0]!.failures[0]).toMatchObject({
      code: 'BUNDLE_NOT_FOUND',
      message: expect.stringMatching(/^approval signature: /),
    });
  });

  it('is not looked for when the provenance failed: the report names the provenance signature', async () => {
    const r = await verify(
      {
        '/w/rel/provenance.sigstore.json': { provenance: true, time: T0 },
        '/w/rel/approval.sigstore.json': { approval: { pins: ['provenance.sigstore.json'], time: T0 + 5 } },
      },
      { bundle: 'rel/missing.sigstore.json' },
    );
    expect(r.artifacts[0]!.failures[0]!.message).toMatch(/^provenance signature: /);
    expect(r.release).toMatchObject({ requireApproval: true, approver: { environment: 'release' } });
  });

  it('is never taken for the provenance in --bundle-dir', async () => {
    const r = await verify(
      { '/w/rel/approval.sigstore.json': { approval: { pins: ['provenance.sigstore.json'], time: T0 + 5 } } },
      { bundleDir: 'rel' },
    );
    expect(r.artifacts[0]!.failures[0]).toMatchObject({
      code: 'BUNDLE_NOT_FOUND',
      message: expect.stringMatching(
        /^provenance signature: --bundle-dir "rel": expected \*\.sigstore\.json or \*\.jsonl bundles, got none/,
      ),
    });
  });
});
