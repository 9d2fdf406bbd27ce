import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { command } from '../../src/cli/verify-bundle.js';
import { runCommand } from './run-command.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const cases = join(fixtures, 'conformance', 'bundle-verify');
const trustedRoot = join(fixtures, 'trust', 'public-good-trusted-root.json');
const happy = join(cases, 'happy-path-v0.3', 'bundle.sigstore.json');
const BEACON =
  'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main';
const ISSUER = 'https://token.actions.githubusercontent.com';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'provenant-verify-bundle-'));
  const line = JSON.stringify(JSON.parse(await readFile(happy, 'utf8')));
  await writeFile(join(dir, 'one.jsonl'), `${line}\n`);
  await writeFile(join(dir, 'two.jsonl'), `${line}\n${line}\n`);
  await mkdir(join(dir, 'folder'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** One invocation of the protocol: a bundle, what to expect of it, against the public-good root. */
const verifyBundle = (bundle: string, expected: string[], artifact = join(cases, 'a.txt')) =>
  runCommand(command, ['--bundle', bundle, ...expected, '--trusted-root', trustedRoot, artifact], dir);

const identity = ['--certificate-identity', BEACON, '--certificate-oidc-issuer', ISSUER];
const keyCase = join(cases, 'managed-key-happy-path');

describe('provenant verify-bundle', () => {
  it('says which bundle verified which artifact', async () => {
    expect(await verifyBundle(happy, identity)).toEqual({
      code: 0,
      stdout: `OK: "${join(cases, 'a.txt')}" verified with bundle.sigstore.json\n`,
      stderr: '',
    });
  });

  it('takes a .jsonl of exactly one bundle', async () => {
    const r = await verifyBundle('one.jsonl', identity);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('verified with one.jsonl:1');
  });

  it('refuses a .jsonl of several bundles before looking at the artifact', async () => {
    expect(await verifyBundle('two.jsonl', identity, 'missing.txt')).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'provenant verify-bundle: not verified [BUNDLE_INVALID]: two.jsonl: expected one bundle, got 2.\n',
    });
  });

  it('exits 2 for a directory given as the bundle', async () => {
    const r = await verifyBundle('folder', identity);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^provenant verify-bundle: error \[NOT_REGULAR_FILE\]: .*folder: expected a bundle file, got a directory\.\n$/,
    );
  });

  it('prints every violation on its own line, the issuer first', async () => {
    const r = await verifyBundle(happy, [
      '--certificate-identity',
      'https://example.com/someone',
      '--certificate-oidc-issuer',
      'https://issuer.example.com',
    ]);
    expect(r.code).toBe(1);
    expect(
      r.stderr
        .split('\n')
        .filter(Boolean)
        .map((l) => /\[(\w+)\]/.exec(l)?.[1]),
    ).toEqual(['CERT_ISSUER_MISMATCH', 'CERT_IDENTITY_MISMATCH']);
  });

  it('checks a key-signed bundle with the key and no identity rules', async () => {
    const r = await verifyBundle(join(keyCase, 'bundle.sigstore.json'), ['--key', join(keyCase, 'key.pub')]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
  });

  it('refuses a key-signed bundle when a certificate identity is expected', async () => {
    const r = await verifyBundle(join(keyCase, 'bundle.sigstore.json'), identity);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[SIGNATURE_INVALID]');
  });
});

describe('provenant verify-bundle --format json', () => {
  it('prints the report as JSON, with the policy it enforced, and keeps the exit code', async () => {
    for (const flags of [['--format', 'json'], ['--json']]) {
      const r = await verifyBundle(happy, [...identity, ...flags]);
      const json = JSON.parse(r.stdout);
      expect(json.policy.identity).toEqual({ exact: BEACON });
      expect(json.artifacts[0]).toMatchObject({ verified: true, bundlePath: happy });
      expect(r.code).toBe(0);
    }
    const jq = await verifyBundle(happy, [...identity, '--jq', '.artifacts[0].certificate.issuer']);
    expect(jq.stdout).toBe(`${ISSUER}\n`);
  });
});
