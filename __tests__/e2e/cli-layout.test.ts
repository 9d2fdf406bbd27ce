/**
 * A three-step pipeline (build → test → package) attested step by step with the built CLI against the local Sigstore
 * stack, each step by its own identity (a protected environment per job, and a key for packaging), its layout signed,
 * then verified; and every tampering case refused with the step and the rule named.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCliProcess } from '../../test-support/action-runner.js';
import {
  GITHUB_ISSUER,
  startSigstoreStack,
  type SigstoreStack,
} from '../../test-support/sigstore-stack/index.js';

let stack: SigstoreStack;
let ws: string;
const LAYOUT_SIGNER_REF = 'octo-org/octo-repo/.github/workflows/layout.yml@refs/heads/main';
const LAYOUT_SAN = `https://github.com/${LAYOUT_SIGNER_REF}`;
const SAN = 'https://github.com/octo-org/octo-repo/.github/workflows/release.yml@refs/tags/v1.0.0';
const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });

const instance = () => [
  '--fulcio-url',
  stack.urls.fulcio,
  '--rekor-url',
  stack.urls.rekor,
  '--trusted-root',
  stack.trustedRootPath,
];
const cli = (args: string[], env: Record<string, string> = {}, cwd = ws) => runCliProcess(args, { cwd, env });
const asEnvironment = (environment: string) => ({ SIGSTORE_ID_TOKEN: stack.issueToken({ environment }) });

function layout(patch: Record<string, unknown> = {}) {
  return {
    _type: 'layout',
    expires: '2030-01-01T00:00:00Z',
    functionaries: {
      builder: { issuer: GITHUB_ISSUER, identity: SAN, environment: 'build' },
      tester: { issuer: GITHUB_ISSUER, identity: SAN, environment: 'test' },
      packager: { public_key: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString() },
    },
    steps: [
      {
        name: 'build',
        functionaries: ['builder'],
        expected_materials: [
          ['ALLOW', 'src/*'],
          ['DISALLOW', '*'],
        ],
        expected_products: [
          ['CREATE', 'out/*'],
          ['DISALLOW', '*'],
        ],
      },
      {
        name: 'test',
        functionaries: ['tester'],
        expected_materials: [
          ['MATCH', 'out/*', 'WITH', 'PRODUCTS', 'FROM', 'build'],
          ['DISALLOW', '*'],
        ],
        expected_products: [['DISALLOW', '*']],
      },
      {
        name: 'package',
        functionaries: ['packager'],
        expected_materials: [
          ['MATCH', 'out/*', 'WITH', 'PRODUCTS', 'FROM', 'build'],
          ['DISALLOW', '*'],
        ],
        expected_products: [
          ['CREATE', 'dist/app.tgz'],
          ['DISALLOW', '*'],
        ],
      },
    ],
    ...patch,
  };
}

async function signedLayout(name: string, document: object): Promise<string> {
  await writeFile(path.join(ws, name), JSON.stringify(document, null, 2));
  const r = await cli(['sign-layout', name, '--quiet', ...instance()], {
    SIGSTORE_ID_TOKEN: stack.issueToken({ job_workflow_ref: LAYOUT_SIGNER_REF }),
  });
  expect(r.code).toBe(0);
  return r.stderr;
}

const verify = (dir: string, extra: string[] = [], name = 'layout.json', artifact = 'dist/app.tgz') =>
  cli([
    'verify',
    artifact,
    '--layout',
    name,
    '--layout-cert-identity',
    LAYOUT_SAN,
    '--layout-cert-oidc-issuer',
    GITHUB_ISSUER,
    '--attestations',
    dir,
    '--trusted-root',
    stack.trustedRootPath,
    ...extra,
  ]);

const step = (name: string, env: Record<string, string>, args: string[], dir = 'links') =>
  cli(['attest-step', '--quiet', '--name', name, '--output-dir', dir, ...instance(), ...args], env);

beforeAll(async () => {
  stack = await startSigstoreStack();
  ws = await mkdtemp(path.join(tmpdir(), 'provenant-layout-'));
  await mkdir(path.join(ws, 'src'));
  await writeFile(path.join(ws, 'src', 'main.c'), 'int main(void) { return 0; }\n');
  await writeFile(path.join(ws, 'packager.pem'), keys.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  expect(await signedLayout('layout.json', layout())).toBe('');
  const build = await step('build', asEnvironment('build'), [
    '--materials',
    'src',
    '--products',
    'out',
    '--',
    'sh',
    '-c',
    'mkdir -p out && cp src/main.c out/app',
  ]);
  expect(build.code).toBe(0);
  expect(
    (await step('test', asEnvironment('test'), ['--materials', 'out', '--', 'sh', '-c', 'test -s out/app']))
      .code,
  ).toBe(0);
  const pack = await step('package', {}, [
    '--key',
    'packager.pem',
    '--materials',
    'out',
    '--products',
    'dist',
    '--',
    'sh',
    '-c',
    'mkdir -p dist && tar cf dist/app.tgz out',
  ]);
  expect(pack.stderr).toBe('');
  expect(pack.code).toBe(0);
}, 120_000);
afterAll(async () => {
  await stack.stop();
  await rm(ws, { recursive: true, force: true });
});

/** A copy of the honest links to tamper with. */
async function copyOfLinks(name: string): Promise<string> {
  await cp(path.join(ws, 'links'), path.join(ws, name), { recursive: true });
  return name;
}

