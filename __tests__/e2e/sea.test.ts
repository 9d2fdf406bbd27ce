/**
 * The single-file executable (`npm run build:sea`): built here as a user or the release workflow builds it, then run
 * with no Node on PATH and no node_modules beside it, to hash and to verify what the CLI signed against the local stack.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot, runCliProcess } from '../../test-support/action-runner.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';

const run = promisify(execFile);
let stack: SigstoreStack;
let ws: string;
let exe: string;

/** Runs the executable in a bare environment: whatever it needs must be inside it. */
async function sea(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(exe, args, { cwd: ws, env: { PATH: '/nonexistent', HOME: ws } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const f = e as { code: number; stdout: string; stderr: string };
    return { code: f.code, stdout: f.stdout, stderr: f.stderr };
  }
}

beforeAll(async () => {
  ws = await mkdtemp(path.join(tmpdir(), 'provenant-sea-'));
  // Built away from the checkout, so nothing of node_modules can be found by walking up.
  await run(
    process.execPath,
    [path.join(repoRoot, 'scripts/build-sea.mjs'), '--outdir', path.join(ws, 'build')],
    {
      cwd: repoRoot,
    },
  );
  stack = await startSigstoreStack();
  exe = path.join(ws, 'provenant');
  await copyFile(path.join(ws, 'build/provenant-linux-x64'), exe);
  await rm(path.join(ws, 'build'), { recursive: true });
  await mkdir(path.join(ws, 'dist'));
  await writeFile(path.join(ws, 'dist/app.tgz'), 'the app');
  for (let i = 0; i < 1100; i++) await writeFile(path.join(ws, 'dist', `f${i}`), String(i));
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  await rm(ws, { recursive: true, force: true });
});

describe('provenant-linux-x64', () => {
  it('knows its version', async () => {
    const pkg = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8'));
    expect(await sea(['--version'])).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it('hashes a directory big enough to start hashing threads, like the CLI', async () => {
    const own = await sea(['hash', 'dist', '--quiet']);
    const cli = await runCliProcess(['hash', 'dist', '--quiet'], { cwd: ws });
    expect(own.code).toBe(0);
    expect(own.stdout.split('\n').filter(Boolean)).toHaveLength(1101);
    expect(own.stdout).toBe(cli.stdout);
  });

  it('verifies a bundle the CLI signed, offline, and refuses a tampered artifact', async () => {
    const signed = await runCliProcess(
      [
        'sign',
        'dist/app.tgz',
        '--quiet',
        '--fulcio-url',
        stack.urls.fulcio,
        '--rekor-url',
        stack.urls.rekor,
        '--trusted-root',
        stack.trustedRootPath,
        '--output-dir',
        'out',
      ],
      { cwd: ws, env: { SIGSTORE_ID_TOKEN: stack.issueToken() } },
    );
    expect(signed.code).toBe(0);
    const verify = [
      'verify',
      'dist/app.tgz',
      '--bundle',
      'out/provenance.sigstore.json',
      '--trusted-root',
      stack.trustedRootPath,
      '--repo',
      'octo-org/octo-repo',
    ];
    const ok = await sea(verify);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    await writeFile(path.join(ws, 'dist/app.tgz'), 'tampered');
    const tampered = await sea(verify);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout + tampered.stderr).toContain('SUBJECT_MISMATCH');
  });
});
