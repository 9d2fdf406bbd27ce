import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseFileCommands } from '../../test-support/action-runner.js';
import {
  githubClaims,
  startSigstoreStack,
  type SigstoreStack,
} from '../../test-support/sigstore-stack/index.js';
import { loadYaml } from './repo-files.js';

const wf = loadYaml('.github/workflows/provenance.yml').data;
const call = wf.on.workflow_call;
const jobs = wf.jobs as Record<string, any>;
const step = (job: string, name: string) => jobs[job].steps.find((s: any) => s.name === name);

describe('the reusable workflow: its contract', () => {
  it('takes subjects, an artifact, a release, the instance and the layout; gives bundle and asset names', () => {
    expect(Object.keys(call.inputs)).toEqual(
      expect.arrayContaining([
        'subjects',
        'subjects-artifact',
        'subjects-artifact-digest',
        'artifact-name',
        'artifact-digest',
        'release-tag',
        'attach-to-release',
        'attestation-store',
        'sigstore',
        'bundle-layout',
      ]),
    );
    expect(Object.keys(call.outputs)).toEqual(expect.arrayContaining(['bundle-names', 'asset-names']));
    for (const [name, input] of Object.entries<any>(call.inputs)) {
      expect([name, typeof input.description]).toEqual([name, 'string']);
      expect(['string', 'boolean', 'number']).toContain(input.type);
    }
  });

  it('grants nothing at the top, and never puts the signing identity and write access in one job', () => {
    expect(wf.permissions).toEqual({});
    for (const [id, job] of Object.entries(jobs)) {
      const p = job.permissions ?? {};
      if (p['id-token'] === 'write') {
        expect([id, p.contents, p.attestations]).toEqual([id, 'read', undefined]);
      }
    }
    expect(jobs.sign.permissions['id-token']).toBe('write');
    expect(jobs.attach.permissions).toEqual({ contents: 'write' });
    expect(jobs.attach.if).toBe('inputs.attach-to-release');
    expect(jobs.store.permissions).toEqual({ attestations: 'write' });
    expect(jobs.store.if).toBe('inputs.attestation-store');
  });

  it('signs with the action checked out at the commit its own OIDC token names', () => {
    const checkout = jobs.sign.steps.find((s: any) => String(s.uses).startsWith('actions/checkout@'));
    expect(checkout.with).toMatchObject({
      repository: '${{ steps.self.outputs.repository }}',
      ref: '${{ steps.self.outputs.sha }}',
      path: '.provenant',
      'persist-credentials': false,
    });
    expect(jobs.sign.steps.some((s: any) => s.uses === './.provenant')).toBe(true);
    // Publishing happens in the other jobs, with their own permissions.
    expect(step('sign', 'Sign').with).toMatchObject({
      'attach-to-release': 'false',
      'attestation-store': 'false',
    });
  });

  it('hands files between jobs by artifact id, checked against their digests', () => {
    for (const job of ['sign', 'attach', 'store']) {
      for (const s of jobs[job].steps.filter((x: any) =>
        String(x.uses).startsWith('actions/download-artifact@'),
      )) {
        expect(s.with['artifact-ids']).toMatch(/\$\{\{ (steps|needs)\.[\w.-]+ \}\}/);
        expect(s.with['digest-mismatch']).toBe('error');
        expect(s.with.name).toBeUndefined();
      }
    }
  });
});

const hasTools = ['bash', 'curl', 'jq'].every((t) => spawnSync('which', [t]).status === 0);
const withTools = hasTools ? describe : describe.skip;

