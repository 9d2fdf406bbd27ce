/**
 * A release of many bundles, verified by the built CLI: past the first bundles their cryptography runs on worker
 * threads (dist/verify-worker.js), and every verdict is the one the in-process path gives, failures and their codes
 * included.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { workerScript } from '../../src/adapters/sigstore/verify-pool.js';
import { repoRoot, runCliProcess } from '../../test-support/action-runner.js';
import { signArtifact } from '../../test-support/hostile-bundles.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';

const COUNT = 40;
let stack: SigstoreStack;
let ws: string;

beforeAll(async () => {
  stack = await startSigstoreStack();
  ws = await mkdtemp(path.join(tmpdir(), 'provenant-many-'));
  for (let i = 0; i < COUNT; i++) await signArtifact(stack, ws, `part-${String(i).padStart(2, '0')}.tgz`);
  // Two bundles near the end (on the threads) altered: one signature, one statement.
  const sig = path.join(ws, 'part-33.tgz.sigstore.json');
  const json = JSON.parse(await readFile(sig, 'utf8'));
  json.dsseEnvelope.signatures[0].sig = Buffer.alloc(70, 1).toString('base64');
  await writeFile(sig, JSON.stringify(json));
  await writeFile(path.join(ws, 'part-37.tgz'), 'not the bytes that were signed');
}, 60_000);
afterAll(async () => {
  await stack.stop();
  await rm(ws, { recursive: true, force: true });
});

describe('verifying many bundles', () => {
  it('finds the worker script beside the entries or one level up from dist/chunks, never for sources', () => {
    const dist = path.join(repoRoot, 'dist');
    expect(workerScript(pathToFileURL(path.join(dist, 'chunks', 'any.js')).href)).toBe(
      path.join(dist, 'verify-worker.js'),
    );
    expect(workerScript(pathToFileURL(path.join(dist, 'cli.js')).href)).toBe(
      path.join(dist, 'verify-worker.js'),
    );
    expect(workerScript(pathToFileURL(path.join(repoRoot, 'src', 'adapters', 'x.ts')).href)).toBeUndefined();
  });

  it('gives every artifact of a release its verdict, on the threads as in-process', async () => {
    const r = await runCliProcess(
      [
        'verify',
        '.',
        '--repo',
        'octo-org/octo-repo',
        '--trusted-root',
        stack.trustedRootPath,
        '--format',
        'json',
      ],
      { cwd: ws },
    );
    expect(r.code).toBe(1);
    const reports = JSON.parse(r.stdout).artifacts as {
      artifact: string;
      verified: boolean;
      code?: string;
    }[];
    expect(reports).toHaveLength(COUNT);
    const failed = reports.filter((a) => !a.verified).map((a) => [a.artifact, a.code]);
    expect(failed).toEqual([
      ['part-33.tgz', 'SIGNATURE_INVALID'],
      ['part-37.tgz', 'SUBJECT_MISMATCH'],
    ]);
  });
});
