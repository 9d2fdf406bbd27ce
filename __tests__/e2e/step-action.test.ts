/**
 * The step action (dist/step.js) run as the Actions runner runs it, job by job (build → test → package, each job in
 * its own protected environment), its links published where provenance bundles go; then the verify action
 * (dist/verify.js) with its layout inputs over the collected links.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot, runAction, runCliProcess, type ActionRun } from '../../test-support/action-runner.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../test-support/github-emulator/index.js';
import {
  GITHUB_ISSUER,
  startSigstoreStack,
  type SigstoreStack,
} from '../../test-support/sigstore-stack/index.js';

const REPO = 'octo-org/octo-repo';
const SAN = `https://github.com/${REPO}/.github/workflows/release.yml@refs/tags/v1.0.0`;
let stack: SigstoreStack;
let em: GitHubEmulator;
let ws: string;
let releaseId: number;

async function job(environment: string, inputs: Record<string, string>, jobName: string): Promise<ActionRun> {
  stack.setClaims({ environment });
  return runAction({
    workspace: ws,
    entry: path.join(repoRoot, 'dist', 'step.js'),
    inputs: {
      sigstore: 'custom',
      'fulcio-url': stack.urls.fulcio,
      'rekor-url': stack.urls.rekor,
      'trusted-root': stack.trustedRootPath,
      'github-token': em.token,
      'release-tag': 'v1.0.0',
      'upload-artifact': 'true',
      ...inputs,
    },
    env: {
      ...stack.env,
      ...em.env,
      GITHUB_JOB: jobName,
      GITHUB_REF: 'refs/tags/v1.0.0',
      GITHUB_SHA: '5f7b2e1c9a3d4b6e8f0a1c2e3d4f5a6b7c8d9e0f',
      PROVENANT_RETRY_UNIT_MS: '1',
    },
  });
}

const layout = {
  _type: 'layout',
  expires: '2030-01-01T00:00:00Z',
  functionaries: Object.fromEntries(
    ['build', 'test', 'package'].map((e) => [
      `${e}-job`,
      { issuer: GITHUB_ISSUER, identity: SAN, environment: e },
    ]),
  ),
  steps: [
    {
      name: 'build',
      functionaries: ['build-job'],
      expected_materials: [
        ['ALLOW', 'src/*'],
        ['DISALLOW', '*'],
      ],
      expected_products: [
        ['CREATE', 'out/*'],
        ['DISALLOW', '*'],
      ],
    },
    {
      name: 'test',
      functionaries: ['test-job'],
      expected_materials: [
        ['MATCH', 'out/*', 'WITH', 'PRODUCTS', 'FROM', 'build'],
        ['DISALLOW', '*'],
      ],
      expected_products: [['DISALLOW', '*']],
    },
    {
      name: 'package',
      functionaries: ['package-job'],
      expected_materials: [
        ['MATCH', 'out/*', 'WITH', 'PRODUCTS', 'FROM', 'build'],
        ['DISALLOW', '*'],
      ],
      expected_products: [
        ['CREATE', 'app.tgz'],
        ['DISALLOW', '*'],
      ],
    },
  ],
};

let runs: Record<string, ActionRun> = {};

beforeAll(async () => {
  stack = await startSigstoreStack();
  em = await startGitHubEmulator({ repository: REPO });
  em.addRepo(REPO, { visibility: 'public' });
  releaseId = em.addRelease(REPO, { tag: 'v1.0.0', draft: true }).id;
  ws = await mkdtemp(path.join(tmpdir(), 'provenant-step-action-'));
  await mkdir(path.join(ws, 'src'));
  await writeFile(path.join(ws, 'src', 'main.c'), 'int main(void) { return 0; }\n');
  runs = {
    build: await job(
      'build',
      { name: 'build', materials: 'src', products: 'out', command: 'mkdir -p out && cp src/main.c out/app' },
      'build',
    ),
    test: await job(
      'test',
      { name: 'test', materials: 'out', command: 'test -s out/app && echo tests pass' },
      'test',
    ),
    package: await job(
      'package',
      { name: 'package', materials: 'out', products: 'app.tgz', command: 'tar cf app.tgz out' },
      'package',
    ),
  };
  await writeFile(path.join(ws, 'layout.json'), JSON.stringify(layout, null, 2));
  const signed = await runCliProcess(
    [
      'sign-layout',
      'layout.json',
      '--quiet',
      '--fulcio-url',
      stack.urls.fulcio,
      '--rekor-url',
      stack.urls.rekor,
      '--trusted-root',
      stack.trustedRootPath,
    ],
    {
      cwd: ws,
      env: {
        SIGSTORE_ID_TOKEN: stack.issueToken({
          job_workflow_ref: `${REPO}/.github/workflows/layout.yml@refs/heads/main`,
        }),
      },
    },
  );
  expect(signed.code).toBe(0);
}, 120_000);
afterAll(async () => {
  expect(em.violations).toEqual([]);
  await em.stop();
  await stack.stop();
  await rm(ws, { recursive: true, force: true });
});

const verifyAction = (attestations: string) =>
  runAction({
    workspace: ws,
    entry: path.join(repoRoot, 'dist', 'verify.js'),
    inputs: {
      artifacts: 'app.tgz',
      layout: 'layout.json',
      'layout-cert-identity': `https://github.com/${REPO}/.github/workflows/layout.yml@refs/heads/main`,
      'layout-cert-oidc-issuer': GITHUB_ISSUER,
      attestations,
      'trusted-root': stack.trustedRootPath,
    },
  });

async function collect(dir: string, steps: string[]): Promise<string> {
  await mkdir(path.join(ws, dir), { recursive: true });
  for (const s of steps)
    await cp(
      runs[s]!.outputs['bundle-path']!,
      path.join(ws, dir, path.basename(runs[s]!.outputs['bundle-path']!)),
    );
  return dir;
}

describe('the step action, job by job, and the verify action over its links', () => {
  it('signs each step keylessly with the job environment, bundle on disk first, then artifact and release', async () => {
    for (const [name, run] of Object.entries(runs)) {
      expect({ name, code: run.code, stderr: run.stderr }).toEqual({ name, code: 0, stderr: '' });
      expect(run.outputs['exit-code']).toBe('0');
      expect(run.outputs['certificate-identity']).toBe(SAN);
      const bundle = JSON.parse(await readFile(run.outputs['bundle-path']!, 'utf8'));
      expect(JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString()).predicate.name).toBe(
        name,
      );
    }
    expect(runs.test!.stdout).toContain('tests pass');
    expect(
      em
        .assets(releaseId)
        .map((a) => a.name)
        .sort(),
    ).toEqual(['build.link.sigstore.json', 'package.link.sigstore.json', 'test.link.sigstore.json']);
    expect(em.artifacts()).toHaveLength(3);
  });

  it('verifies the pipeline with the verify action, naming each step and its signer in the summary', async () => {
    const run = await verifyAction(await collect('links', ['build', 'test', 'package']));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs.verified).toBe('true');
    expect(run.stdout).toContain(`step test: verified, signed by test-job (${SAN} (environment test))`);
    expect(run.summary).toContain('### Pipeline verified');
    expect(run.summary).toContain('`package`');
  });

  it('verifies with the CLI from the links attached to the release', async () => {
    const r = await runCliProcess(
      [
        'verify',
        'app.tgz',
        '--layout',
        'layout.json',
        '--layout-cert-identity',
        `https://github.com/${REPO}/.github/workflows/layout.yml@refs/heads/main`,
        '--layout-cert-oidc-issuer',
        GITHUB_ISSUER,
        '--attestations-release',
        'v1.0.0',
        '--attestations-repo',
        REPO,
        '--trusted-root',
        stack.trustedRootPath,
      ],
      { cwd: ws, env: { GITHUB_API_URL: em.apiUrl, GH_TOKEN: em.token } },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('step package: verified, signed by package-job');
  });

  it('fails the verify action when a step is missing, naming it', async () => {
    const run = await verifyAction(await collect('no-test', ['build', 'package']));
    expect(run.code).toBe(1);
    expect(run.outputs.verified).toBe('false');
    expect(run.stdout).toContain('[STEP_MISSING]: step test');
  });

  it('signs the link of a failing command and fails the step', async () => {
    const run = await job(
      'test',
      {
        name: 'test',
        materials: 'out',
        command: 'env > seen-env.txt; echo failing >&2; exit 4',
        'bundle-name': 'failed.link.sigstore.json',
        'upload-artifact': 'false',
        'attach-to-release': 'false',
      },
      'test-again',
    );
    expect(run.code).toBe(1);
    expect(run.outputs['exit-code']).toBe('4');
    expect(run.stdout).toContain(
      '::error::step test: the command exited with 4; its link, recording that, is signed at',
    );
    const bundle = JSON.parse(await readFile(run.outputs['bundle-path']!, 'utf8'));
    expect(
      JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString()).predicate.byproducts[
        'return-value'
      ],
    ).toBe(4);
    // The step's own command never sees the action's inputs (the GitHub token among them).
    const seen = await readFile(path.join(ws, 'seen-env.txt'), 'utf8');
    expect(seen).toContain('GITHUB_REPOSITORY=');
    expect(seen).not.toContain('INPUT_');
    expect(seen).not.toContain(em.token);
  });
});
