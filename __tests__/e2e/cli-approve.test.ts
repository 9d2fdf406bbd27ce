/**
 * Release approval through the built CLI against the local Sigstore stack: a build signs provenance, a second
 * identity (the approving job, in the `release` environment) runs `provenant approve`, and `provenant verify
 * --require-approval` accepts the pair and refuses every way the pair can be wrong, each with a message saying which
 * of the two signatures is missing or wrong.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { signStatement } from '../../src/adapters/sigstore/signer.js';
import { runCliProcess } from '../../test-support/action-runner.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';

const REPO = 'octo-org/octo-repo';
const TAG = 'v1.2.3';
const SHA = '5f7b2e1c9a3d4b6e8f0a1c2e3d4f5a6b7c8d9e0f';
const WORKFLOW = `${REPO}/.github/workflows/release.yml`;

let stack: SigstoreStack;
let ws: string;

const claims = (extra: Record<string, unknown> = {}) => ({
  repository: REPO,
  ref: `refs/tags/${TAG}`,
  sha: SHA,
  ...extra,
});
const builderToken = (extra: Record<string, unknown> = {}) => stack.issueToken(claims(extra));
const approverToken = (environment = 'release') => stack.issueToken(claims({ environment }));

const instance = () => [
  '--sigstore',
  'custom',
  '--fulcio-url',
  stack.urls.fulcio,
  '--rekor-url',
  stack.urls.rekor,
  '--trusted-root',
  stack.trustedRootPath,
];
const cli = (args: string[], token?: string) =>
  runCliProcess(args, { cwd: ws, env: token ? { SIGSTORE_ID_TOKEN: token } : {} });

async function sign(out: string, token: string): Promise<string> {
  const r = await cli(['sign', 'dist', '--quiet', ...instance(), '--output-dir', out], token);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return path.join(out, 'provenance.sigstore.json');
}

const approve = (artifacts: string[], bundle: string, out: string, token: string, extra: string[] = []) =>
  cli(
    [
      'approve',
      ...artifacts,
      '--bundle',
      bundle,
      '--tag',
      TAG,
      '--repo',
      REPO,
      '--signer-workflow',
      WORKFLOW,
      ...instance(),
      '--output-dir',
      out,
      '--quiet',
      ...extra,
    ],
    token,
  );

const verify = (artifacts: string[], extra: string[]) =>
  cli([
    'verify',
    ...artifacts,
    '--repo',
    REPO,
    '--signer-workflow',
    WORKFLOW,
    '--trusted-root',
    stack.trustedRootPath,
    '--require-approval',
    '--approver-workflow',
    WORKFLOW,
    '--approver-environment',
    'release',
    ...extra,
  ]);

const codes = (stdout: string): string[] =>
  (JSON.parse(stdout) as { artifacts: { failures: { code: string }[] }[] }).artifacts.flatMap((a) =>
    a.failures.map((f) => f.code),
  );
const payload = (bundle: { dsseEnvelope: { payload: string } }) =>
  JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString());
const sha256 = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');

/** The release: provenance from the build job, the approval from the job in the release environment. */
let provenance: string;
let approval: string;

beforeAll(async () => {
  stack = await startSigstoreStack();
  ws = await mkdtemp(path.join(tmpdir(), 'provenant-cli-approve-'));
  await mkdir(path.join(ws, 'dist'));
  await writeFile(path.join(ws, 'dist', 'app.tgz'), 'the application\n');
  await writeFile(path.join(ws, 'dist', 'lib.tgz'), 'the library\n');
  await writeFile(path.join(ws, 'RELEASE.md'), '# Releases\n\nThe release environment approves.\n');
  provenance = await sign(path.join(ws, 'release'), builderToken());
  const r = await approve(['dist'], provenance, path.join(ws, 'release'), approverToken());
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  approval = path.join(ws, 'release', 'approval.sigstore.json');
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  if (ws) await rm(ws, { recursive: true, force: true });
});

