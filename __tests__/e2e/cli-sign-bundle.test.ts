import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot, runCliProcess } from '../../test-support/action-runner.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';

let stack: SigstoreStack;
let dir: string;
const identity = 'https://github.com/octo-org/octo-repo/.github/workflows/release.yml@refs/tags/v1.0.0';
const issuer = 'https://token.actions.githubusercontent.com';

beforeAll(async () => {
  stack = await startSigstoreStack();
  dir = await mkdtemp(path.join(tmpdir(), 'provenant-sign-bundle-'));
  await copyFile(path.join(repoRoot, '__tests__/fixtures/conformance/a.txt'), path.join(dir, 'a.txt'));
  await copyFile(
    path.join(repoRoot, '__tests__/fixtures/conformance/statement.json'),
    path.join(dir, 'statement.json'),
  );
  await writeFile(
    path.join(dir, 'signing_config.json'),
    JSON.stringify({
      mediaType: 'application/vnd.dev.sigstore.signingconfig.v0.2+json',
      caUrls: [{ url: stack.urls.fulcio, majorApiVersion: 1, validFor: { start: '2020-01-01T00:00:00Z' } }],
      rekorTlogUrls: [
        // One operator runs both logs: the spec picks its highest supported version, v2.
        {
          url: stack.urls.rekorV2,
          majorApiVersion: 2,
          validFor: { start: '2020-01-01T00:00:00Z' },
          operator: 'local',
        },
        {
          url: stack.urls.rekor,
          majorApiVersion: 1,
          validFor: { start: '2020-01-01T00:00:00Z' },
          operator: 'local',
        },
      ],
      tsaUrls: [
        {
          url: `${stack.urls.tsa}/api/v1/timestamp`,
          majorApiVersion: 1,
          validFor: { start: '2020-01-01T00:00:00Z' },
        },
      ],
    }),
  );
});
afterAll(async () => {
  await stack.stop();
  await rm(dir, { recursive: true, force: true });
});

const signBundle = (args: string[]) =>
  runCliProcess(
    [
      'sign-bundle',
      ...args,
      '--identity-token',
      stack.issueToken(),
      '--signing-config',
      'signing_config.json',
      '--trusted-root',
      stack.trustedRootPath,
    ],
    { cwd: dir },
  );
const verifyBundle = (bundle: string, artifact: string, who = identity) =>
  runCliProcess(
    [
      'verify-bundle',
      '--bundle',
      bundle,
      '--certificate-identity',
      who,
      '--certificate-oidc-issuer',
      issuer,
      '--trusted-root',
      stack.trustedRootPath,
      artifact,
    ],
    { cwd: dir },
  );

describe('sign-bundle / verify-bundle: the conformance protocol, round trip against the local stack', () => {
  it('signs a file with a message signature that verifies as a file and as a digest', async () => {
    const signed = await signBundle(['--bundle', 'a.sigstore.json', 'a.txt']);
    expect(signed.stderr).toBe('');
    expect(signed.code).toBe(0);
    const bundle = JSON.parse(await readFile(path.join(dir, 'a.sigstore.json'), 'utf8'));
    expect(bundle.messageSignature).toBeDefined();
    expect(bundle.verificationMaterial.tlogEntries).toHaveLength(1);
    // The signing config's operator runs a v2 log: the entry is hashedrekord 0.0.2, its time from the TSA.
    expect(bundle.verificationMaterial.tlogEntries[0].kindVersion).toEqual({
      kind: 'hashedrekord',
      version: '0.0.2',
    });
    expect(bundle.verificationMaterial.timestampVerificationData.rfc3161Timestamps).toHaveLength(1);
    expect((await verifyBundle('a.sigstore.json', 'a.txt')).code).toBe(0);
    const digest = createHash('sha256')
      .update(await readFile(path.join(dir, 'a.txt')))
      .digest('hex');
    expect((await verifyBundle('a.sigstore.json', `sha256:${digest}`)).code).toBe(0);
    expect((await verifyBundle('a.sigstore.json', 'a.txt', `${identity}x`)).code).toBe(1);
  });

  it('signs an in-toto statement as DSSE that verifies against its subject', async () => {
    const signed = await signBundle(['--in-toto', '--bundle', 'st.sigstore.json', 'statement.json']);
    expect(signed.code).toBe(0);
    const bundle = JSON.parse(await readFile(path.join(dir, 'st.sigstore.json'), 'utf8'));
    expect(bundle.dsseEnvelope.payloadType).toBe('application/vnd.in-toto+json');
    expect((await verifyBundle('st.sigstore.json', 'a.txt')).code).toBe(0);
  });

  it('refuses usage errors with exit 2', async () => {
    expect((await runCliProcess(['sign-bundle', 'a.txt'], { cwd: dir })).code).toBe(2);
    const bad = await runCliProcess(
      ['sign-bundle', '--in-toto', '--identity-token', 'x', '--bundle', 'b.json', 'a.txt'],
      { cwd: dir },
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('in-toto statement');
  });

  it('refuses a signing config it cannot satisfy before signing, instead of a bundle without a log entry', async () => {
    const start = { start: '2020-01-01T00:00:00Z' };
    await writeFile(
      path.join(dir, 'v2-only.json'),
      JSON.stringify({
        mediaType: 'application/vnd.dev.sigstore.signingconfig.v0.2+json',
        caUrls: [{ url: stack.urls.fulcio, majorApiVersion: 1, validFor: start }],
        rekorTlogUrls: [
          { url: 'http://127.0.0.1:1/v2', majorApiVersion: 2, validFor: start, operator: 'local' },
        ],
      }),
    );
    const r = await runCliProcess(
      [
        'sign-bundle',
        '--identity-token',
        stack.issueToken(),
        '--signing-config',
        'v2-only.json',
        '--bundle',
        'never.json',
        'a.txt',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /\[SIGSTORE_CONFIG_INVALID\]: signing config "[^"]*v2-only\.json": expected a timestamp authority \(tsaUrls\) beside the Rekor v2 log/,
    );
    await expect(readFile(path.join(dir, 'never.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
