import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { command } from '../../src/cli/verify.js';
import { runCommand } from './run-command.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const trustedRoot = join(fixtures, 'trust', 'public-good-trusted-root.json');
const dsseCase = join(
  fixtures,
  'conformance',
  'bundle-verify',
  'happy-path-intoto-in-dsse-v3',
  'bundle.sigstore.json',
);
const BEACON =
  'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'provenant-verify-cli-'));
  await copyFile(join(fixtures, 'conformance', 'bundle-verify', 'a.txt'), join(dir, 'a.txt'));
  await mkdir(join(dir, 'folder'));
  await writeFile(join(dir, 'lonely.bin'), 'no bundle here');
  await writeFile(join(dir, 'folder.sigstore.json'), '{}');
  // A release directory: an artifact with its bundle beside it (a GitHub Actions message signature).
  await mkdir(join(dir, 'dist', 'wheels'), { recursive: true });
  for (const name of ['rfc8785-0.1.2.whl', 'rfc8785-0.1.2.whl.sigstore.json'])
    await copyFile(join(fixtures, 'real-bundles', name), join(dir, 'dist', 'wheels', name));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const verify = (...args: string[]) => runCommand(command, args, dir);

describe('provenant verify: bad input', () => {
  it.each<[string, string[], RegExp]>([
    [
      'no policy',
      ['a.txt', '--trusted-root', trustedRoot],
      /\[POLICY_MISSING\].*--owner OWNER or --repo OWNER\/REPO/,
    ],
    [
      'a missing artifact',
      ['missing.tgz', '--repo', 'o/r', '--trusted-root', trustedRoot],
      /\[FILE_NOT_FOUND\]: artifact "missing\.tgz": expected a file, a directory or a glob/,
    ],
    [
      'a malformed digest',
      ['sha256:abc', '--bundle', dsseCase, '--repo', 'o/r', '--trusted-root', trustedRoot],
      /\[DIGEST_INVALID\]/,
    ],
    [
      'an unknown digest algorithm',
      ['md5:abc', '--bundle', dsseCase, '--repo', 'o/r', '--trusted-root', trustedRoot],
      /\[FILE_NOT_FOUND\]|\[DIGEST/,
    ],
    [
      'a digest without --bundle',
      [`sha256:${'a'.repeat(64)}`, '--repo', 'o/r', '--trusted-root', trustedRoot],
      /\[USAGE\].*--bundle FILE or --bundle-dir DIR/,
    ],
    [
      'an invalid regex',
      ['a.txt', '--cert-identity-regex', 'https://github.com/(', '--trusted-root', trustedRoot],
      /\[INPUT_INVALID\]: --cert-identity-regex: expected a regular expression in Go's RE2 syntax .*missing closing \)/,
    ],
    [
      'a back-reference, which Go refuses too',
      ['a.txt', '--cert-identity-regex', '(a)\\1', '--trusted-root', trustedRoot],
      /\[INPUT_INVALID\]: --cert-identity-regex: .*invalid escape sequence/,
    ],
    [
      'an invalid issuer pattern under its cosign name',
      ['a.txt', '--repo', 'o/r', '--certificate-oidc-issuer-regexp', '[z-a]', '--trusted-root', trustedRoot],
      /\[INPUT_INVALID\]: --cert-oidc-issuer-regex: .*invalid character class range/,
    ],
    ['an unknown flag', ['a.txt', '--repo', 'o/r', '--bogus'], /\[USAGE\].*--bogus/],
    ['an unknown format', ['a.txt', '--repo', 'o/r', '--format', 'xml'], /\[USAGE\]: --format/],
    [
      'both --bundle and --bundle-dir',
      ['a.txt', '--repo', 'o/r', '--bundle', 'x', '--bundle-dir', 'y'],
      /\[USAGE\]/,
    ],
    [
      'only bundle files',
      ['folder.sigstore.json', '--repo', 'o/r', '--trusted-root', trustedRoot],
      /\[USAGE\]: expected at least one ARTIFACT .*got none \(files ending in \.sigstore\.json or \.jsonl are bundles/,
    ],
    [
      'no artifact',
      ['--repo', 'o/r', '--trusted-root', trustedRoot],
      /\[USAGE\]: expected at least one ARTIFACT/,
    ],
    [
      'an unknown instance',
      ['a.txt', '--repo', 'o/r', '--instance', 'elsewhere'],
      /\[INPUT_INVALID\]: --instance/,
    ],
    [
      'a missing trusted root',
      ['a.txt', '--repo', 'o/r', '--trusted-root', 'nope.json'],
      /\[FILE_NOT_FOUND\]: --trusted-root/,
    ],
  ])('exits 2 for %s', async (_name, args, message) => {
    const r = await verify(...args);
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
  });

  it('exits 1 when the bundle beside the artifact is missing, saying where it looked', async () => {
    const r = await verify('lonely.bin', '--repo', 'o/r', '--trusted-root', trustedRoot);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAILED {3}lonely\.bin {2}\[BUNDLE_NOT_FOUND\]/);
    expect(r.stdout).toMatch(/lonely\.bin\.sigstore\.json: expected a bundle file/);
  });
});

describe('provenant verify: directories and globs, as the verify action takes them', () => {
  const policy = ['--repo', 'trailofbits/rfc8785.py', '--trusted-root', trustedRoot, '--format', 'json'];
  const verdicts = (stdout: string) =>
    JSON.parse(stdout).artifacts.map((a: { artifact: string; verified: boolean }) => [
      a.artifact,
      a.verified,
    ]);

  it.each([
    ['a directory, walked', 'dist'],
    ['a quoted glob', 'dist/*/*.whl'],
    ['a glob that also matches the bundle', 'dist/**'],
  ])('verifies %s, never taking a bundle file for an artifact', async (_name, pattern) => {
    const r = await verify(pattern, ...policy);
    expect(verdicts(r.stdout)).toEqual([['dist/wheels/rfc8785-0.1.2.whl', true]]);
    expect(r.code).toBe(0);
  });

  it('fails a glob that matches nothing, and an empty directory', async () => {
    expect((await verify('dist/*.tgz', ...policy)).stderr).toMatch(
      /\[NO_FILES_FOUND\]: artifact: no files matched/,
    );
    expect((await verify('folder', ...policy)).stderr).toMatch(/\[NO_FILES_FOUND\]/);
  });

  it('leaves out what a ! pattern excludes', async () => {
    const r = await verify('dist', '!dist/wheels/*.whl', ...policy);
    expect(r.stderr).toMatch(/\[USAGE\]: expected at least one ARTIFACT/);
  });
});

describe('provenant verify: a public-good DSSE bundle from the conformance corpus', () => {
  // A real bundle whose SLSA statement names https://github.com/loosebazooka/aa-test while its certificate says the
  // conformance beacon built it: exactly the lie the statement-source rule exists for.
  it('refuses it although the signature and identity are valid, because the statement misreports its source', async () => {
    const r = await verify(
      'a.txt',
      '--bundle',
      dsseCase,
      '--cert-identity',
      BEACON,
      '--trusted-root',
      trustedRoot,
      '--format',
      'json',
    );
    const json = JSON.parse(r.stdout);
    expect(json.verified).toBe(false);
    expect(json.artifacts[0]).toMatchObject({
      artifact: 'a.txt',
      verified: false,
      code: 'STATEMENT_CERT_MISMATCH',
      signer: BEACON,
      bundle: 'bundle.sigstore.json',
    });
    expect(json.artifacts[0].failures[0].message).toContain('loosebazooka/aa-test');
    expect(r.code).toBe(1);
  });

  it('reports each of several artifacts', async () => {
    const r = await verify(
      'a.txt',
      'lonely.bin',
      '--bundle',
      dsseCase,
      '--owner',
      'sigstore-conformance',
      '--trusted-root',
      trustedRoot,
      '--format',
      'json',
    );
    const json = JSON.parse(r.stdout);
    expect(json.artifacts.map((a: { artifact: string; code?: string }) => [a.artifact, a.code])).toEqual([
      ['a.txt', 'STATEMENT_CERT_MISMATCH'],
      ['lonely.bin', 'SUBJECT_MISMATCH'],
    ]);
    expect(r.code).toBe(1);
  });

  it('finds bundles in --bundle-dir by subject', async () => {
    const bundles = join(dir, 'bundles');
    await mkdir(bundles, { recursive: true });
    await copyFile(dsseCase, join(bundles, 'provenance.sigstore.json'));
    const r = await verify(
      'a.txt',
      '--bundle-dir',
      'bundles',
      '--repo',
      'sigstore-conformance/extremely-dangerous-public-oidc-beacon',
      '--trusted-root',
      trustedRoot,
    );
    expect(r.stdout).toContain('bundle   provenance.sigstore.json');
    expect(r.stdout).toContain('[STATEMENT_CERT_MISMATCH]');
  });

  it('fails the same bundle for another repository with that headline', async () => {
    const r = await verify(
      'a.txt',
      '--bundle',
      dsseCase,
      '--repo',
      'octo-org/octo-repo',
      '--trusted-root',
      trustedRoot,
    );
    expect(r.stdout).toMatch(/FAILED {3}a\.txt {2}\[SOURCE_REPO_MISMATCH\]/);
    expect(r.code).toBe(1);
  });
});

describe('provenant verify: flags as gh and cosign spell them', () => {
  const wheel = 'dist/wheels/rfc8785-0.1.2.whl';
  const SIGNER = 'https://github.com/trailofbits/rfc8785.py/.github/workflows/release.yml@refs/tags/v0.1.2';
  const root = ['--trusted-root', trustedRoot];

  it("takes cosign's certificate flags and an issuer pattern", async () => {
    const r = await verify(
      wheel,
      '--certificate-identity',
      SIGNER,
      '--certificate-oidc-issuer-regexp',
      '^https://token\\.actions\\.githubusercontent\\.com$',
      ...root,
    );
    expect(r.stdout).toMatch(/^VERIFIED dist\/wheels\/rfc8785-0\.1\.2\.whl\n/);
    expect(r.code).toBe(0);
  });

  it('warns about an identity pattern not anchored at the start, and matches it anywhere as gh does', async () => {
    const r = await verify(wheel, '--cert-identity-regex', 'trailofbits/rfc8785\\.py/', ...root);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^provenant verify: warning: --cert-identity-regex "trailofbits.*" is not anchored at the start/,
    );
  });

  it('refuses two names of one flag with different values', async () => {
    const r = await verify(wheel, '--cert-identity', 'a', '--certificate-identity', 'b', ...root);
    expect(r.stderr).toMatch(/\[USAGE\]: expected one value for --cert-identity and --certificate-identity/);
    expect(r.code).toBe(2);
  });

  it("reads gh's --custom-trusted-root, also as a trusted_root.jsonl with several roots", async () => {
    const custom = join(
      fixtures,
      'conformance',
      'bundle-verify',
      'intoto-with-custom-trust-root',
      'trusted_root.json',
    );
    const jsonl = join(dir, 'trusted_root.jsonl');
    const line = async (file: string) => JSON.stringify(JSON.parse(await readFile(file, 'utf8')));
    await writeFile(jsonl, `${await line(custom)}\n${await line(trustedRoot)}\n`);
    const r = await verify(wheel, '--repo', 'trailofbits/rfc8785.py', '--custom-trusted-root', jsonl);
    expect(r.stdout).toContain('1 of 1 artifact(s) verified.');
  });

  it('--format json (or --json) carries the enforced policy, the certificate and the bundle path', async () => {
    for (const format of [['--format', 'json'], ['--json']]) {
      const r = await verify(
        wheel,
        '--repo',
        'trailofbits/rfc8785.py',
        '--type',
        'slsaprovenance1',
        ...root,
        ...format,
      );
      const json = JSON.parse(r.stdout);
      expect(json.policy).toMatchObject({
        sourceRepo: 'trailofbits/rfc8785.py',
        issuer: 'https://token.actions.githubusercontent.com',
        predicateType: 'https://slsa.dev/provenance/v1',
        signerRepo: { given: 'https://github.com/trailofbits/rfc8785.py', implied: true },
      });
      expect(json.artifacts[0]).toMatchObject({
        artifact: wheel,
        verified: true,
        bundle: 'rfc8785-0.1.2.whl.sigstore.json',
        bundlePath: join(dir, 'dist', 'wheels', 'rfc8785-0.1.2.whl.sigstore.json'),
        certificate: {
          subjectAlternativeName: SIGNER,
          sourceRepositoryDigest: 'd8b4a6445f38c48b9137a8099706d9b8073146e4',
          buildTrigger: 'release',
          sourceRepositoryVisibilityAtSigning: 'public',
        },
      });
    }
  });

  it('--jq filters the JSON like gh, and refuses what its subset lacks', async () => {
    const ok = await verify(
      'dist',
      'lonely.bin',
      '--repo',
      'trailofbits/rfc8785.py',
      ...root,
      '--jq',
      '.artifacts[] | select(.verified == true) | .certificate.sourceRepositoryRef',
    );
    expect(ok.stdout).toBe('refs/tags/v0.1.2\n');
    expect(ok.code).toBe(1);
    const bad = await verify(wheel, '--repo', 'o/r', ...root, '--jq', '.artifacts | length');
    expect(bad.stderr).toMatch(/\[USAGE\]: --jq: expected an expression of the supported subset.*Supported:/);
    expect(bad.code).toBe(2);
  });

  it('--digest-alg hashes with the algorithm asked for', async () => {
    const r = await verify(
      wheel,
      '--repo',
      'trailofbits/rfc8785.py',
      '--digest-alg',
      'sha512',
      ...root,
      '--json',
    );
    const [report] = JSON.parse(r.stdout).artifacts;
    expect(Object.keys(report.digest)).toEqual(['sha512']);
    expect(report.code).toBe('SUBJECT_MISMATCH');
    expect((await verify(wheel, '--repo', 'o/r', '--digest-alg', 'md5', ...root)).code).toBe(2);
  });

  it('documents the jq subset and every alias in --help', () => {
    expect(command.usage).toContain('select(PATH == LITERAL), select(PATH != LITERAL)');
    for (const alias of [
      '--certificate-identity-regexp',
      '--certificate-oidc-issuer-regexp',
      '--type',
      '--custom-trusted-root',
    ])
      expect(command.usage).toContain(alias);
  });
});
