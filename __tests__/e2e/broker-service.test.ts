import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { requestSession } from '../../src/app/encryption/request-session.js';
import { oneTimeKey } from '../../src/adapters/encryption/key-wrap.js';
import {
  KEY_COMMITMENT_LABEL,
  keyRegistrationStatement,
  keyRequestStatement,
} from '../../src/core/encryption/protocol.js';
import { runCliProcess } from '../../test-support/action-runner.js';
import {
  eventually,
  newMasterKey,
  startBroker,
  type BrokerProcess,
} from '../../test-support/broker/index.js';
import { post, stackSigning } from '../../test-support/broker/in-process.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';
import { startTufRepo } from '../../test-support/tuf-repo/index.js';

let stack: SigstoreStack;
let ws: string;
let broker: BrokerProcess;
const masterKey = newMasterKey();
const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const POLICY = JSON.stringify({ allow: [{ repo: 'acme/widget' }] });

const workflowClaims = (repo: string) => {
  const ref = `${repo}/.github/workflows/release.yml@refs/heads/main`;
  return {
    repository: repo,
    repository_owner: repo.split('/')[0]!,
    ref: 'refs/heads/main',
    workflow_ref: ref,
    job_workflow_ref: ref,
  };
};
const token = (repo: string) => stack.issueToken(workflowClaims(repo));
const serveArgs = (data: string, extra: string[] = []) => [
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

/** A registration made by hand, so a test knows the key and can bend each field. */
async function registration(
  opts: {
    key?: Buffer;
    repo?: string;
    policy?: string;
    url?: string;
    sentKey?: Buffer;
    sentPolicy?: string;
    cipher?: string;
  } = {},
) {
  const key = opts.key ?? randomBytes(32);
  const url = opts.url ?? broker.url;
  const policy = opts.policy ?? POLICY;
  const nonce = (await post(url, '/v1/nonces', {})).body.nonce;
  const cipher = opts.cipher ?? sha256(randomBytes(16));
  const session = await requestSession(
    stackSigning(stack, token(opts.repo ?? 'acme/widget')),
    'https://github.com',
  );
  const signed = await session.sign(
    keyRegistrationStatement(
      { name: 'x.enc', sha256: cipher },
      {
        nonce,
        plaintext: { name: 'x', digest: { sha256: sha256('x') } },
        policySha256: sha256(policy),
        keyCommitment: sha256(Buffer.concat([Buffer.from(KEY_COMMITMENT_LABEL), key])),
      },
    ),
  );
  const body = {
    bundle: JSON.parse(signed.bundleJson),
    policy: opts.sentPolicy ?? policy,
    key: (opts.sentKey ?? key).toString('base64'),
  };
  return { key, cipher, body, answer: await post(url, '/v1/keys', body) };
}

beforeAll(async () => {
  stack = await startSigstoreStack();
  ws = await mkdtemp(path.join(tmpdir(), 'provenant-broker-svc-'));
  await writeFile(
    path.join(ws, 'publishers.json'),
    JSON.stringify({
      allow: [{ repo: 'acme/widget', 'signer-workflow': 'acme/widget/.github/workflows/release.yml' }],
    }),
  );
  await writeFile(path.join(ws, 'policy.json'), POLICY);
  broker = await startBroker({ args: serveArgs(path.join(ws, 'data')), masterKey });
});
afterAll(async () => {
  await broker?.stop();
  await stack?.stop();
  await rm(ws, { recursive: true, force: true });
});

describe('registering keys', () => {
  it('keeps the key sealed at rest and out of every output: the database and the broker output never hold it', async () => {
    const { key, answer } = await registration();
    expect(answer.status).toBe(201);
    await broker.stop();
    const stored = Buffer.concat(
      await Promise.all(
        (await readdir(path.join(ws, 'data'))).map((f) => readFile(path.join(ws, 'data', f))),
      ),
    );
    const printed = JSON.stringify(broker.audit) + broker.stderr();
    for (const form of [key.toString('hex'), key.toString('base64'), key.toString('base64url')]) {
      expect(stored.includes(Buffer.from(form))).toBe(false);
      expect(printed).not.toContain(form);
    }
    expect(stored.includes(key)).toBe(false);
    broker = await startBroker({ args: serveArgs(path.join(ws, 'data')), masterKey });
  });

  it('refuses a publisher the publisher policy does not name, and says so in the audit', async () => {
    const { answer } = await registration({ repo: 'evil/fork' });
    expect(answer.status).toBe(403);
    expect(answer.body.error).toMatchObject({
      code: 'IDENTITY_NOT_ALLOWED',
      message: expect.stringContaining('may not register keys'),
    });
    await eventually(() =>
      broker.audit.some((a) => a.action === 'register' && a.code === 'IDENTITY_NOT_ALLOWED'),
    );
    expect(broker.audit.find((a) => a.code === 'IDENTITY_NOT_ALLOWED')).toMatchObject({
      allowed: false,
      repository: 'https://github.com/evil/fork',
    });
  });

  it.each([
    [
      'a key other than the one committed to',
      { sentKey: randomBytes(32) },
      /the data key the request commits to/,
    ],
    [
      'a policy other than the one signed',
      { sentPolicy: JSON.stringify({ allow: [{ owner: 'evil' }] }) },
      /the policy whose digest the request signs/,
    ],
    [
      'a policy the broker cannot use',
      { policy: '{"allow": [{"color": "blue"}]}' },
      /expected only known names, got "color"/,
    ],
  ])('refuses %s', async (_label, opts, message) => {
    const { answer } = await registration(opts);
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(message);
  });

  it('never replaces a registered key; the same registration retried is done', async () => {
    const first = await registration();
    expect(first.answer.status).toBe(201);
    const again = await registration({ key: first.key, cipher: first.cipher });
    expect(again.answer.status).toBe(200);
    const other = await registration({ cipher: first.cipher });
    expect(other.answer.status).toBe(409);
    expect(other.answer.body.error.code).toBe('KEY_EXISTS');
  });

  it('refuses through encrypt a publisher it does not allow, and leaves no ciphertext behind', async () => {
    await writeFile(path.join(ws, 'p.bin'), 'payload');
    const r = await runCliProcess(
      [
        'encrypt',
        'p.bin',
        '--broker',
        broker.url,
        '--policy',
        'policy.json',
        '--quiet',
        '--fulcio-url',
        stack.urls.fulcio,
        '--rekor-url',
        stack.urls.rekor,
        '--trusted-root',
        stack.trustedRootPath,
      ],
      { cwd: ws, env: { SIGSTORE_ID_TOKEN: token('evil/fork') } },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[IDENTITY_NOT_ALLOWED]');
    expect(await readdir(ws)).not.toContain('p.bin.enc');
  });
});

describe('serving', () => {
  it('refuses to listen beyond loopback without TLS, and serves HTTPS with a certificate', async () => {
    const plain = await runCliProcess(
      [
        'broker',
        'serve',
        ...serveArgs(path.join(ws, 'data-x')).map((a) => (a === '127.0.0.1:0' ? '0.0.0.0:0' : a)),
      ],
      { cwd: ws, env: { PROVENANT_BROKER_MASTER_KEY: masterKey } },
    );
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('[BROKER_CONFIG_INVALID]');
    expect(plain.stderr).toContain('--tls-cert FILE and --tls-key FILE');

    await promisify(execFile)('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-days',
      '1',
      '-keyout',
      path.join(ws, 'tls.key'),
      '-out',
      path.join(ws, 'tls.crt'),
    ]);
    const tls = await startBroker({
      args: serveArgs(path.join(ws, 'data-tls'), [
        '--tls-cert',
        path.join(ws, 'tls.crt'),
        '--tls-key',
        path.join(ws, 'tls.key'),
      ]),
      masterKey,
    });
    try {
      expect(tls.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      await writeFile(path.join(ws, 't.bin'), randomBytes(3000));
      const env = { SIGSTORE_ID_TOKEN: token('acme/widget'), NODE_EXTRA_CA_CERTS: path.join(ws, 'tls.crt') };
      const signing = [
        '--fulcio-url',
        stack.urls.fulcio,
        '--rekor-url',
        stack.urls.rekor,
        '--trusted-root',
        stack.trustedRootPath,
        '--quiet',
      ];
      const enc = await runCliProcess(
        [
          'encrypt',
          't.bin',
          '--broker',
          tls.url,
          '--policy',
          'policy.json',
          '--output-dir',
          'prov-tls',
          ...signing,
        ],
        { cwd: ws, env },
      );
      expect(enc.code).toBe(0);
      const dec = await runCliProcess(
        [
          'decrypt',
          't.bin.enc',
          '--broker',
          tls.url,
          '--output',
          't.out',
          '--bundle',
          'prov-tls/provenance.sigstore.json',
          ...signing,
        ],
        { cwd: ws, env },
      );
      expect(dec.code).toBe(0);
      expect(await readFile(path.join(ws, 't.out'))).toEqual(await readFile(path.join(ws, 't.bin')));
      // A client that does not trust the certificate gets nothing.
      const untrusted = await runCliProcess(
        [
          'decrypt',
          't.bin.enc',
          '--broker',
          tls.url,
          '--output',
          't2.out',
          '--bundle',
          'prov-tls/provenance.sigstore.json',
          ...signing,
        ],
        { cwd: ws, env: { SIGSTORE_ID_TOKEN: env.SIGSTORE_ID_TOKEN } },
      );
      expect(untrusted.code).toBe(1);
      expect(untrusted.stderr).toContain('[BROKER_UNAVAILABLE]');
    } finally {
      await tls.stop();
    }
  });

  it.each([
    ['no master key', {}, [], /PROVENANT_BROKER_MASTER_KEY or --master-key-file/],
    ['a master key too short', { PROVENANT_BROKER_MASTER_KEY: 'abcd' }, [], /expected a 256-bit master key/],
    [
      'no publisher policy',
      { PROVENANT_BROKER_MASTER_KEY: masterKey },
      ['--publisher-policy', ''],
      /expected --publisher-policy FILE/,
    ],
  ])('refuses to start with %s', async (_label, env, extra, message) => {
    const r = await runCliProcess(['broker', 'serve', ...serveArgs(path.join(ws, 'data-bad')), ...extra], {
      cwd: ws,
      env: env,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('takes its trusted root from a TUF repository as sign does: a foundation instance (Rekor v2, TSA) end to end', async () => {
    const start = { start: '2020-01-01T00:00:00Z' };
    const config = {
      mediaType: 'application/vnd.dev.sigstore.signingconfig.v0.2+json',
      caUrls: [{ url: stack.urls.fulcio, majorApiVersion: 1, validFor: start, operator: 'foundation' }],
      rekorTlogUrls: [
        { url: stack.urls.rekorV2, majorApiVersion: 2, validFor: start, operator: 'foundation' },
      ],
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
    const tuf = await startTufRepo({
      'trusted_root.json': await readFile(stack.trustedRootPath),
      'signing_config.v0.2.json': JSON.stringify(config),
    });
    await writeFile(path.join(ws, 'tuf-root.json'), tuf.rootJson());
    const viaTuf = (cache: string) => [
      '--tuf-mirror',
      tuf.url,
      '--tuf-root',
      path.join(ws, 'tuf-root.json'),
      '--tuf-cache-dir',
      path.join(ws, cache),
    ];
    const served = await startBroker({
      args: [
        '--listen',
        '127.0.0.1:0',
        '--data',
        path.join(ws, 'data-tuf'),
        '--publisher-policy',
        path.join(ws, 'publishers.json'),
        ...viaTuf('cache-broker'),
      ],
      masterKey,
    });
    try {
      await writeFile(path.join(ws, 'f.bin'), randomBytes(2000));
      const env = { SIGSTORE_ID_TOKEN: token('acme/widget') };
      const enc = await runCliProcess(
        [
          'encrypt',
          'f.bin',
          '--broker',
          served.url,
          '--policy',
          'policy.json',
          '--output-dir',
          'prov-tuf',
          '--quiet',
          ...viaTuf('cache-enc'),
        ],
        { cwd: ws, env },
      );
      expect(enc.stderr).toBe('');
      expect(enc.code).toBe(0);
      const bundle = JSON.parse(
        await readFile(path.join(ws, 'prov-tuf', 'provenance.sigstore.json'), 'utf8'),
      );
      expect(bundle.verificationMaterial.tlogEntries[0].kindVersion).toEqual({
        kind: 'hashedrekord',
        version: '0.0.2',
      });
      const dec = await runCliProcess(
        [
          'decrypt',
          'f.bin.enc',
          '--broker',
          served.url,
          '--output',
          'f.out',
          '--bundle',
          'prov-tuf/provenance.sigstore.json',
          '--quiet',
          ...viaTuf('cache-dec'),
        ],
        { cwd: ws, env },
      );
      expect(dec.code).toBe(0);
      expect(await readFile(path.join(ws, 'f.out'))).toEqual(await readFile(path.join(ws, 'f.bin')));
    } finally {
      await served.stop();
      await tuf.stop();
    }
  });

  it('refuses a request signed under another Sigstore instance than its trusted root', async () => {
    const other = await startSigstoreStack();
    try {
      const nonce = (await post(broker.url, '/v1/nonces', {})).body.nonce;
      const session = await requestSession(
        stackSigning(other, other.issueToken(workflowClaims('acme/widget'))),
        'https://github.com',
      );
      const signed = await session.sign(
        keyRequestStatement(
          { name: 'x.enc', sha256: 'c'.repeat(64) },
          { nonce, recipient: { algorithm: 'X25519', publicKey: oneTimeKey().publicKey } },
        ),
      );
      const r = await post(broker.url, '/v1/key-requests', { bundle: JSON.parse(signed.bundleJson) });
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('SIGNATURE_INVALID');
      await eventually(() => broker.audit.some((a) => a.code === 'SIGNATURE_INVALID' && a.allowed === false));
    } finally {
      await other.stop();
    }
  });

  it('refuses to open stored keys under another master key, telling the operator', async () => {
    const { cipher } = await registration();
    const other = await startBroker({ args: serveArgs(path.join(ws, 'data')), masterKey: newMasterKey() });
    try {
      const nonce = (await post(other.url, '/v1/nonces', {})).body.nonce;
      const session = await requestSession(stackSigning(stack, token('acme/widget')), 'https://github.com');
      const signed = await session.sign(
        keyRequestStatement(
          { name: 'x.enc', sha256: cipher },
          { nonce, recipient: { algorithm: 'X25519', publicKey: oneTimeKey().publicKey } },
        ),
      );
      const r = await post(other.url, '/v1/key-requests', { bundle: JSON.parse(signed.bundleJson) });
      expect(r.status).toBe(500);
      expect(r.body.error).toMatchObject({
        code: 'BROKER_CONFIG_INVALID',
        message: expect.stringContaining('another master key'),
      });
      expect(r.body).not.toHaveProperty('wrappedKey');
    } finally {
      await other.stop();
    }
  });
});
