/**
 * The verifier is bounded by design: every hostile input, run through the built CLI, is decided (refused with a
 * clear, typed error naming the bundle and the limit, or verified) within 256 MB of peak memory, measured from the
 * child's own resource usage. The wall-time cap is only a hang guard, generous on a busy machine; the 2 s target is
 * measured by `npm run bench`, not asserted here.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  asn1Bomb,
  fitting,
  hugeJson,
  IDENTITY,
  signArtifact,
  timestampFlood,
  tlogFlood,
  verifyArgs,
  type SignedArtifact,
} from '../../test-support/hostile-bundles.js';
import { runCliMeasured, type MeasuredRun } from '../../test-support/measured-cli.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';

const MAX_RSS_MB = 256;
/** A hang guard, not a timing assert: the old matcher ran the pattern below for minutes. */
const HANG_GUARD_MS = 30_000;

let stack: SigstoreStack;
let ws: string;
let release: SignedArtifact;
/** Signed with Rekor and a TSA: it has a timestamp to repeat. */
let stamped: SignedArtifact;
/** A validly signed bundle of about 12 MB: its statement carries a big (harmless) field. */
let big: SignedArtifact;
const MB = 1024 * 1024;

beforeAll(async () => {
  stack = await startSigstoreStack();
  ws = await mkdtemp(path.join(tmpdir(), 'provenant-hostile-'));
  release = await signArtifact(stack, ws, 'app.tgz');
  stamped = await signArtifact(stack, ws, 'stamped.tgz', { tsa: true });
  big = await signArtifact(stack, ws, 'big.tgz', {
    predicateExtra: { internalParameters: { padding: 'x'.repeat(9 * MB) } },
  });
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
    expect(r.stderr).toMatch(
      /\[INPUT_INVALID\]: --cert-identity-regex: expected a regular expression in Go's RE2/,
    );
  });
});

/** Writes a hostile copy of a bundle as the bundle of `artifact` and verifies it through the CLI. */
async function verifyHostile(artifact: SignedArtifact, name: string, text: string): Promise<MeasuredRun> {
  const file = path.join(ws, `${name}.sigstore.json`);
  await writeFile(file, text);
  return run(path.basename(artifact.artifactPath), '--bundle', file, '--repo', 'octo-org/octo-repo');
}

/** The report of the one artifact: refused with `code`, naming the bundle and the limit in `message`. */
function expectRefused(r: MeasuredRun, code: string, message: RegExp): void {
  expectBounded(r);
  expect(r.code).toBe(1);
  const [report] = JSON.parse(r.stdout).artifacts;
  expect(report.code).toBe(code);
  expect(report.failures[0].message).toMatch(message);
}

describe('hostile bundles, each decided within 256 MB', () => {
  it('a 15 MB bundle whose certificate is millions of DER NULLs', async () => {
    const bomb = JSON.stringify(asn1Bomb(release.bundle, 5_700_000));
    expect(bomb.length).toBeGreaterThan(14 * MB);
    const r = await verifyHostile(release, 'nulls', bomb);
    expectRefused(
      r,
      'BUNDLE_TOO_LARGE',
      /^nulls\.sigstore\.json: expected at most 32768 bytes in certificate 0, got \d+/,
    );
  });

  it('a certificate under the byte limit with thousands of ASN.1 objects', async () => {
    const r = await verifyHostile(release, 'objects', JSON.stringify(asn1Bomb(release.bundle, 12_000)));
    expectRefused(
      r,
      'BUNDLE_TOO_LARGE',
      /^objects\.sigstore\.json: expected at most 4096 ASN\.1 objects in certificate 0/,
    );
  });

  it('15,000 repeated RFC 3161 timestamps', async () => {
    const r = await verifyHostile(
      stamped,
      'timestamps',
      JSON.stringify(timestampFlood(stamped.bundle, 15_000)),
    );
    // 15,000 copies of this TSA's answer pass 16 MiB: the file size alone refuses them.
    expectBounded(r);
    expect(JSON.parse(r.stdout).artifacts[0].code).toBe('BUNDLE_TOO_LARGE');
    const one = JSON.stringify(stamped.bundle.verificationMaterial.timestampVerificationData).length;
    const fits = fitting(15 * MB, one);
    const r2 = await verifyHostile(
      stamped,
      'timestamps-15mb',
      JSON.stringify(timestampFlood(stamped.bundle, fits)),
    );
    expectRefused(
      r2,
      'BUNDLE_TOO_LARGE',
      /^timestamps-15mb\.sigstore\.json: expected at most 32 RFC 3161 timestamps, got \d{4,}/,
    );
  });

  it('a 15 MB flood of transparency-log entries', async () => {
    const one = JSON.stringify(release.bundle.verificationMaterial.tlogEntries[0]).length;
    const flood = tlogFlood(release.bundle, fitting(15 * MB, one));
    const r = await verifyHostile(release, 'entries', JSON.stringify(flood));
    expectRefused(
      r,
      'BUNDLE_TOO_LARGE',
      /^entries\.sigstore\.json: expected at most 32 transparency-log entries, got \d{4,}/,
    );
  });

  it('a 15 MB bundle document of millions of empty objects', async () => {
    const r = await verifyHostile(release, 'json', hugeJson(release.bundle, 5_000_000));
    expectRefused(
      r,
      'BUNDLE_TOO_LARGE',
      /^json\.sigstore\.json: expected at most 100000 JSON values in the bundle document/,
    );
  });

  it('a validly signed statement of hundreds of thousands of objects', async () => {
    const many = await signArtifact(stack, ws, 'many.tgz', {
      predicateExtra: { internalParameters: { padding: Array.from({ length: 300_000 }, () => ({})) } },
    });
    const r = await run('many.tgz', '--repo', 'octo-org/octo-repo');
    expectRefused(
      r,
      'BUNDLE_TOO_LARGE',
      /^many\.tgz\.sigstore\.json: expected at most 200000 objects and arrays in the statement/,
    );
    expect(many.bundlePath).toMatch(/many\.tgz\.sigstore\.json$/);
  });

  it('a validly signed 12 MB bundle verifies', async () => {
    const r = await run('big.tgz', '--repo', 'octo-org/octo-repo');
    expectBounded(r);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).artifacts[0].verified).toBe(true);
  });
});

describe('bundle floods', () => {
  /** Twenty artifacts with the same bytes, and twenty copies of the 12 MB bundle that covers them. */
  async function bigRelease(dir: string, bundleName: (i: number) => string): Promise<string[]> {
    await mkdir(path.join(ws, dir, 'bundles'), { recursive: true });
    const names: string[] = [];
    for (let i = 0; i < 20; i++) {
      const name = `${dir}/part-${i}.tgz`;
      await copyFile(big.artifactPath, path.join(ws, name));
      await copyFile(big.bundlePath, path.join(ws, dir, 'bundles', bundleName(i)));
      names.push(name);
    }
    return names;
  }

  it.each([
    ['named after their artifacts', 'own', (i: number) => `part-${i}.tgz.sigstore.json`],
    ['under other names (every bundle a candidate)', 'other', (i: number) => `copy-${i}.sigstore.json`],
  ])('--bundle-dir of twenty 12 MB bundles %s: streamed, all verified', async (_label, dir, bundleName) => {
    const names = await bigRelease(dir, bundleName);
    const r = await run(...names, '--bundle-dir', `${dir}/bundles`, '--repo', 'octo-org/octo-repo');
    expectBounded(r);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).artifacts.map((a: { verified: boolean }) => a.verified)).toEqual(
      names.map(() => true),
    );
  });
});
