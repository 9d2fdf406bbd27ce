import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { command } from '../../src/cli/verify-bundle.js';

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

async function verifyBundle(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await command.run(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: {},
    cwd: dir,
    isTTY: false,
  });
  return { code, stdout, stderr };
}

const identity = ['--certificate-identity', BEACON, '--certificate-oidc-issuer', ISSUER];

describe('provenant verify-bundle', () => {
  it('says which bundle verified which artifact', async () => {
    const r = await verifyBundle(
      '--bundle',
      happy,
      ...identity,
      '--trusted-root',
      trustedRoot,
      join(cases, 'a.txt'),
    );
    expect(r).toEqual({
      code: 0,
      stdout: `OK: "${join(cases, 'a.txt')}" verified with bundle.sigstore.json\n`,
      stderr: '',
    });
  });

  it('takes a .jsonl of exactly one bundle', async () => {
    const r = await verifyBundle(
      '--bundle',
      'one.jsonl',
      ...identity,
      '--trusted-root',
      trustedRoot,
      join(cases, 'a.txt'),
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('verified with one.jsonl:1');
  });

  it('refuses a .jsonl of several bundles before looking at the artifact', async () => {
    const r = await verifyBundle(
      '--bundle',
      'two.jsonl',
      ...identity,
      '--trusted-root',
      trustedRoot,
      'missing.txt',
    );
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'provenant verify-bundle: not verified [BUNDLE_INVALID]: two.jsonl: expected one bundle, got 2.\n',
    });
  });

  it('exits 2 for a directory given as the bundle', async () => {
    const r = await verifyBundle(
      '--bundle',
      'folder',
      ...identity,
      '--trusted-root',
      trustedRoot,
      join(cases, 'a.txt'),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^provenant verify-bundle: error \[NOT_REGULAR_FILE\]: .*folder: expected a bundle file, got a directory\.\n$/,
    );
  });

  it('prints every violation on its own line, the issuer first', async () => {
    const r = await verifyBundle(
      '--bundle',
      happy,
      '--certificate-identity',
      'https://example.com/someone',
      '--certificate-oidc-issuer',
      'https://issuer.example.com',
      '--trusted-root',
      trustedRoot,
      join(cases, 'a.txt'),
    );
    expect(r.code).toBe(1);
    expect(
      r.stderr
        .split('\n')
        .filter(Boolean)
        .map((l) => /\[(\w+)\]/.exec(l)?.[1]),
    ).toEqual(['CERT_ISSUER_MISMATCH', 'CERT_IDENTITY_MISMATCH']);
  });

  it('checks a key-signed bundle with the key and no identity rules', async () => {
    const keyCase = join(cases, 'managed-key-happy-path');
    const r = await verifyBundle(
      '--bundle',
      join(keyCase, 'bundle.sigstore.json'),
      '--key',
      join(keyCase, 'key.pub'),
      '--trusted-root',
      trustedRoot,
      join(cases, 'a.txt'),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('refuses a key-signed bundle when a certificate identity is expected', async () => {
    const r = await verifyBundle(
      '--bundle',
      join(cases, 'managed-key-happy-path', 'bundle.sigstore.json'),
      ...identity,
      '--trusted-root',
      trustedRoot,
      join(cases, 'a.txt'),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[SIGNATURE_INVALID]');
  });
});
