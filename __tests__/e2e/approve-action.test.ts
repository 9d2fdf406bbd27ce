/**
 * The approve action (dist/approve.js) run as the runner runs it, against the local Sigstore stack and the GitHub
 * emulator: the build job's action signs and attaches provenance to a draft, the approving job (a second identity,
 * in the `release` environment, whose deployment a maintainer reviewed) approves it, the draft is published, and the
 * verify action with require-approval accepts what a user downloads.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot, runAction, type ActionRun } from '../../test-support/action-runner.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../test-support/github-emulator/index.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';
import { everythingShown, JWT } from '../faults/leaks.js';

const REPO = 'octo-org/octo-repo';
const TAG = 'v2.0.0';
const SHA = '5f7b2e1c9a3d4b6e8f0a1c2e3d4f5a6b7c8d9e0f';
const RUN_ID = '1000000001';
const WORKFLOW = `${REPO}/.github/workflows/release.yml`;
let stack: SigstoreStack;
let em: GitHubEmulator;
let ws: string;

const claims = { repository: REPO, ref: `refs/tags/${TAG}`, sha: SHA, run_id: RUN_ID };
const runner = {
  GITHUB_SHA: SHA,
  GITHUB_REF: `refs/tags/${TAG}`,
  GITHUB_RUN_ID: RUN_ID,
  PROVENANT_RETRY_UNIT_MS: '1',
};
const instance = () => ({
  sigstore: 'custom',
  'fulcio-url': stack.urls.fulcio,
  'rekor-url': stack.urls.rekor,
  'trusted-root': stack.trustedRootPath,
});

beforeAll(async () => {
  stack = await startSigstoreStack({ claims });
  ws = await mkdtemp(path.join(tmpdir(), 'provenant-approve-action-'));
  await mkdir(path.join(ws, 'dist'));
  await writeFile(path.join(ws, 'dist', 'app.tgz'), 'the application\n');
  await writeFile(
    path.join(ws, 'RELEASE.md'),
    '# Releases\n\nA maintainer approves the release environment.\n',
  );
});
afterAll(async () => {
  await stack?.stop();
  if (ws) await rm(ws, { recursive: true, force: true });
});
beforeEach(async () => {
  em = await startGitHubEmulator({ repository: REPO });
  em.addRepo(REPO, { visibility: 'public', immutableReleases: true });
});
afterEach(async () => {
  expect(em.violations).toEqual([]);
  await em.stop();
});

/** The build job: the signing action attaches provenance.sigstore.json to a draft holding the artifact. */
async function draftWithProvenance(): Promise<number> {
  const release = em.addRelease(REPO, {
    tag: TAG,
    draft: true,
    assets: [{ name: 'app.tgz', bytes: 'the application\n' }],
  });
  const build = await runAction({
    workspace: ws,
    inputs: {
      'subject-path': 'dist/app.tgz',
      'base-dir': 'dist',
      'release-tag': TAG,
      'github-token': em.token,
      ...instance(),
    },
    env: { ...stack.env, ...em.env, ...runner },
  });
  expect(build.stderr).toBe('');
  expect(build.code).toBe(0);
  return release.id;
}

/** The approving job, as the identity `identity` (default: the release workflow in the `release` environment). */
let requestToken = '';
const approveAction = (
  inputs: Record<string, string> = {},
  identity: Record<string, unknown> = { environment: 'release' },
) => {
  const oidc = stack.identityEnv({ ...claims, ...identity });
  requestToken = oidc.ACTIONS_ID_TOKEN_REQUEST_TOKEN!;
  return runAction({
    workspace: ws,
    entry: path.join(repoRoot, 'dist', 'approve.js'),
    inputs: {
      'release-tag': TAG,
      repo: REPO,
      'signer-workflow': WORKFLOW,
      'deny-self-hosted-runners': 'true',
      'github-token': em.token,
      ...instance(),
      ...inputs,
    },
    env: { ...oidc, ...em.env, ...runner },
  });
};

const verifyAction = (dir: string, inputs: Record<string, string> = {}): Promise<ActionRun> =>
  runAction({
    workspace: dir,
    entry: path.join(repoRoot, 'dist', 'verify.js'),
    inputs: {
      artifacts: '.',
      'bundle-dir': '.',
      repo: REPO,
      'signer-workflow': WORKFLOW,
      'trusted-root': stack.trustedRootPath,
      'require-approval': 'true',
      'approver-workflow': WORKFLOW,
      'approver-environment': 'release',
      'min-version': '2.0.0',
      ...inputs,
    },
  });

async function download(releaseId: number): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'provenant-downloaded-'));
  for (const a of em.assets(releaseId)) await writeFile(path.join(dir, a.name), a.bytes);
  return dir;
}

