import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runAction } from '../../test-support/action-runner.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';

let stack: SigstoreStack;
let ws: string;

beforeAll(async () => {
  stack = await startSigstoreStack();
  ws = await mkdtemp(path.join(tmpdir(), 'provenant-sign-'));
  await mkdir(path.join(ws, 'dist/linux'), { recursive: true });
  await mkdir(path.join(ws, 'dist/darwin'), { recursive: true });
  await writeFile(path.join(ws, 'dist/linux/tool'), 'linux');
  await writeFile(path.join(ws, 'dist/darwin/tool'), 'darwin');
});
afterAll(async () => {
  await stack.stop();
  await rm(ws, { recursive: true, force: true });
});

const custom = () => ({
  sigstore: 'custom',
  'fulcio-url': stack.urls.fulcio,
  'rekor-url': stack.urls.rekor,
  'tsa-url': `${stack.urls.tsa}/api/v1/timestamp`,
  'trusted-root': stack.trustedRootPath,
});

function decodeEnvelope(bundle: { dsseEnvelope: { payload: string } }) {
  return JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString());
}

describe('the action signs, as the Actions runner runs it, against the local Sigstore stack', () => {
  it('hashes, signs with Fulcio + Rekor + TSA, writes a verified bundle and sets the outputs', async () => {
    const run = await runAction({
      workspace: ws,
      inputs: { 'subject-path': 'dist', ...custom() },
      env: { ...stack.env },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    const bundle = JSON.parse(await readFile(run.outputs['bundle-path']!, 'utf8'));
    expect(bundle.mediaType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
    expect(bundle.dsseEnvelope.payloadType).toBe('application/vnd.in-toto+json');
    expect(bundle.verificationMaterial.certificate).toBeDefined();
    expect(bundle.verificationMaterial.tlogEntries).toHaveLength(1);
    expect(bundle.verificationMaterial.timestampVerificationData.rfc3161Timestamps).toHaveLength(1);

    const statement = decodeEnvelope(bundle);
    expect(statement.subject.map((s: { name: string }) => s.name)).toEqual([
      'dist/darwin/tool',
      'dist/linux/tool',
    ]);
    // The token, not the environment, is the source of the GitHub claims once signing.
    expect(statement.predicate.buildDefinition.resolvedDependencies[0].digest.gitCommit).toBe(
      '5f7b2e1c9a3d4b6e8f0a1c2e3d4f5a6b7c8d9e0f',
    );
    expect(statement.predicate.runDetails.builder.id).toBe(
      'https://github.com/octo-org/octo-repo/.github/workflows/release.yml@refs/tags/v1.0.0',
    );

    expect(run.outputs['certificate-identity']).toBe(statement.predicate.runDetails.builder.id);
    expect(run.outputs['rekor-log-index']).toMatch(/^\d+$/);
    expect(run.outputs['rekor-entry-url']).toContain(stack.urls.rekor);
    expect(JSON.parse(run.outputs['bundle-paths']!)).toEqual([run.outputs['bundle-path']]);
    expect(run.summary).toContain('### Signature');
    expect(run.summary).toContain('gh attestation verify');
    expect(run.stdout).toMatch(/Signed provenance\.sigstore\.json: 2 subjects, Rekor log index \d+/);
  });

  it('checks with openssl: the DSSE signature over the PAE, and the leaf chaining to the stack CA', async () => {
    const run = await runAction({
      workspace: ws,
      inputs: { 'subject-path': 'dist/linux', ...custom() },
      env: { ...stack.env },
    });
    expect(run.code).toBe(0);
    const bundle = JSON.parse(await readFile(run.outputs['bundle-path']!, 'utf8'));
    const dir = await mkdtemp(path.join(tmpdir(), 'provenant-openssl-'));
    try {
      const der = Buffer.from(bundle.verificationMaterial.certificate.rawBytes, 'base64');
      await writeFile(path.join(dir, 'leaf.der'), der);
      execFileSync('openssl', ['x509', '-inform', 'DER', '-in', 'leaf.der', '-out', 'leaf.pem'], {
        cwd: dir,
      });
      await writeFile(path.join(dir, 'ca.pem'), stack.caCertificatePem);
      // Fulcio certificates are valid for minutes; check the chain at signing time.
      const verified = execFileSync(
        'openssl',
        ['verify', '-CAfile', 'ca.pem', '-partial_chain', 'leaf.pem'],
        { cwd: dir },
      ).toString();
      expect(verified.trim()).toBe('leaf.pem: OK');
      execFileSync('openssl', ['x509', '-in', 'leaf.pem', '-pubkey', '-noout', '-out', 'pub.pem'], {
        cwd: dir,
      });
      const payload = Buffer.from(bundle.dsseEnvelope.payload, 'base64');
      const type = bundle.dsseEnvelope.payloadType as string;
      const pae = Buffer.concat([
        Buffer.from(`DSSEv1 ${Buffer.byteLength(type)} ${type} ${payload.length} `),
        payload,
      ]);
      await writeFile(path.join(dir, 'pae.bin'), pae);
      await writeFile(
        path.join(dir, 'sig.der'),
        Buffer.from(bundle.dsseEnvelope.signatures[0].sig, 'base64'),
      );
      const ok = execFileSync(
        'openssl',
        ['dgst', '-sha256', '-verify', 'pub.pem', '-signature', 'sig.der', 'pae.bin'],
        { cwd: dir },
      ).toString();
      expect(ok.trim()).toBe('Verified OK');
      // And a flipped payload byte must not verify (so the check above can fail).
      pae.writeUInt8(pae.readUInt8(pae.length - 2) ^ 1, pae.length - 2);
      await writeFile(path.join(dir, 'pae.bin'), pae);
      expect(() =>
        execFileSync(
          'openssl',
          ['dgst', '-sha256', '-verify', 'pub.pem', '-signature', 'sig.der', 'pae.bin'],
          { cwd: dir, stdio: 'pipe' },
        ),
      ).toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('signs one bundle per subject when asked', async () => {
    const run = await runAction({
      workspace: ws,
      inputs: { 'subject-path': 'dist/linux/tool', 'bundle-layout': 'per-subject', ...custom() },
      env: { ...stack.env },
    });
    expect(run.code).toBe(0);
    expect(path.basename(run.outputs['bundle-path']!)).toBe('tool.sigstore.json');
  });

  it('never lets a token reach any output, log or summary', async () => {
    const token = stack.issueToken();
    const run = await runAction({
      workspace: ws,
      inputs: { 'subject-path': 'dist', ...custom() },
      env: { SIGSTORE_ID_TOKEN: token },
    });
    expect(run.code).toBe(0);
    const bundle = await readFile(run.outputs['bundle-path']!, 'utf8');
    // `::add-mask::` is the command that tells the runner to mask the value: the runner consumes it, never shows it.
    const maskCommands = run.stdout.split('\n').filter((l) => l.startsWith('::add-mask::'));
    expect(maskCommands).toContain(`::add-mask::${token}`);
    const shown = run.everything
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');
    for (const written of [shown, bundle, await readFile(run.outputs['statement-path']!, 'utf8')]) {
      expect(written).not.toContain(token);
      expect(written).not.toContain(token.split('.')[2]);
    }
  });

  it('tells the user the permissions block to add when the job cannot request a token', async () => {
    const run = await runAction({ workspace: ws, inputs: { 'subject-path': 'dist', ...custom() } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('[OIDC_PERMISSION_MISSING]');
    expect(run.stdout).toContain('id-token: write');
  });

  it('refuses a token the stack did not issue, naming Fulcio and the fix, and publishes nothing', async () => {
    const run = await runAction({
      workspace: ws,
      inputs: { 'subject-path': 'dist', ...custom() },
      env: { SIGSTORE_ID_TOKEN: stack.issueForeignToken() },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/\[OIDC_TOKEN_INVALID\] Fulcio at http:\/\/127\.0\.0\.1:\d+/);
    expect(run.outputs['bundle-path']).toBeUndefined();
  });

  it('keeps a private repository out of a public log unless it opts in', async () => {
    const run = await runAction({
      workspace: ws,
      inputs: { 'subject-path': 'dist', sigstore: 'public-good' },
      env: { SIGSTORE_ID_TOKEN: stack.issueToken({ repository_visibility: 'private' }) },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('[PRIVATE_REPO_PUBLIC_LOG]');
    expect(run.stdout).toContain('allow-public-log');
  });
});
