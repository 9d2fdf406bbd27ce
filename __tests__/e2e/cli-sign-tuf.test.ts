/**
 * A foundation-run instance through its TUF repository: `provenant sign --tuf-mirror URL --tuf-root root.json` signs
 * through the services the repository's signing config names (Fulcio, a Rekor v2 log, a TSA) and checks the fresh
 * bundle with the repository's trusted root; expired or rolled-back metadata is refused with what to do.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCliProcess } from '../../test-support/action-runner.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';
import { startTufRepo, type TufRepo } from '../../test-support/tuf-repo/index.js';

let stack: SigstoreStack;
let tuf: TufRepo;
let ws: string;
const start = { start: '2020-01-01T00:00:00Z' };

beforeAll(async () => {
  stack = await startSigstoreStack();
  ws = await mkdtemp(path.join(tmpdir(), 'provenant-tuf-sign-'));
  await mkdir(path.join(ws, 'dist'));
  await writeFile(path.join(ws, 'dist/app.tgz'), 'the app');
  const config = {
    mediaType: 'application/vnd.dev.sigstore.signingconfig.v0.2+json',
    caUrls: [{ url: stack.urls.fulcio, majorApiVersion: 1, validFor: start, operator: 'foundation' }],
    rekorTlogUrls: [{ url: stack.urls.rekorV2, majorApiVersion: 2, validFor: start, operator: 'foundation' }],
    tsaUrls: [
      {
        url: `${stack.urls.tsa}/api/v1/timestamp`,
        majorApiVersion: 1,
        validFor: start,
        operator: 'foundation',
      },
    ],
    rekorTlogConfig: { selector: 'ANY' },
    tsaConfig: { selector: 'ANY' },
  };
  tuf = await startTufRepo({
    'trusted_root.json': await readFile(stack.trustedRootPath),
    'signing_config.v0.2.json': JSON.stringify(config),
  });
  await writeFile(path.join(ws, 'root.json'), tuf.rootJson());
}, 60_000);
afterAll(async () => {
  await tuf?.stop();
  await stack?.stop();
  await rm(ws, { recursive: true, force: true });
});

const sign = (cache: string, out: string) =>
  runCliProcess(
    [
      'sign',
      'dist',
      '--json',
      '--tuf-mirror',
      tuf.url,
      '--tuf-root',
      'root.json',
      '--tuf-cache-dir',
      cache,
      '--output-dir',
      out,
    ],
    { cwd: ws, env: { SIGSTORE_ID_TOKEN: stack.issueToken() } },
  );

describe('provenant sign through a TUF repository', () => {
  it('signs through the signing config it names, with a Rekor v2 entry and a timestamp, and the bundle verifies', async () => {
    const r = await sign('cache-a', 'out-a');
    expect(r.stderr).toContain(
      `TUF repository ${tuf.url}: trusted root and signing config verified, cached in ${path.join(ws, 'cache-a')}`,
    );
    expect(r.code).toBe(0);
    const bundle = JSON.parse(await readFile(path.join(ws, 'out-a/provenance.sigstore.json'), 'utf8'));
    expect(bundle.verificationMaterial.tlogEntries[0].kindVersion).toEqual({
      kind: 'hashedrekord',
      version: '0.0.2',
    });
    expect(bundle.verificationMaterial.timestampVerificationData.rfc3161Timestamps).toHaveLength(1);
    const v = await runCliProcess(
      [
        'verify',
        'dist/app.tgz',
        '--bundle',
        'out-a/provenance.sigstore.json',
        '--trusted-root',
        'cache-a/trusted_root.json',
        '--repo',
        'octo-org/octo-repo',
      ],
      { cwd: ws },
    );
    expect(v.stderr).toBe('');
    expect(v.code).toBe(0);
  });

  it('follows a rotation of the repository’s keys', async () => {
    tuf.rotate('targets');
    tuf.rotate('timestamp');
    expect((await sign('cache-a', 'out-b')).code).toBe(0);
  });

  it('refuses an expired timestamp role, naming it and what to do, with nothing signed', async () => {
    tuf.expire('timestamp');
    try {
      const r = await sign('cache-expired', 'out-expired');
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        /\[TRUST_ROOT_INVALID\]: TUF repository .*timestamp\.json is expired.*re-sign their metadata/,
      );
      await expect(readFile(path.join(ws, 'out-expired/provenance.sigstore.json'))).rejects.toMatchObject({
        code: 'ENOENT',
      });
    } finally {
      tuf.expire('timestamp', 1);
    }
  });

  it('refuses a rolled-back timestamp to a kept cache', async () => {
    expect((await sign('cache-rollback', 'out-c')).code).toBe(0);
    tuf.setTarget('unrelated.txt', 'a newer version of the metadata');
    expect((await sign('cache-rollback', 'out-d')).code).toBe(0);
    tuf.rollBackTimestamp();
    const r = await sign('cache-rollback', 'out-e');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[TRUST_ROOT_INVALID]: TUF repository');
  });

  it('needs the initial root', async () => {
    const r = await runCliProcess(['sign', 'dist', '--tuf-mirror', tuf.url], {
      cwd: ws,
      env: { SIGSTORE_ID_TOKEN: stack.issueToken() },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('expected --tuf-root FILE too');
  });
});
