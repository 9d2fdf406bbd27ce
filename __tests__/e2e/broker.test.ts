import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { oneTimeKey } from '../../src/adapters/encryption/key-wrap.js';
import { requestSession } from '../../src/app/encryption/request-session.js';
import { keyRequestStatement } from '../../src/core/encryption/protocol.js';
import { runCliProcess } from '../../test-support/action-runner.js';
import {
  eventually,
  newMasterKey,
  startBroker,
  type BrokerProcess,
} from '../../test-support/broker/index.js';
import {
  decryptInProcess,
  post,
  recordingClient,
  stackSigning,
} from '../../test-support/broker/in-process.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';

let stack: SigstoreStack;
let ws: string;
let broker: BrokerProcess;
const masterKey = newMasterKey();
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A GitHub token of `repo`'s workflow `file` (the publisher's release.yml, a consumer's deploy.yml). */
const token = (repo: string, file: string, extra: Record<string, string> = {}) => {
  const ref = `${repo}/.github/workflows/${file}@refs/heads/main`;
  return stack.issueToken({
    repository: repo,
    repository_owner: repo.split('/')[0]!,
    ref: 'refs/heads/main',
    workflow_ref: ref,
    job_workflow_ref: ref,
    ...extra,
  });
};
const publisher = () => token('acme/widget', 'release.yml');
const deployer = () => token('acme/widget', 'deploy.yml');
const signing = () => [
  '--fulcio-url',
  stack.urls.fulcio,
  '--rekor-url',
  stack.urls.rekor,
  '--trusted-root',
  stack.trustedRootPath,
];
const brokerArgs = (data: string, extra: string[] = []) => [
  '--listen',
  '127.0.0.1:0',
  '--data',
  data,
  '--trusted-root',
  stack.trustedRootPath,
  '--publisher-policy',
  path.join(ws, 'publishers.json'),
  ...extra,
];

const cli = (args: string[], identity: string) =>
  runCliProcess(args, { cwd: ws, env: { SIGSTORE_ID_TOKEN: identity } });
const encrypt = (files: string[], policy: string, out = 'prov') =>
  cli(
    [
      'encrypt',
      ...files,
      '--broker',
      broker.url,
      '--policy',
      policy,
      '--output-dir',
      out,
      '--quiet',
      '--json',
      ...signing(),
    ],
    publisher(),
  );
const decrypt = (file: string, output: string, identity: string, bundle = 'prov/provenance.sigstore.json') =>
  cli(
    [
      'decrypt',
      file,
      '--broker',
      broker.url,
      '--output',
      output,
      '--bundle',
      bundle,
      '--quiet',
      '--json',
      ...signing(),
    ],
    identity,
  );

let plain: Buffer;

beforeAll(async () => {
  stack = await startSigstoreStack();
  ws = await mkdtemp(path.join(tmpdir(), 'provenant-broker-'));
  plain = randomBytes(300_000);
  await writeFile(path.join(ws, 'widget.tgz'), plain);
  await writeFile(path.join(ws, 'other.tgz'), randomBytes(1000));
  await writeFile(
    path.join(ws, 'publishers.json'),
    JSON.stringify({
      allow: [{ repo: 'acme/widget', 'signer-workflow': 'acme/widget/.github/workflows/release.yml' }],
    }),
  );
  await writeFile(
    path.join(ws, 'policy.json'),
    JSON.stringify({
      allow: [{ repo: 'acme/widget', 'signer-workflow': 'acme/widget/.github/workflows/deploy.yml' }],
    }),
  );
  await writeFile(path.join(ws, 'other-policy.json'), JSON.stringify({ allow: [{ repo: 'acme/gadget' }] }));
  broker = await startBroker({ args: brokerArgs(path.join(ws, 'data')), masterKey });
  const enc = await encrypt(['widget.tgz'], 'policy.json');
  expect(enc.stderr).toBe('');
  expect(enc.code).toBe(0);
}, 60_000);
afterAll(async () => {
  await broker?.stop();
  await stack?.stop();
  await rm(ws, { recursive: true, force: true });
});

