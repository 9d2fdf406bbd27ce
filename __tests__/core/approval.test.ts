import { describe, expect, it } from '@jest/globals';
import { checkApproval, type ApprovalCheck } from '../../src/core/approval/check.js';
import { parseDuration, showDuration } from '../../src/core/approval/duration.js';
import { buildReleasePolicy, readReleaseOptions } from '../../src/core/approval/options.js';
import { approvalStatement, readApproval, releaseUri, VSA_V1 } from '../../src/core/approval/predicate.js';
import { minVersionViolation } from '../../src/core/approval/release.js';
import { compareVersions, parseMinVersion, versionOf } from '../../src/core/approval/version.js';
import { buildPolicy } from '../../src/core/policy/build.js';
import { environmentRule } from '../../src/core/policy/rules/environment.js';
import { claims, DIGEST, input, policy, SAN, SHA } from './policy/fixtures.js';

const REPOSITORY = 'https://github.com/octo-org/octo-repo';
const RELEASE = { repository: REPOSITORY, tag: 'v1.0.0', commit: SHA };
const PROVENANCE_SHA = 'b'.repeat(64);
const builder = buildPolicy({ repo: 'octo-org/octo-repo' });
const release = buildReleasePolicy(
  {
    requireApproval: true,
    approverWorkflow: 'octo-org/octo-repo/.github/workflows/release.yml',
    approverEnvironment: 'release',
    maxAge: '30d',
  },
  builder,
);

function statement(overrides: Partial<Parameters<typeof approvalStatement>[0]> = {}) {
  const s = approvalStatement({
    subjects: [{ name: 'app.tgz', digest: { sha256: DIGEST } }],
    release: RELEASE,
    policy: { uri: `${REPOSITORY}/blob/${SHA}/RELEASE.md`, digest: { sha256: 'c'.repeat(64) } },
    inputAttestations: [{ uri: 'provenance.sigstore.json', digest: { sha256: PROVENANCE_SHA } }],
    builderPolicy: { server: 'https://github.com', denySelfHostedRunners: false, checkStatementSource: true },
    verifiedLevels: ['SLSA_BUILD_LEVEL_2'],
    timeVerified: new Date('2026-01-01T00:00:00Z'),
    version: '0.1.0',
    ...overrides,
  });
  return { subjects: s.subject, predicateType: s.predicateType, predicate: s.predicate as unknown };
}

