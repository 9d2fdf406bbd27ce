import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCliProcess } from '../../test-support/action-runner.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';

let stack: SigstoreStack;
let ws: string;

beforeAll(async () => {
  stack = await startSigstoreStack();
  ws = await mkdtemp(path.join(tmpdir(), 'provenant-cli-sign-'));
  await mkdir(path.join(ws, 'dist'), { recursive: true });
  for (let i = 0; i < 5; i++) await writeFile(path.join(ws, 'dist', `a${i}.bin`), `artifact ${i}`);
});
afterAll(async () => {
  await stack.stop();
  await rm(ws, { recursive: true, force: true });
});
afterEach(() => stack.faults.clear());

const sign = (out: string, witness: { rekor?: boolean; tsa?: boolean }, extra: string[] = []) =>
  runCliProcess(
    [
      'sign',
      'dist',
      '--quiet',
      '--json',
      '--sigstore',
      'custom',
      '--fulcio-url',
      stack.urls.fulcio,
      ...(witness.rekor ? ['--rekor-url', stack.urls.rekor] : []),
      ...(witness.tsa ? ['--tsa-url', `${stack.urls.tsa}/api/v1/timestamp`] : []),
      '--trusted-root',
      stack.trustedRootPath,
      '--output-dir',
      out,
      ...extra,
    ],
    { cwd: ws, env: { SIGSTORE_ID_TOKEN: stack.issueToken() } },
  );

describe('provenant sign (built CLI) against the local Sigstore stack', () => {
  it.each([
    ['Rekor only', { rekor: true }, 1, 0],
    ['TSA only', { tsa: true }, 0, 1],
    ['Rekor and TSA', { rekor: true, tsa: true }, 1, 1],
  ] as const)('signs with %s and verifies after signing', async (_label, witness, tlogs, timestamps) => {
    const out = path.join(ws, `out-${tlogs}${timestamps}`);
    const r = await sign(out, witness);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.bundles).toHaveLength(1);
    const bundle = JSON.parse(await readFile(result.bundles[0].path, 'utf8'));
    expect(bundle.verificationMaterial.tlogEntries ?? []).toHaveLength(tlogs);
    expect(bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps ?? []).toHaveLength(
      timestamps,
    );
    expect(result.bundles[0].certificateIdentity).toBe(
      'https://github.com/octo-org/octo-repo/.github/workflows/release.yml@refs/tags/v1.0.0',
    );
  });

  it('shards statements past --subjects-per-statement and signs each', async () => {
    const out = path.join(ws, 'out-shards');
    const r = await sign(out, { rekor: true }, ['--subjects-per-statement', '2']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.bundles.map((b: { path: string }) => path.basename(b.path))).toEqual([
      'provenance.sigstore.json',
      'provenance-2.sigstore.json',
      'provenance-3.sigstore.json',
    ]);
    expect(result.bundles.flatMap((b: { subjects: string[] }) => b.subjects)).toHaveLength(5);
  });

  it('survives Rekor answering 503 twice and Fulcio resetting the connection once', async () => {
    stack.faults.failNext('rekor', 2, 503);
    stack.faults.resetNext('fulcio', 1);
    const r = await sign(path.join(ws, 'out-retry'), { rekor: true });
    expect(r.code).toBe(0);
    expect(stack.faults.pending('rekor')).toBe(0);
    expect(stack.faults.pending('fulcio')).toBe(0);
  });

  it('fails clearly when Rekor refuses outright, naming the service and URL, and leaves no bundle', async () => {
    stack.faults.failNext('rekor', 1, 400);
    const out = path.join(ws, 'out-400');
    const r = await sign(out, { rekor: true });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[SIGNING_FAILED]');
    expect(r.stderr).toContain(`Rekor at ${stack.urls.rekor}`);
    const left = await readdir(out).catch(() => []);
    expect(left.filter((f) => f.endsWith('.sigstore.json'))).toEqual([]);
  });

  it('refuses a mismatched trusted root after signing (verify-after-sign), with the bundle kept for inspection', async () => {
    const other = await startSigstoreStack();
    try {
      const out = path.join(ws, 'out-wrong-root');
      const r = await sign(out, { rekor: true }, ['--trusted-root', other.trustedRootPath]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('[VERIFY_AFTER_SIGN_FAILED]');
      // Written before the check, so nothing signed is ever lost; nothing was published either.
      expect(await readdir(out)).toContain('provenance.sigstore.json');
    } finally {
      await other.stop();
    }
  });
});
