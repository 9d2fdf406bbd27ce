/**
 * The verifier is bounded by design: every hostile input, run through the built CLI, is decided (refused with a
 * clear, typed error naming the bundle and the limit, or verified) within 256 MB of peak memory, measured from the
 * child's own resource usage. The wall-time cap is only a hang guard, generous on a busy machine; the 2 s target is
 * measured by `npm run bench`, not asserted here.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IDENTITY, signArtifact, verifyArgs, type SignedArtifact } from '../../test-support/hostile-bundles.js';
import { runCliMeasured, type MeasuredRun } from '../../test-support/measured-cli.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';

const MAX_RSS_MB = 256;
/** A hang guard, not a timing assert: the old matcher ran the pattern below for minutes. */
const HANG_GUARD_MS = 30_000;

let stack: SigstoreStack;
let ws: string;
let release: SignedArtifact;

beforeAll(async () => {
  stack = await startSigstoreStack();
  ws = await mkdtemp(path.join(tmpdir(), 'provenant-hostile-'));
  release = await signArtifact(stack, ws, 'app.tgz');
});
afterAll(async () => {
  await stack.stop();
  await rm(ws, { recursive: true, force: true });
});

const run = (...args: string[]) =>
  runCliMeasured(verifyArgs(stack, ...args), { cwd: ws, timeoutMs: HANG_GUARD_MS });

/** Decided within the bounds: not killed by the hang guard, and under the memory target. */
function expectBounded(r: MeasuredRun): void {
  expect({ timedOut: r.timedOut, stderr: r.stderr.slice(0, 2000) }).toEqual({
    timedOut: false,
    stderr: expect.any(String),
  });
  expect(r.maxRssMB).toBeDefined();
  expect(r.maxRssMB!).toBeLessThan(MAX_RSS_MB);
}

describe('hostile patterns', () => {
  // `.{0,99}` eight times and an X: 57 characters a backtracking engine took 96 s over against an 85-character
  // identity; the old guard let it through because it counted only unbounded repetitions.
  const bomb = `${'.{0,99}'.repeat(8)}X`;

  it('decides a pattern that backtracks exponentially, against an 85-character identity', async () => {
    expect(IDENTITY).toHaveLength(85);
    const r = await run('app.tgz', '--cert-identity-regex', bomb);
    expectBounded(r);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).artifacts[0].code).toBe('CERT_IDENTITY_MISMATCH');
  });

  it('and the same shape that does match verifies', async () => {
    const r = await run('app.tgz', '--cert-identity-regex', `^${'.{0,99}'.repeat(8)}v1\\.0\\.10$`);
    expectBounded(r);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(release.bundlePath).toMatch(/app\.tgz\.sigstore\.json$/);
  });

  it('refuses a pattern Go would refuse, naming the flag', async () => {
    const r = await run('app.tgz', '--certificate-identity-regexp', '(?=x)y');
    expectBounded(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\[INPUT_INVALID\]: --cert-identity-regex: expected a regular expression in Go's RE2/);
  });
});