describe('provenant approve', () => {
  it('signs a VSA over the artifacts that pins the tag, the commit, the provenance bundle and the policy', async () => {
    const bundle = JSON.parse(await readFile(approval, 'utf8'));
    const statement = payload(bundle);
    expect(statement.predicateType).toBe('https://slsa.dev/verification_summary/v1');
    expect(statement.subject.map((s: { name: string }) => s.name).sort()).toEqual([
      'dist/app.tgz',
      'dist/lib.tgz',
    ]);
    const p = statement.predicate;
    expect(p.release).toEqual({ repository: `https://github.com/${REPO}`, tag: TAG, commit: SHA });
    expect(p.resourceUri).toBe(`git+https://github.com/${REPO}@refs/tags/${TAG}#${SHA}`);
    expect(p.inputAttestations).toEqual([
      {
        uri: `https://github.com/${REPO}/releases/download/${TAG}/provenance.sigstore.json`,
        digest: { sha256: await sha256(provenance) },
      },
    ]);
    expect(p.policy).toEqual({
      uri: `https://github.com/${REPO}/blob/${SHA}/RELEASE.md`,
      digest: { sha256: await sha256(path.join(ws, 'RELEASE.md')) },
    });
    expect(p.verificationResult).toBe('PASSED');
    expect(p.verifiedLevels).toEqual(['SLSA_BUILD_LEVEL_2']);
    expect(p.builderPolicy.sourceRef).toBe(`refs/tags/${TAG}`);
    expect(p.unverified.note).toMatch(/no signature vouches for them/);
  });

  it('refuses to sign with the builder’s own identity, and writes nothing', async () => {
    const out = path.join(ws, 'self');
    const r = await approve(['dist'], provenance, out, builderToken());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /\[APPROVAL_SAME_IDENTITY\]: refusing to approve: expected an identity other than the builder's/,
    );
    await expect(readFile(path.join(out, 'approval.sigstore.json'))).rejects.toThrow(/ENOENT/);
  });

  it('refuses to sign when the provenance does not verify against the builder policy', async () => {
    const r = await approve(['dist'], provenance, path.join(ws, 'bad'), approverToken(), [
      '--source-digest',
      'f'.repeat(40),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /\[PROVENANCE_NOT_VERIFIED\]: refusing to approve: .*SOURCE_DIGEST_MISMATCH[^.]*\. Pass the full 40-character commit SHA; .*\. Nothing was signed\.$/m,
    );
  });
});

