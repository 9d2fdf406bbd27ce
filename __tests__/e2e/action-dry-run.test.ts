import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runAction } from '../../test-support/action-runner.js';

let ws: string;
beforeAll(async () => {
  ws = await mkdtemp(path.join(tmpdir(), 'provenant-action-'));
  await mkdir(path.join(ws, 'out/a'), { recursive: true });
  await mkdir(path.join(ws, 'out/b'), { recursive: true });
  await writeFile(path.join(ws, 'out/a/app'), 'A');
  await writeFile(path.join(ws, 'out/b/app'), 'B');
});
afterAll(async () => {
  await rm(ws, { recursive: true, force: true });
});

describe('the action in dry-run mode, run as the Actions runner runs it', () => {
  it('writes the statement, sets outputs and a job summary', async () => {
    const run = await runAction({
      workspace: ws,
      inputs: { 'subject-path': 'out/**', 'dry-run': 'true' },
      env: { GITHUB_EVENT_NAME: 'workflow_dispatch' },
      event: { inputs: { tag: 'v1.2.3', prerelease: 'false' } },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs['subject-count']).toBe('2');

    const sums = Buffer.from(run.outputs.subjects!, 'base64').toString();
    await writeFile(path.join(ws, 'SUMS'), sums);
    expect(execFileSync('sha256sum', ['-c', 'SUMS'], { cwd: ws }).toString()).toBe(
      'out/a/app: OK\nout/b/app: OK\n',
    );

    const statement = JSON.parse(await readFile(run.outputs['statement-path']!, 'utf8'));
    expect(statement.subject.map((s: { name: string }) => s.name)).toEqual(['out/a/app', 'out/b/app']);
    expect(statement.predicate.buildDefinition.externalParameters).toEqual({
      workflow: {
        ref: 'refs/tags/v1.2.3',
        repository: 'https://github.com/octo-org/octo-repo',
        path: '.github/workflows/release.yml',
      },
      inputs: { tag: 'v1.2.3', prerelease: 'false' },
    });
    expect(statement.predicate.buildDefinition.internalParameters.runner).toMatchObject({
      os: 'Linux',
      image_os: 'ubuntu24',
    });
    expect(statement.predicate.runDetails.builder.version.provenant).toMatch(/^\d+\.\d+\.\d+/);

    expect(run.summary).toContain('| out/a/app |');
    expect(run.summary).toContain('(dry run)');
    expect(run.stdout).toContain('Dry run: nothing was signed');
  });

  it('reads subject-path and subject-checksums from the workspace and names subjects relative to base-dir', async () => {
    await writeFile(path.join(ws, 'extra.sha256'), `${'c'.repeat(64)}  notes.txt\n`);
    const run = await runAction({
      workspace: ws,
      inputs: {
        'subject-path': 'out/*/app',
        'subject-checksums': 'extra.sha256',
        'base-dir': 'out',
        'dry-run': 'true',
      },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const statement = JSON.parse(await readFile(run.outputs['statement-path']!, 'utf8'));
    expect(statement.subject.map((s: { name: string }) => s.name)).toEqual(['a/app', 'b/app', 'notes.txt']);
    await rm(path.join(ws, 'extra.sha256'));
  });

  it('hashes a big directory, whose sizes come out of hashing, with every digest and size right', async () => {
    const count = 1500;
    await mkdir(path.join(ws, 'big/x'), { recursive: true });
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        writeFile(path.join(ws, 'big', i % 2 ? 'x' : '', `f${i}.bin`), 'z'.repeat(i)),
      ),
    );
    // One file past a chunk, so a thread reads it in several steps.
    await writeFile(path.join(ws, 'big/x/large.bin'), Buffer.alloc(3 * 1024 * 1024 + 5, 7));
    const run = await runAction({
      workspace: ws,
      inputs: { 'subject-path': 'big', 'dry-run': 'true' },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs['subject-count']).toBe(String(count + 1));
    await writeFile(path.join(ws, 'BIGSUMS'), Buffer.from(run.outputs.subjects!, 'base64'));
    const checked = execFileSync('sha256sum', ['--quiet', '-c', 'BIGSUMS'], { cwd: ws }).toString();
    expect(checked).toBe('');
    const statement = JSON.parse(await readFile(run.outputs['statement-path']!, 'utf8'));
    expect(statement.subject).toHaveLength(count + 1);
    // The summary's table (its first rows) shows the sizes hashing found.
    expect(run.summary).toMatch(/\| big\/f1000\.bin \| `[0-9a-f]{64}` \| 1000 \|/);
    expect(run.summary).toMatch(/\| big\/f0\.bin \| `e3b0c442[0-9a-f]{56}` \| 0 \|/);
    await rm(path.join(ws, 'big'), { recursive: true });
  }, 60_000);

  it("keeps the subjects output under GitHub's 1 MB limit, with every subject in subjects-path", async () => {
    // 12,000 lines of about 80 bytes: some 1.3 MB once base64-encoded.
    const lines = Array.from(
      { length: 12_000 },
      (_, i) => `${i.toString(16).padStart(64, '0')}  dist/part-${i}.bin\n`,
    );
    await writeFile(path.join(ws, 'HUGESUMS'), lines.join(''));
    const run = await runAction({
      workspace: ws,
      inputs: { 'subject-checksums': 'HUGESUMS', 'dry-run': 'true' },
    });
    expect(run.code).toBe(0);
    expect(run.outputs['subject-count']).toBe('12000');
    expect(run.outputs.subjects).toBe('');
    expect(run.stdout).toMatch(/::warning::The subjects do not fit in a step output/);
    expect((await readFile(run.outputs['subjects-path']!, 'utf8')).split('\n').filter(Boolean)).toHaveLength(
      12_000,
    );
    // A small run still gets both.
    const small = await runAction({
      workspace: ws,
      inputs: { 'subject-path': 'out/a/app', 'dry-run': 'true' },
    });
    expect(Buffer.from(small.outputs.subjects!, 'base64').toString()).toBe(
      await readFile(small.outputs['subjects-path']!, 'utf8'),
    );
  });

  it('fails the step with the input named when a pattern matches nothing', async () => {
    const run = await runAction({
      workspace: ws,
      inputs: { 'subject-path': 'missing/*', 'dry-run': 'true' },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::\[NO_FILES_FOUND\] subject-path: no files matched "missing\/\*"/);
  });

  it('fails on a malformed boolean input, naming it', async () => {
    const run = await runAction({ workspace: ws, inputs: { 'subject-path': 'out', 'dry-run': 'maybe' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('input dry-run: expected true or false, got "maybe"');
  });

  it('fails when no subject input is given', async () => {
    const run = await runAction({ workspace: ws, inputs: { 'dry-run': 'true' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('no subjects given');
  });
});