describe('encrypted artifacts through a key broker (built CLI, local Sigstore stack, HTTP on 127.0.0.1)', () => {
  it('writes the ciphertext and provenance naming both sides, and the broker prints only its URL first', async () => {
    expect(broker.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const sealed = await readFile(path.join(ws, 'widget.tgz.enc'));
    expect(sealed.subarray(0, 8).toString()).toBe('PROVENC1');
    const bundle = JSON.parse(await readFile(path.join(ws, 'prov', 'provenance.sigstore.json'), 'utf8'));
    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString());
    expect(statement.subject).toEqual([
      { name: 'widget.tgz', digest: { sha256: sha256(plain) } },
      { name: 'widget.tgz.enc', digest: { sha256: sha256(sealed) } },
    ]);
    const verified = await runCliProcess(
      [
        'verify',
        'widget.tgz.enc',
        '--bundle',
        'prov/provenance.sigstore.json',
        '--repo',
        'acme/widget',
        '--trusted-root',
        stack.trustedRootPath,
      ],
      { cwd: ws },
    );
    expect(verified.code).toBe(0);
    expect(broker.audit.find((a) => a.action === 'register')).toMatchObject({
      allowed: true,
      artifact: `sha256:${sha256(sealed)}`,
      workflow: 'https://github.com/acme/widget/.github/workflows/release.yml@refs/heads/main',
    });
    // The data key is never printed: not in the audit, not in the log.
    expect(JSON.stringify(broker.audit) + broker.stderr()).not.toMatch(/"key"/);
  });

  it('releases the key to the identity the policy names: the plaintext is byte-identical', async () => {
    const r = await decrypt('widget.tgz.enc', 'out/widget.tgz', deployer());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(await readFile(path.join(ws, 'out', 'widget.tgz'))).toEqual(plain);
    expect(JSON.parse(r.stdout)).toMatchObject({
      plaintextSha256: sha256(plain),
      publisher: { identity: 'https://github.com/acme/widget/.github/workflows/release.yml@refs/heads/main' },
    });
    await eventually(() => broker.audit.some((a) => a.action === 'release' && a.allowed === true));
  });

  it('refuses an identity the policy does not name, with the reason in the answer and the audit', async () => {
    const r = await decrypt('widget.tgz.enc', 'out/forbidden.tgz', token('evil/fork', 'deploy.yml'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[IDENTITY_NOT_ALLOWED]');
    expect(r.stderr).toContain(
      'https://github.com/evil/fork/.github/workflows/deploy.yml@refs/heads/main may not decrypt',
    );
    await expect(readFile(path.join(ws, 'out', 'forbidden.tgz'))).rejects.toThrow();
    await eventually(() => broker.audit.some((a) => a.code === 'IDENTITY_NOT_ALLOWED'));
    expect(broker.audit.find((a) => a.code === 'IDENTITY_NOT_ALLOWED')).toMatchObject({
      action: 'release',
      allowed: false,
      repository: 'https://github.com/evil/fork',
      reason: expect.stringContaining('may not decrypt'),
    });
  });

  it('refuses a replayed key request', async () => {
    const rec = recordingClient(broker.url);
    await decryptInProcess(stack, deployer(), rec.client, {
      input: path.join(ws, 'widget.tgz.enc'),
      name: 'widget.tgz.enc',
      output: path.join(ws, 'out', 'first.tgz'),
      provenanceBundle: path.join(ws, 'prov', 'provenance.sigstore.json'),
    });
    const again = await post(broker.url, '/v1/key-requests', rec.keyRequests[0]);
    expect(again.status).toBe(403);
    expect(again.body.error.code).toBe('NONCE_REPLAYED');
    expect(again.body).not.toHaveProperty('wrappedKey');
    await eventually(() => broker.audit.some((a) => a.code === 'NONCE_REPLAYED'));
  });

  it('refuses a stale nonce', async () => {
    const short = await startBroker({
      args: brokerArgs(path.join(ws, 'data-short'), ['--nonce-ttl', '1']),
      masterKey,
    });
    try {
      const nonce = (await post(short.url, '/v1/nonces', {})).body.nonce;
      await new Promise((r) => setTimeout(r, 1500));
      const session = await requestSession(stackSigning(stack, deployer()), 'https://github.com');
      const signed = await session.sign(
        keyRequestStatement(
          { name: 'widget.tgz.enc', sha256: '0'.repeat(64) },
          { nonce, recipient: { algorithm: 'X25519', publicKey: oneTimeKey().publicKey } },
        ),
      );
      const r = await post(short.url, '/v1/key-requests', { bundle: JSON.parse(signed.bundleJson) });
      expect(r.status).toBe(403);
      expect(r.body.error).toMatchObject({
        code: 'NONCE_STALE',
        message: expect.stringContaining('expired'),
      });
      await eventually(() => short.audit.some((a) => a.code === 'NONCE_STALE'));
    } finally {
      await short.stop();
    }
  });

  it('refuses a request for another artifact: a signed request reused for it, and an identity its policy does not name', async () => {
    // A request for widget.tgz.enc, signed with a fresh nonce and held back instead of sent.
    const rec = recordingClient(broker.url);
    rec.client.requestKey = (r) => {
      rec.keyRequests.push(r);
      return Promise.reject(new Error('held back'));
    };
    await expect(
      decryptInProcess(stack, deployer(), rec.client, {
        input: path.join(ws, 'widget.tgz.enc'),
        output: path.join(ws, 'out', 'second.tgz'),
        provenanceBundle: path.join(ws, 'prov', 'provenance.sigstore.json'),
      }),
    ).rejects.toThrow('held back');
    const other = await cli(
      [
        'encrypt',
        'other.tgz',
        '--broker',
        broker.url,
        '--policy',
        'other-policy.json',
        '--output-dir',
        'prov-other',
        '--quiet',
        ...signing(),
      ],
      publisher(),
    );
    expect(other.code).toBe(0);
    const otherId = `sha256:${sha256(await readFile(path.join(ws, 'other.tgz.enc')))}`;
    // Its nonce is fresh, but it is signed for widget.tgz.enc: it must not release other.tgz.enc's key.
    const reused = { ...(rec.keyRequests[0] as object), artifact: otherId };
    const r1 = await post(broker.url, '/v1/key-requests', reused);
    expect(r1.status).toBe(403);
    expect(r1.body.error).toMatchObject({
      code: 'KEY_REQUEST_INVALID',
      message: expect.stringContaining('signed for sha256:'),
    });
    const r2 = await cli(
      [
        'decrypt',
        'other.tgz.enc',
        '--broker',
        broker.url,
        '--output',
        'out/other.tgz',
        '--bundle',
        'prov-other/provenance.sigstore.json',
        '--quiet',
        ...signing(),
      ],
      deployer(),
    );
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain('[IDENTITY_NOT_ALLOWED]');
    expect(r2.stderr).toContain(`may not decrypt ${otherId}`);
    await eventually(() =>
      broker.audit.some((a) => a.code === 'IDENTITY_NOT_ALLOWED' && a.artifact === otherId),
    );
  });

  it('refuses a tampered ciphertext: authentication fails and nothing is written', async () => {
    const sealed = await readFile(path.join(ws, 'widget.tgz.enc'));
    sealed[150_000]! ^= 0x01;
    await writeFile(path.join(ws, 'widget-t.tgz.enc'), sealed);
    const r = await cli(
      [
        'decrypt',
        'widget-t.tgz.enc',
        '--name',
        'widget.tgz.enc',
        '--broker',
        broker.url,
        '--output',
        'out-t/widget.tgz',
        '--bundle',
        'prov/provenance.sigstore.json',
        '--quiet',
        ...signing(),
      ],
      deployer(),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[CIPHERTEXT_INVALID]');
    expect(r.stderr).toMatch(/chunk \d+: expected it to authenticate/);
    expect(await readdir(path.join(ws, 'out-t')).catch(() => [])).toEqual([]);
  });
});

describe('a broker that restarts', () => {
  it('loses no key: killed mid-run, restarted on the same port and data, it still releases every key', async () => {
    await writeFile(path.join(ws, 'late.bin'), randomBytes(5000));
    const enc = await encrypt(['late.bin'], 'policy.json', 'prov-late');
    expect(enc.code).toBe(0);
    const port = new URL(broker.url).port;
    await broker.stop('SIGKILL');
    broker = await startBroker({
      args: brokerArgs(path.join(ws, 'data')).map((a) => (a === '127.0.0.1:0' ? `127.0.0.1:${port}` : a)),
      masterKey,
    });
    expect(broker.url).toBe(`http://127.0.0.1:${port}`);
    for (const file of ['widget.tgz', 'late.bin']) {
      const bundle = file === 'late.bin' ? 'prov-late/provenance.sigstore.json' : undefined;
      const r = await decrypt(`${file}.enc`, `restarted/${file}`, deployer(), bundle);
      expect(r.code).toBe(0);
      expect(await readFile(path.join(ws, 'restarted', file))).toEqual(await readFile(path.join(ws, file)));
    }
  });

  it('serves 100 concurrent decrypt requests correctly', async () => {
    const id = deployer();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        decryptInProcess(stack, id, recordingClient(broker.url).client, {
          input: path.join(ws, 'widget.tgz.enc'),
          name: 'widget.tgz.enc',
          output: path.join(ws, 'many', `${i}.tgz`),
          provenanceBundle: path.join(ws, 'prov', 'provenance.sigstore.json'),
        }),
      ),
    );
    expect(results.every((r) => r.plaintextSha256 === sha256(plain))).toBe(true);
    const files = await readdir(path.join(ws, 'many'));
    expect(files).toHaveLength(100);
    for (const f of files) expect(sha256(await readFile(path.join(ws, 'many', f)))).toBe(sha256(plain));
    await eventually(
      () => broker.audit.filter((a) => a.action === 'release' && a.allowed === true).length >= 100,
    );
  }, 120_000);
});