describe('the approve action', () => {
  it('approves the draft from the release environment, attaches the approval, and the published release verifies', async () => {
    const id = await draftWithProvenance();
    em.addDeploymentReview(REPO, RUN_ID, {
      environment: 'release',
      reviewer: 'maintainer',
      comment: 'ship it',
    });
    em.addDeploymentReview(REPO, RUN_ID, { environment: 'docs', reviewer: 'someone-else' });
    const run = await approveAction();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(
      em
        .assets(id)
        .map((a) => a.name)
        .sort(),
    ).toEqual(['app.tgz', 'approval.sigstore.json', 'provenance.sigstore.json']);
    expect(run.outputs['certificate-identity']).toBe(`https://github.com/${WORKFLOW}@refs/tags/${TAG}`);
    expect(run.outputs['environment']).toBe('release');
    expect(JSON.parse(run.outputs['reviewers']!)).toEqual([
      { login: 'maintainer', state: 'approved', comment: 'ship it' },
    ]);
    expect(run.outputs['release-asset-url']).toMatch(/approval\.sigstore\.json$/);
    expect(run.summary).toContain(
      "Reviewers (from GitHub's API, not vouched for by the signature): maintainer \\(approved\\)",
    );
    const statement = JSON.parse(
      Buffer.from(
        JSON.parse(await readFile(run.outputs['bundle-path']!, 'utf8')).dsseEnvelope.payload,
        'base64',
      ).toString(),
    );
    expect(statement.subject.map((s: { name: string }) => s.name)).toEqual(['app.tgz']);
    expect(statement.predicate.policy.uri).toBe(`https://github.com/${REPO}/blob/${SHA}/RELEASE.md`);
    // No token reaches a log, an output, a file, or the release: only the runner's mask command names them.
    const shown = await everythingShown(run, em);
    const masked = run.stdout
      .split('\n')
      .filter((l) => l.startsWith('::add-mask::'))
      .map((l) => l.slice('::add-mask::'.length));
    expect(masked.some((m) => /^eyJ/.test(m))).toBe(true);
    for (const secret of [em.token, requestToken, ...masked]) expect(shown).not.toContain(secret);
    expect(shown.match(JWT)).toBeNull();

    const publish = await fetch(`${em.apiUrl}/repos/${REPO}/releases/${id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${em.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ draft: false }),
    });
    expect(publish.status).toBe(200);
    const dir = await download(id);
    try {
      const verified = await verifyAction(dir);
      expect(verified.code).toBe(0);
      expect(verified.outputs['verified']).toBe('true');
      const [report] = JSON.parse(verified.outputs['results']!);
      expect(verified.summary).toMatch(
        /#### Approvals\n\n- `app\.tgz`: v2\.0\.0 approved by https:\/\/github\.com\/.*release\.yml@refs\/tags\/v2\.0\.0 \\\(environment release\\\), signed /,
      );
      expect(report.approval).toMatchObject({
        tag: TAG,
        environment: 'release',
        reviewers: [{ login: 'maintainer' }],
      });
      const older = await verifyAction(dir, { 'min-version': '2.1.0' });
      expect(older.code).toBe(1);
      expect(older.stdout).toMatch(/VERSION_BELOW_MINIMUM/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses to approve as the builder’s own identity, attaching nothing', async () => {
    const id = await draftWithProvenance();
    const run = await approveAction({}, {});
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::\[APPROVAL_SAME_IDENTITY\] refusing to approve/);
    expect(em.assets(id).map((a) => a.name)).not.toContain('approval.sigstore.json');
  });

  it('a re-run replaces the approval on the draft with its own, leaving one', async () => {
    const id = await draftWithProvenance();
    const first = await approveAction();
    expect(first.code).toBe(0);
    const again = await approveAction();
    expect(again.code).toBe(0);
    const approvals = em.assets(id).filter((a) => a.name === 'approval.sigstore.json');
    expect(approvals).toHaveLength(1);
    expect(Buffer.from(approvals[0]!.bytes).toString()).toBe(
      await readFile(again.outputs['bundle-path']!, 'utf8'),
    );
  });

  it('records no reviewers, and says why, when the token cannot read them', async () => {
    await draftWithProvenance();
    em.permissions.actions = 'none';
    const run = await approveAction();
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /::warning::the deployment's reviewers could not be read .*Give the job `actions: read`/,
    );
    expect(JSON.parse(run.outputs['reviewers']!)).toEqual([]);
  });

  it('fails clearly on a release already published, keeping the approval on disk', async () => {
    const id = await draftWithProvenance();
    await fetch(`${em.apiUrl}/repos/${REPO}/releases/${id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${em.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ draft: false }),
    });
    const run = await approveAction();
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::\[RELEASE_IMMUTABLE\]/);
    expect(run.outputs['bundle-path']).toMatch(/approval\.sigstore\.json$/);
    await expect(readFile(run.outputs['bundle-path']!, 'utf8')).resolves.toContain('dsseEnvelope');
  });

  it('the verify action refuses the release without its approval', async () => {
    const id = await draftWithProvenance();
    const dir = await download(id);
    try {
      const run = await verifyAction(dir);
      expect(run.code).toBe(1);
      expect(run.outputs['verified']).toBe('false');
      expect(run.stdout).toMatch(/APPROVAL_MISSING/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