const T0 = new Date('2026-03-01T12:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

function check(overrides: { approval?: object; provenance?: object; now?: Date } = {}): ApprovalCheck {
  return {
    artifact: { sha256: DIGEST },
    approval: {
      source: 'approval.sigstore.json',
      statement: statement(),
      claims: claims({ deploymentEnvironment: 'release' }),
      timestamps: [at(60)],
      ...overrides.approval,
    },
    provenance: {
      source: 'provenance.sigstore.json',
      claims: claims(),
      timestamps: [at(0)],
      sha256: PROVENANCE_SHA,
      ...overrides.provenance,
    },
    policy: { ...release, approval: release.approval! },
    now: overrides.now ?? at(3600),
  };
}
const codes = (c: ApprovalCheck) => checkApproval(c).violations.map((v) => v.code);

describe('checkApproval', () => {
  it('passes an approval from the release environment, after the build, pinning the bundle that verified', () => {
    const r = checkApproval(check());
    expect(r.violations).toEqual([]);
    expect(r.facts?.view.release).toEqual(RELEASE);
    expect(r.facts?.signedAt).toEqual(at(60));
  });

  it.each([
    ['signed by the builder', { approval: { claims: claims() } }, 'APPROVAL_SAME_IDENTITY'],
    [
      'another workflow signed it',
      {
        approval: {
          claims: claims({
            subjectAlternativeName: 'x',
            buildSignerURI: `${SAN}x`.replace('release', 'other'),
            deploymentEnvironment: 'release',
          }),
        },
      },
      'APPROVAL_SIGNER_MISMATCH',
    ],
    [
      'outside the environment',
      { approval: { claims: claims({ deploymentEnvironment: 'staging' }) } },
      'APPROVAL_ENVIRONMENT_MISMATCH',
    ],
    [
      'another artifact set',
      {
        approval: {
          statement: { ...statement(), subjects: [{ name: 'x', digest: { sha256: 'd'.repeat(64) } }] },
        },
      },
      'APPROVAL_SUBJECT_MISMATCH',
    ],
    [
      'another tag',
      { approval: { statement: statement({ release: { ...RELEASE, tag: 'v0.9.0' } }) } },
      'APPROVAL_TAG_MISMATCH',
    ],
    [
      'another commit',
      { approval: { statement: statement({ release: { ...RELEASE, commit: 'e'.repeat(40) } }) } },
      'APPROVAL_TAG_MISMATCH',
    ],
    ['signed before the provenance', { approval: { timestamps: [at(-2)] } }, 'APPROVAL_BEFORE_PROVENANCE'],
    ['older than --max-age', { now: at(31 * 86_400) }, 'APPROVAL_TOO_OLD'],
    [
      'pinning another provenance bundle',
      { provenance: { sha256: 'f'.repeat(64) } },
      'APPROVAL_PROVENANCE_MISMATCH',
    ],
    ['without a verified time', { approval: { timestamps: [] } }, 'APPROVAL_INVALID'],
    [
      'not a VSA',
      { approval: { statement: { ...statement(), predicateType: 'https://slsa.dev/provenance/v1' } } },
      'APPROVAL_INVALID',
    ],
  ])('refuses an approval: %s', (_name, overrides, code) => {
    const c = check(overrides);
    const violations = checkApproval(c).violations;
    expect(violations.map((v) => v.code)).toContain(code);
    expect(violations[0]!.message).toMatch(/^approval signature \(approval\.sigstore\.json\): expected /);
  });

  it('takes the same second as after: Rekor integrated times are whole seconds', () => {
    expect(
      codes(
        check({
          approval: { timestamps: [new Date(T0.getTime() + 400)] },
          provenance: { timestamps: [new Date(T0.getTime() + 900)] },
        }),
      ),
    ).toEqual([]);
  });

  it('names the tag expected from the provenance when the builder ran on a branch and no --expected-tag is given', () => {
    const v = checkApproval(
      check({ provenance: { claims: claims({ sourceRepositoryRef: 'refs/heads/main' }) } }),
    ).violations;
    expect(v.map((x) => x.code)).toEqual(['APPROVAL_TAG_MISMATCH']);
    expect(v[0]!.message).toMatch(
      /expected --expected-tag TAG: the provenance was built from "refs\/heads\/main"/,
    );
  });

  it('refuses an approval whose resourceUri and release disagree', () => {
    const s = statement();
    (s.predicate as { resourceUri: string }).resourceUri = releaseUri({ ...RELEASE, tag: 'v2.0.0' });
    expect(codes(check({ approval: { statement: s } }))).toEqual(['APPROVAL_TAG_MISMATCH']);
  });
});

describe('the approval predicate', () => {
  it('is a VSA v1 that says what it does not vouch for', () => {
    const s = statement({
      reviewers: {
        list: [{ login: 'maintainer', state: 'approved', comment: 'ship it' }],
        source: 'GET …/approvals',
      },
    });
    expect(s.predicateType).toBe(VSA_V1);
    const view = readApproval(s.predicate);
    expect(view).toMatchObject({ release: RELEASE, pinned: [PROVENANCE_SHA], verificationResult: 'PASSED' });
    expect(view.reviewers).toEqual([{ login: 'maintainer', state: 'approved', comment: 'ship it' }]);
    expect(readApproval('nonsense')).toEqual({ pinned: [] });
    expect(readApproval({ inputAttestations: [{ digest: { sha256: 'short' } }, 7] })).toEqual({ pinned: [] });
  });
});

describe('versions, durations and the release flags', () => {
  it('orders versions as semver does', () => {
    const v = (s: string) => versionOf(s)!;
    expect(compareVersions(v('v1.10.0'), v('1.9.9'))).toBeGreaterThan(0);
    expect(compareVersions(v('1.0.0-rc.1'), v('1.0.0'))).toBeLessThan(0);
    expect(compareVersions(v('1.0.0-rc.2'), v('1.0.0-rc.10'))).toBeLessThan(0);
    expect(compareVersions(v('1.0.0-alpha'), v('1.0.0-1'))).toBeGreaterThan(0);
    expect(compareVersions(v('v2.0.0+build.5'), v('2.0.0'))).toBe(0);
    expect(versionOf('nightly')).toBeUndefined();
    expect(() => parseMinVersion('1.2', '--min-version')).toThrow(
      /expected a semantic version such as 1\.4\.0/,
    );
  });

  it('refuses a tag below the minimum, and a tag that is no version', () => {
    const p = buildReleasePolicy({ minVersion: '1.2.0' }, builder);
    expect(minVersionViolation(p, 'v1.2.0', 'x')).toBeUndefined();
    expect(minVersionViolation(p, 'v1.1.9', 'x')?.code).toBe('VERSION_BELOW_MINIMUM');
    expect(minVersionViolation(p, 'nightly', 'x')?.message).toMatch(/not a semantic version/);
    expect(minVersionViolation(p, undefined, 'x')?.message).toMatch(/got no tag/);
  });

  it('reads durations with a unit', () => {
    expect(parseDuration('30d', '--max-age')).toBe(30 * 86_400_000);
    expect(parseDuration('90m', '--max-age')).toBe(5_400_000);
    expect(showDuration(2 * 86_400_000 + 5)).toBe('2d');
    for (const bad of ['30', '0d', '1y', '-1d', ''])
      expect(() => parseDuration(bad, '--max-age')).toThrow(/expected a duration such as 30d/);
  });

  it('reads the flags through one table and refuses approval flags without --require-approval', () => {
    const values: Record<string, string | boolean> = {
      'require-approval': true,
      'approver-workflow': 'o/r/w.yml',
      'max-age': '',
    };
    expect(
      readReleaseOptions({
        string: (n) => values[n] as string | undefined,
        boolean: (n) => values[n] === true,
      }),
    ).toEqual({ requireApproval: true, approverWorkflow: 'o/r/w.yml' });
    expect(() => buildReleasePolicy({ approverEnvironment: 'release' }, builder)).toThrow(
      /expected --require-approval with --approver-environment/,
    );
    expect(() => buildReleasePolicy({ requireApproval: true }, builder)).toThrow(
      /expected --approver-workflow/,
    );
    const lax = buildReleasePolicy({ requireApproval: true, approverWorkflow: 'o/r/w.yml' }, builder);
    expect(lax.warnings.join()).toMatch(/no --approver-environment/);
    expect(lax.approval!.approver).toMatchObject({
      predicateType: VSA_V1,
      checkStatementSource: false,
      issuer: builder.issuer,
    });
  });
});

describe('--environment', () => {
  it("matches the certificate's Deployment Environment exactly, and fails closed without one", () => {
    const want = policy({ environment: 'release' });
    expect(
      environmentRule(input({ claims: claims({ deploymentEnvironment: 'release' }) }), want),
    ).toBeUndefined();
    expect(environmentRule(input(), policy())).toBeUndefined();
    expect(environmentRule(input({ claims: claims({ deploymentEnvironment: 'Release' }) }), want)?.code).toBe(
      'ENVIRONMENT_MISMATCH',
    );
    const none = environmentRule(input(), want);
    expect(none?.message).toMatch(/got null\. The signing job ran in no environment/);
    expect(environmentRule(input({ claims: undefined }), want)?.message).toMatch(/key-signed bundle/);
    expect(buildPolicy({ repo: 'o/r', environment: 'release' }).environment).toBe('release');
  });
});