describe('provenant verify --require-approval', () => {
  it('passes with the provenance and its approval beside it, and reports both signatures', async () => {
    const r = await verify(['dist'], ['--bundle', provenance, '--min-version', '1.2.0', '--max-age', '1d']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/VERIFIED dist\/app\.tgz/);
    expect(r.stdout).toMatch(/approval +approval\.sigstore\.json/);
    expect(r.stdout).toMatch(
      /approver +https:\/\/github\.com\/octo-org\/octo-repo\/.*release\.yml@refs\/tags\/v1\.2\.3 \(environment release\)/,
    );
    expect(r.stdout).toContain(`approved v1.2.3 at ${SHA}`);
    const json = await verify(['dist/app.tgz'], ['--bundle', provenance, '--format', 'json']);
    const report = JSON.parse(json.stdout);
    expect(report.release).toMatchObject({ requireApproval: true, approver: { environment: 'release' } });
    expect(report.artifacts[0].approval).toMatchObject({ tag: TAG, commit: SHA, environment: 'release' });
    expect(report.artifacts[0].environment).toBeUndefined();
  });

  it('refuses without an approval, saying the provenance verified but nothing authorized it', async () => {
    const dir = path.join(ws, 'unapproved');
    await mkdir(dir);
    await copyFile(provenance, path.join(dir, 'provenance.sigstore.json'));
    const r = await verify(['dist/app.tgz'], ['--bundle', path.join(dir, 'provenance.sigstore.json')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\[APPROVAL_MISSING\]/);
    expect(r.stdout).toMatch(
      /approval signature: expected one \(approval\.sigstore\.json beside the provenance bundle\), got none\. The provenance signature verified/,
    );
  });

  it('refuses an approval signed by the builder’s identity', async () => {
    const statement = payload(JSON.parse(await readFile(approval, 'utf8')));
    const signed = await signStatement(statement, {
      endpoints: { fulcioUrl: stack.urls.fulcio, rekorUrl: stack.urls.rekor },
      identityToken: builderToken({ environment: 'release' }),
      timeoutMs: 5000,
    });
    const dir = path.join(ws, 'builder-approved');
    await mkdir(dir);
    const own = await sign(dir, builderToken({ environment: 'release' }));
    await writeFile(path.join(dir, 'approval.sigstore.json'), signed.bundleJson);
    const r = await verify(['dist/app.tgz'], ['--bundle', own, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(codes(r.stdout)[0]).toBe('APPROVAL_SAME_IDENTITY');
    expect(JSON.parse(r.stdout).artifacts[0].failures[0].message).toMatch(
      /^approval signature \(approval\.sigstore\.json\): expected a signer other than the builder, got the builder's own identity/,
    );
  });

  it('refuses an approval from a job outside the release environment', async () => {
    const out = path.join(ws, 'staging');
    expect((await approve(['dist'], provenance, out, approverToken('staging'))).code).toBe(0);
    const r = await verify(
      ['dist/app.tgz'],
      ['--bundle', provenance, '--approval-bundle', path.join(out, 'approval.sigstore.json')],
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\[APPROVAL_ENVIRONMENT_MISMATCH\]/);
    expect(r.stdout).toMatch(
      /approval signature \(approval\.sigstore\.json\): expected the certificate's Deployment Environment .* "release", got "staging"/,
    );
  });

  it('refuses an approval of another tag', async () => {
    const out = path.join(ws, 'other-tag');
    const made = await approve(['dist'], provenance, out, approverToken(), [
      '--tag',
      'v9.9.9',
      '--source-ref',
      `refs/tags/${TAG}`,
    ]);
    expect(made.code).toBe(0);
    const r = await verify(
      ['dist/app.tgz'],
      ['--bundle', provenance, '--approval-bundle', path.join(out, 'approval.sigstore.json')],
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\[APPROVAL_TAG_MISMATCH\]/);
    expect(r.stdout).toMatch(
      /expected an approval of tag "v1\.2\.3" \(the provenance's source ref\), got one for "v9\.9\.9"/,
    );
  });

  it('refuses an approval of a different artifact set', async () => {
    const out = path.join(ws, 'lib-only');
    expect((await approve(['dist/lib.tgz'], provenance, out, approverToken())).code).toBe(0);
    const r = await verify(
      ['dist/app.tgz'],
      ['--bundle', provenance, '--approval-bundle', path.join(out, 'approval.sigstore.json')],
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\[APPROVAL_SUBJECT_MISMATCH\]/);
    expect(r.stdout).toMatch(
      /approval signature \(approval\.sigstore\.json\): expected the artifact's digest .* among the statement's 1 subject\(s\)/,
    );
  });

  it('refuses a version below --min-version (rollback)', async () => {
    const r = await verify(['dist/app.tgz'], ['--bundle', provenance, '--min-version', 'v1.3.0']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\[VERSION_BELOW_MINIMUM\]/);
    expect(r.stdout).toMatch(
      /expected version v1\.3\.0 or newer \(--min-version\), got "v1\.2\.3" \(the approved tag\)/,
    );
  });

  it('refuses an approval that pins a provenance bundle that does not verify', async () => {
    // Approved under a lenient policy: a build on a self-hosted runner. A later hosted build of the same files
    // verifies under the strict policy, but the approval pins the self-hosted one, which does not.
    const dir = path.join(ws, 'pinned');
    const self = await sign(path.join(dir, 'self'), builderToken({ runner_environment: 'self-hosted' }));
    expect((await approve(['dist'], self, dir, approverToken())).code).toBe(0);
    await copyFile(self, path.join(dir, 'provenance-self-hosted.sigstore.json'));
    await copyFile(provenance, path.join(dir, 'provenance.sigstore.json'));
    const r = await verify(['dist/app.tgz'], ['--bundle-dir', dir, '--deny-self-hosted-runners']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\[APPROVAL_PROVENANCE_MISMATCH\]/);
    expect(r.stdout).toMatch(
      /the bundle it pins, provenance-self-hosted\.sigstore\.json, does not verify \(expected the build to run on a github-hosted runner/,
    );
  });

  it('refuses an approval older than the provenance, and one older than --max-age', async () => {
    await sleep(2100);
    const later = await sign(path.join(ws, 'rebuilt'), builderToken());
    const old = await verify(
      ['dist/app.tgz'],
      ['--bundle', later, '--approval-bundle', approval, '--format', 'json'],
    );
    expect(old.code).toBe(1);
    expect(codes(old.stdout)).toEqual(['APPROVAL_BEFORE_PROVENANCE', 'APPROVAL_PROVENANCE_MISMATCH']);
    expect(JSON.parse(old.stdout).artifacts[0].failures[0].message).toMatch(
      /^approval signature \(approval\.sigstore\.json\): expected it to be signed after the provenance it approves \(logged .*\), got .*: an approval older than the build/,
    );
    const stale = await verify(['dist/app.tgz'], ['--bundle', provenance, '--max-age', '1s']);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toMatch(/\[APPROVAL_TOO_OLD\]/);
    expect(stale.stdout).toMatch(/expected one signed within --max-age 1s, got one logged .* \(\d+s ago\)/);
  });

  it('says which signature is wrong when the provenance itself fails', async () => {
    const r = await verify(['dist/app.tgz'], ['--bundle', provenance, '--source-digest', 'f'.repeat(40)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /why +SOURCE_DIGEST_MISMATCH: provenance signature \(provenance\.sigstore\.json\): expected source commit/,
    );
  });

  it("shows the certificate's environment and token subject, and --environment checks it", async () => {
    const asProvenance = [
      'verify',
      'dist/app.tgz',
      '--bundle',
      approval,
      '--signer-workflow',
      WORKFLOW,
      '--predicate-type',
      'https://slsa.dev/verification_summary/v1',
      '--trusted-root',
      stack.trustedRootPath,
    ];
    const ok = await cli([...asProvenance, '--environment', 'release']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/\n {4}env {6}release\n/);
    expect(ok.stdout).toMatch(/\n {4}sub {6}repo:octo-org\/octo-repo:environment:release\n/);
    const json = JSON.parse((await cli([...asProvenance, '--format', 'json'])).stdout);
    expect(json.artifacts[0]).toMatchObject({
      environment: 'release',
      tokenSubject: `repo:${REPO}:environment:release`,
    });
    const other = await cli([...asProvenance, '--environment', 'production']);
    expect(other.code).toBe(1);
    expect(other.stdout).toMatch(
      /ENVIRONMENT_MISMATCH: expected the certificate's Deployment Environment .* "production", got "release"/,
    );
  });

  it('needs --approver-workflow, and the approval flags need --require-approval', async () => {
    const none = await cli([
      'verify',
      'dist/app.tgz',
      '--repo',
      REPO,
      '--require-approval',
      '--trusted-root',
      stack.trustedRootPath,
    ]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/\[POLICY_MISSING\]: expected --approver-workflow/);
    const stray = await cli([
      'verify',
      'dist/app.tgz',
      '--repo',
      REPO,
      '--max-age',
      '30d',
      '--trusted-root',
      stack.trustedRootPath,
    ]);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toMatch(/\[USAGE\]: expected --require-approval with --max-age/);
  });
});