/** Runs one `run:` script of the workflow as the runner would (bash -e, pipefail), returning its outputs. */
async function runScript(script: string, env: Record<string, string>) {
  const dir = await mkdtemp(path.join(tmpdir(), 'provenant-reusable-'));
  const output = path.join(dir, 'output.txt');
  await writeFile(output, '');
  try {
    const { code, log } = await new Promise<{ code: number; log: string }>((resolve, reject) => {
      const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', RUNNER_TEMP: dir, GITHUB_OUTPUT: output, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let log = '';
      child.stdout.on('data', (d: Buffer) => (log += d.toString()));
      child.stderr.on('data', (d: Buffer) => (log += d.toString()));
      child.on('error', reject);
      child.on('close', (c) => resolve({ code: c ?? -1, log }));
    });
    return { code, log, outputs: parseFileCommands(await readFile(output, 'utf8')), dir };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

withTools('the reusable workflow: its shell steps, run locally', () => {
  let stack: SigstoreStack;
  const PINNED = '9a8b7c6d5e4f30211203f4e5d6c7b8a99a8b7c6d';
  beforeAll(async () => {
    stack = await startSigstoreStack({
      claims: githubClaims({
        repository: 'octo-org/octo-repo',
        job_workflow_ref: 'provenant-org/provenant/.github/workflows/provenance.yml@refs/tags/v1.2.3',
        job_workflow_sha: PINNED,
      }),
    });
  });
  afterAll(async () => {
    await stack.stop();
  });

  it("finds its own repository and commit in the OIDC token's job_workflow claims, not the caller's", async () => {
    const run = await runScript(step('sign', "Find this workflow's repository and commit").run, {
      ...stack.env,
    });
    expect(run.code).toBe(0);
    expect(run.outputs).toEqual({ repository: 'provenant-org/provenant', sha: PINNED });
    expect(run.log).not.toContain(stack.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
    expect(run.log).not.toMatch(/eyJ[\w-]+\.eyJ/); // no token printed
  });

  it('says what to grant when there is no OIDC token', async () => {
    const run = await runScript(step('sign', "Find this workflow's repository and commit").run, {});
    expect(run.code).not.toBe(0);
    expect(run.log).toContain('id-token: write');
  });

  it('refuses claims that do not look like a repository and a commit', async () => {
    stack.setClaims(githubClaims({ job_workflow_ref: 'x; rm -rf /', job_workflow_sha: 'main' }));
    try {
      const run = await runScript(step('sign', "Find this workflow's repository and commit").run, {
        ...stack.env,
      });
      expect(run.code).not.toBe(0);
      expect(run.outputs).toEqual({});
    } finally {
      stack.setClaims(githubClaims({ job_workflow_sha: PINNED }));
    }
  });

  const check = (env: Record<string, string>) =>
    runScript(step('sign', 'Check the inputs').run, {
      SUBJECTS: '',
      SUBJECTS_ARTIFACT: '',
      SUBJECTS_ARTIFACT_DIGEST: '',
      ARTIFACT_NAME: '',
      ARTIFACT_DIGEST: '',
      ATTACH: 'false',
      RELEASE_TAG: '',
      LAYOUT: 'single',
      ...env,
    });

  it.each([
    [{}, 'no subjects given'],
    [{ ARTIFACT_NAME: 'dist' }, 'artifact-name needs artifact-digest'],
    [{ SUBJECTS_ARTIFACT: 'sums' }, 'subjects-artifact needs subjects-artifact-digest'],
    [{ SUBJECTS: 'eA==', ATTACH: 'true' }, 'attach-to-release needs release-tag'],
    [{ SUBJECTS: 'eA==', LAYOUT: 'many' }, 'bundle-layout: expected single or per-subject'],
  ])('refuses inputs %j: %s', async (env, message) => {
    const run = await check(env);
    expect(run.code).toBe(1);
    expect(run.log).toContain(message);
  });

  it('accepts a complete set of inputs', async () => {
    const run = await check({
      ARTIFACT_NAME: 'dist',
      ARTIFACT_DIGEST: 'a'.repeat(64),
      ATTACH: 'true',
      RELEASE_TAG: 'v1',
    });
    expect(run.code).toBe(0);
  });

  it('turns base64 sha256sum lines into a checksum file for the action', async () => {
    const lines = `${'b'.repeat(64)}  dist/tool.tar.gz\n`;
    const dir = await mkdtemp(path.join(tmpdir(), 'provenant-collect-'));
    try {
      const script = `${step('sign', 'Collect the subject inputs').run}\ncat "$IN/checksums/subjects-input.sha256"`;
      const run = await runScript(script, { SUBJECTS: Buffer.from(lines).toString('base64'), IN: dir });
      expect(run.code).toBe(0);
      expect(run.outputs.checksums).toBe(path.join(dir, 'checksums/subjects-input.sha256'));
      expect(run.outputs.files).toBeUndefined();
      expect(run.log).toContain(lines.trim());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
