/**
 * Hostile inputs through the action (dist/index.js), refused before anything is signed: subject paths that
 * climb out of the base directory or escape through symbolic links, checksum files naming files outside it,
 * release assets whose names are paths when re-signing, bundle names with separators, and absurd sizes.
 * The adapter-level proofs these build on: __tests__/adapters/fs/collect-files.test.ts,
 * __tests__/core/checksums.test.ts, __tests__/adapters/github/release-assets.test.ts and asset-download.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runAction } from '../../test-support/action-runner.js';
import { startGitHubEmulator } from '../../test-support/github-emulator/index.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';

let ws: string;
// Created at load time: the test tables below name it.
const outside = mkdtempSync(path.join(tmpdir(), 'provenant-outside-'));
let stack: SigstoreStack;

beforeAll(async () => {
  stack = await startSigstoreStack();
  ws = await mkdtemp(path.join(tmpdir(), 'provenant-inputs-'));
  await writeFile(path.join(outside, 'secret.txt'), 'not part of the build');
  await mkdir(path.join(ws, 'dist'), { recursive: true });
  await writeFile(path.join(ws, 'dist/app.tar.gz'), 'app');
  await symlink(path.join(outside, 'secret.txt'), path.join(ws, 'dist/escape-file'));
  await mkdir(path.join(ws, 'links'), { recursive: true });
  await symlink(outside, path.join(ws, 'links/escape-dir'));
});
afterAll(async () => {
  await stack.stop();
  await rm(ws, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

const dryRun = (inputs: Record<string, string>) =>
  runAction({ workspace: ws, inputs: { 'dry-run': 'true', ...inputs } });

describe('subject paths', () => {
  it.each<[string, Record<string, string>]>([
    [
      'a relative path climbing out with ..',
      { 'subject-path': '../' + path.basename(outside) + '/secret.txt' },
    ],
    ['an absolute path outside the workspace', { 'subject-path': path.join(outside, 'secret.txt') }],
    ['a symbolic link to a file outside, found by a glob', { 'subject-path': 'dist/**' }],
    ['a symbolic link to a directory outside', { 'subject-path': 'links/escape-dir' }],
    ['a file through a linked directory', { 'subject-path': 'links/escape-dir/secret.txt' }],
    ['a glob through a linked directory', { 'subject-path': 'links/escape-dir/*.txt' }],
    // Patterns start at the workspace: links/ is in the workspace but not inside base-dir dist.
    ['a base-dir inside, reaching up', { 'base-dir': 'dist', 'subject-path': 'links/escape-dir' }],
  ])('%s: PATH_OUTSIDE_BASE, nothing hashed or signed', async (_label, inputs) => {
    const run = await dryRun(inputs);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::[PATH_OUTSIDE_BASE]');
    expect(run.stdout).toContain('allow-outside-base');
    expect(run.outputs['statement-path']).toBeUndefined();
  });
});

describe('checksum files whose names escape', () => {
  it.each([
    ['../../etc/passwd'],
    ['/etc/passwd'],
    ['dist/../../up'],
    ['./C:/Windows/win.ini'],
    ['C:\\Windows\\win.ini'],
  ])('%j: SUBJECT_NAME_INVALID naming the file and line', async (name) => {
    await writeFile(path.join(ws, 'SUMS'), `${'a'.repeat(64)}  ok.tar.gz\n${'b'.repeat(64)}  ${name}\n`);
    const run = await dryRun({ 'subject-checksums': 'SUMS' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::\[SUBJECT_NAME_INVALID\] subject-checksums \S*SUMS:2: /);
  });

  it('an escaped name holding a line break is refused too', async () => {
    await writeFile(path.join(ws, 'SUMS'), `\\${'a'.repeat(64)}  evil\\nname\n`);
    const run = await dryRun({ 'subject-checksums': 'SUMS' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('[SUBJECT_NAME_INVALID]');
  });
});

describe('names that become files or assets', () => {
  it.each([['../evil'], ['a/b.sigstore.json'], ['..'], ['.hidden'], ['x'.repeat(201)]])(
    'bundle-name %j is refused before anything runs',
    async (name) => {
      const run = await dryRun({ 'subject-path': 'dist/app.tar.gz', 'bundle-name': name });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('::error::[INPUT_INVALID] input bundle-name');
    },
  );

  it('re-sign: release assets named like paths are refused before any download, and nothing is written outside', async () => {
    const em = await startGitHubEmulator({ repository: 'octo-org/octo-repo' });
    try {
      em.addRepo('octo-org/octo-repo', { visibility: 'public' });
      em.addRelease('octo-org/octo-repo', {
        tag: 'v1',
        draft: false,
        immutable: false,
        assets: [
          { name: '..', bytes: 'dot dot' },
          { name: '..evil.tar.gz', bytes: 'evil' },
          { name: 'a..\\..\\b.tar.gz', bytes: 'evil' },
          { name: 'C:evil.tar.gz', bytes: 'evil' },
        ],
      });
      const outputDir = await mkdtemp(path.join(tmpdir(), 'provenant-resign-out-'));
      const run = await runAction({
        workspace: ws,
        inputs: {
          'subject-release-assets': '*',
          'release-tag': 'v1',
          'github-token': em.token,
          'output-dir': path.join(outputDir, 'out'),
        },
        env: {
          ...em.env,
          ...stack.env,
          GITHUB_EVENT_NAME: 'workflow_dispatch',
          PROVENANT_RETRY_UNIT_MS: '1',
        },
      });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('::error::[ASSET_NAME_INVALID]');
      expect(em.requests.filter((r) => r.origin === 'objects')).toEqual([]);
      // Nothing next to the output directory, and no file in the download directory.
      expect(await readdir(outputDir)).toEqual(expect.not.arrayContaining(['evil.tar.gz', 'b.tar.gz']));
      await rm(outputDir, { recursive: true, force: true });
    } finally {
      await em.stop();
    }
  });
});

describe('absurd sizes', () => {
  it('a checksum file past 64 MiB is refused before it is read (a sparse file: no bytes are ever allocated)', async () => {
    await writeFile(path.join(ws, 'HUGE'), '');
    await truncate(path.join(ws, 'HUGE'), 64 * 1024 * 1024 + 1);
    const run = await dryRun({ 'subject-checksums': 'HUGE' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::\[INPUT_INVALID\] .*67108865 bytes, expected at most 67108864/);
  });

  it('20 000 subjects are signed in bounded statements (1024 each), every one verified', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 20_000; i++)
      lines.push(`${i.toString(16).padStart(64, '0')}  part-${String(i).padStart(5, '0')}.bin`);
    await writeFile(path.join(ws, 'MANY'), lines.join('\n') + '\n');
    const run = await runAction({
      workspace: ws,
      inputs: {
        'subject-checksums': 'MANY',
        sigstore: 'custom',
        'fulcio-url': stack.urls.fulcio,
        'rekor-url': stack.urls.rekor,
        'trusted-root': stack.trustedRootPath,
      },
      env: { ...stack.env },
      timeoutMs: 120_000,
    });
    expect(run.stdout).not.toContain('::error::');
    expect(run.code).toBe(0);
    expect(run.outputs['subject-count']).toBe('20000');
    const bundles = JSON.parse(run.outputs['bundle-paths']!) as string[];
    expect(bundles).toHaveLength(Math.ceil(20_000 / 1024));
    expect(path.basename(bundles[19]!)).toBe('provenance-20.sigstore.json');
    // The job summary lists a bounded number of subjects, not twenty thousand rows.
    expect(run.summary.split('\n').length).toBeLessThan(400);
  });

  it('subjects-per-statement must be a sane whole number', async () => {
    for (const value of ['0', '-1', '1e9', '99999999', 'lots']) {
      const run = await dryRun({ 'subject-path': 'dist/app.tar.gz', 'subjects-per-statement': value });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('::error::[INPUT_INVALID] input subjects-per-statement');
    }
  });
});