describe('a three-step pipeline, attested and verified through the CLI', () => {
  it('verifies, naming each step and who signed it', async () => {
    const r = await verify('links');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`layout layout.json: signed by ${LAYOUT_SAN} (${GITHUB_ISSUER})`);
    expect(r.stdout).toContain(
      `step build: verified, signed by builder (${SAN} (environment build)) [build.link.sigstore.json]`,
    );
    expect(r.stdout).toContain(`step test: verified, signed by tester (${SAN} (environment test))`);
    expect(r.stdout).toContain('step package: verified, signed by packager (the key of packager)');
    expect(r.stdout).toContain('OK dist/app.tgz: product dist/app.tgz of the final step');
    const json = JSON.parse((await verify('links', ['--format', 'json'])).stdout);
    expect(json.steps.map((s: { name: string; verified: boolean }) => [s.name, s.verified])).toEqual([
      ['build', true],
      ['test', true],
      ['package', true],
    ]);
  });

  it('records the link predicate as the issue describes it', async () => {
    const bundle = JSON.parse(await readFile(path.join(ws, 'links', 'build.link.sigstore.json'), 'utf8'));
    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8'));
    expect(statement.predicateType).toBe('https://in-toto.io/attestation/link/v0.3');
    expect(statement.subject).toEqual([
      { name: 'out/app', digest: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } },
    ]);
    expect(statement.predicate).toEqual(
      expect.objectContaining({
        name: 'build',
        command: ['sh', '-c', 'mkdir -p out && cp src/main.c out/app'],
        materials: [{ name: 'src/main.c', digest: { sha256: expect.any(String) } }],
        byproducts: {
          'return-value': 0,
          stdout: { sha256: expect.any(String) },
          stderr: { sha256: expect.any(String) },
        },
        environment: expect.objectContaining({
          github: expect.objectContaining({ repository: 'octo-org/octo-repo' }),
        }),
      }),
    );
  });

  it('signs the link of a failing command, records its exit code, and fails the step', async () => {
    const env = asEnvironment('test');
    const r = await step(
      'test',
      env,
      ['--materials', 'out', '--', 'sh', '-c', 'env > seen-env.txt; echo broken >&2; exit 3'],
      'failing',
    );
    // The identity token is for signing: the step's command never sees it.
    expect(await readFile(path.join(ws, 'seen-env.txt'), 'utf8')).not.toContain(env.SIGSTORE_ID_TOKEN);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[STEP_COMMAND_FAILED]: step test: the command exited with 3');
    const bundle = JSON.parse(await readFile(path.join(ws, 'failing', 'test.link.sigstore.json'), 'utf8'));
    expect(
      JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString()).predicate.byproducts[
        'return-value'
      ],
    ).toBe(3);
  });

  it("runs a command whose own arguments look like flags (-h after -- is the command's)", async () => {
    const r = await step(
      'test',
      asEnvironment('test'),
      ['--materials', 'out', '--', 'echo', '-h', '--name'],
      'flags',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('-h --name\n');
    const bundle = JSON.parse(await readFile(path.join(ws, 'flags', 'test.link.sigstore.json'), 'utf8'));
    expect(
      JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString()).predicate.command,
    ).toEqual(['echo', '-h', '--name']);
  });

  it('refuses a product changed after its step', async () => {
    const dir = await copyOfLinks('tampered-product');
    await writeFile(path.join(ws, 'out', 'app'), 'not what build made\n');
    try {
      expect(
        (
          await step(
            'package',
            {},
            ['--key', 'packager.pem', '--materials', 'out', '--products', 'dist', '--', 'true'],
            dir,
          )
        ).code,
      ).toBe(0);
    } finally {
      await cp(path.join(ws, 'src', 'main.c'), path.join(ws, 'out', 'app'));
    }
    const r = await verify(dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'step package: FAILED [ARTIFACT_RULE_FAILED]: step package: rule 2 of expected_materials (DISALLOW *) matched out/app',
    );
  });

  it('refuses a step signed by an identity the layout does not allow (the build job signing the test step)', async () => {
    const dir = await copyOfLinks('wrong-identity');
    expect((await step('test', asEnvironment('build'), ['--materials', 'out'], dir)).code).toBe(0);
    const r = await verify(dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'step test: FAILED [STEP_FUNCTIONARY_MISMATCH]: step test: expected a link signed by 1 of tester',
    );
    expect(r.stdout).toContain('tester: environment build, not test');
  });

  it('refuses a missing step and links that disagree', async () => {
    const missing = await copyOfLinks('missing');
    await rm(path.join(ws, missing, 'test.link.sigstore.json'));
    expect((await verify(missing)).stdout).toContain('step test: FAILED [STEP_MISSING]');
    const disagree = await copyOfLinks('disagree');
    await writeFile(path.join(ws, 'extra.txt'), 'x');
    expect(
      (
        await step(
          'test',
          asEnvironment('test'),
          ['--materials', 'out,extra.txt', '--bundle-name', 'test-2.link.sigstore.json'],
          disagree,
        )
      ).code,
    ).toBe(0);
    const r = await verify(disagree);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      '[STEP_LINKS_DISAGREE]: step test: links test-2.link.sigstore.json and test.link.sigstore.json disagree on material extra.txt',
    );
  });

  it('refuses an artifact the final step did not make', async () => {
    await cp(path.join(ws, 'dist', 'app.tgz'), path.join(ws, 'app-copy.tgz'));
    await writeFile(path.join(ws, 'app-copy.tgz'), 'swapped');
    const r = await verify('links', [], 'layout.json', 'app-copy.tgz');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAILED app-copy.tgz [ARTIFACT_NOT_PRODUCED]');
  });

  it('refuses a layout that is unsigned, signed by another, changed after signing, or expired', async () => {
    await writeFile(path.join(ws, 'unsigned.json'), JSON.stringify(layout()));
    const unsigned = await verify('links', [], 'unsigned.json');
    expect(unsigned.code).not.toBe(0);
    expect(unsigned.stderr).toContain('unsigned.json.sigstore.json');

    const other = await cli([
      'verify',
      'dist/app.tgz',
      '--layout',
      'layout.json',
      '--layout-cert-identity',
      SAN,
      '--layout-cert-oidc-issuer',
      GITHUB_ISSUER,
      '--attestations',
      'links',
      '--trusted-root',
      stack.trustedRootPath,
    ]);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('[LAYOUT_SIGNER_MISMATCH]');

    await signedLayout('changed.json', layout());
    await writeFile(
      path.join(ws, 'changed.json'),
      JSON.stringify(layout({ steps: layout().steps.slice(0, 1) })),
    );
    const changed = await verify('links', [], 'changed.json');
    expect(changed.code).toBe(1);
    expect(changed.stderr).toMatch(/\[(SUBJECT_MISMATCH|SIGNATURE_INVALID)\]/);

    expect(await signedLayout('expired.json', layout({ expires: '2020-01-01T00:00:00Z' }))).toContain(
      'warning: the layout expired at 2020-01-01',
    );
    const expired = await verify('links', [], 'expired.json');
    expect(expired.code).toBe(1);
    expect(expired.stdout).toContain('[LAYOUT_EXPIRED]: layout: expected it to be valid now');
  });

  it('takes Provenant SLSA provenance for the build step, and a YAML layout signed with a key', async () => {
    const dir = await copyOfLinks('slsa');
    await rm(path.join(ws, dir, 'build.link.sigstore.json'));
    const signed = await cli(
      [
        'sign',
        'out',
        '--quiet',
        '--output-dir',
        dir,
        '--bundle-name',
        'provenance.sigstore.json',
        ...instance(),
      ],
      asEnvironment('build'),
    );
    expect(signed.code).toBe(0);
    const doc = layout();
    (doc.steps as Record<string, unknown>[])[0] = {
      ...doc.steps[0]!,
      predicate_type: 'https://slsa.dev/provenance/v1',
      expected_materials: [
        ['ALLOW', 'git+https://github.com/octo-org/octo-repo@*'],
        ['DISALLOW', '*'],
      ],
    };
    const { stringify } = await import('yaml');
    await writeFile(path.join(ws, 'slsa.yml'), stringify(doc));
    expect((await cli(['layout', 'check', 'slsa.yml'])).code).toBe(0);
    const keySigned = await cli([
      'sign-layout',
      'slsa.yml',
      '--quiet',
      '--key',
      'packager.pem',
      '--rekor-url',
      stack.urls.rekor,
      '--trusted-root',
      stack.trustedRootPath,
    ]);
    expect(keySigned.code).toBe(0);
    await writeFile(path.join(ws, 'packager.pub'), keys.publicKey.export({ type: 'spki', format: 'pem' }));
    const r = await cli([
      'verify',
      'dist/app.tgz',
      '--layout',
      'slsa.yml',
      '--layout-key',
      'packager.pub',
      '--attestations',
      dir,
      '--trusted-root',
      stack.trustedRootPath,
    ]);
    expect(r.stdout).toContain('step build: verified, signed by builder');
    expect(r.stdout).toContain('[provenance.sigstore.json]');
    expect(r.code).toBe(0);
  });

  it('lints a layout: each rule list not ending in DISALLOW is a warning', async () => {
    const doc = layout();
    doc.steps[1] = {
      ...doc.steps[1]!,
      expected_materials: [['MATCH', 'out/*', 'WITH', 'PRODUCTS', 'FROM', 'build']],
    };
    await writeFile(path.join(ws, 'open.json'), JSON.stringify(doc));
    const r = await cli(['layout', 'check', 'open.json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: step test: expected_materials does not end in DISALLOW');
    expect((await cli(['layout', 'check', 'open.json', '--strict'])).code).toBe(1);
  });
});
