import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { runCliProcess } from '../../test-support/action-runner.js';
import {
  eventually,
  newMasterKey,
  startBroker,
  type BrokerProcess,
} from '../../test-support/broker/index.js';
import { decryptInProcess, post, recordingClient } from '../../test-support/broker/in-process.js';
import { startPostgres, type Postgres } from '../../test-support/broker/postgres.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';

let stack: SigstoreStack;
let db: Postgres;
let ws: string;
let brokers: BrokerProcess[] = [];
const masterKey = newMasterKey();
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
let plain: Buffer;

const token = (file: string) => {
  const ref = `acme/widget/.github/workflows/${file}@refs/heads/main`;
  return stack.issueToken({
    repository: 'acme/widget',
    repository_owner: 'acme',
    ref: 'refs/heads/main',
    workflow_ref: ref,
    job_workflow_ref: ref,
  });
};
const start = (name: string) =>
  startBroker({
    args: [
      '--listen',
      '127.0.0.1:0',
      '--database',
      db.url,
      '--trusted-root',
      stack.trustedRootPath,
      '--publisher-policy',
      path.join(ws, 'publishers.json'),
      '--instance-name',
      name,
    ],
    masterKey,
  });
const decryptVia = (url: string, output: string) =>
  decryptInProcess(stack, token('deploy.yml'), recordingClient(url).client, {
    input: path.join(ws, 'widget.tgz.enc'),
    name: 'widget.tgz.enc',
    output: path.join(ws, output),
    provenanceBundle: path.join(ws, 'prov', 'provenance.sigstore.json'),
  });

beforeAll(async () => {
  [stack, db] = await Promise.all([startSigstoreStack(), startPostgres()]);
  ws = await mkdtemp(path.join(tmpdir(), 'provenant-broker-pg-'));
  plain = randomBytes(100_000);
  await writeFile(path.join(ws, 'widget.tgz'), plain);
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
  // Two instances starting together create the schema once (under an advisory lock).
  brokers = await Promise.all([start('a'), start('b')]);
  const enc = await runCliProcess(
    [
      'encrypt',
      'widget.tgz',
      '--broker',
      brokers[0]!.url,
      '--policy',
      'policy.json',
      '--output-dir',
      'prov',
      '--quiet',
      '--fulcio-url',
      stack.urls.fulcio,
      '--rekor-url',
      stack.urls.rekor,
      '--trusted-root',
      stack.trustedRootPath,
    ],
    { cwd: ws, env: { SIGSTORE_ID_TOKEN: token('release.yml') } },
  );
  expect(enc.stderr).toBe('');
  expect(enc.code).toBe(0);
}, 90_000);
afterAll(async () => {
  await Promise.all(brokers.map((b) => b.stop()));
  await Promise.all([stack?.stop(), db?.stop()]);
  await rm(ws, { recursive: true, force: true });
});

describe('several brokers sharing PostgreSQL (Debian postgresql on 127.0.0.1)', () => {
  it('releases through one instance the key registered through another', async () => {
    const r = await decryptVia(brokers[1]!.url, 'out/b.tgz');
    expect(r.plaintextSha256).toBe(sha256(plain));
    expect(await readFile(path.join(ws, 'out', 'b.tgz'))).toEqual(plain);
  });

  it('uses a nonce once across instances: the same request sent to both at once is answered once', async () => {
    const rec = recordingClient(brokers[0]!.url);
    await decryptInProcess(stack, token('deploy.yml'), rec.client, {
      input: path.join(ws, 'widget.tgz.enc'),
      name: 'widget.tgz.enc',
      output: path.join(ws, 'out', 'a.tgz'),
      provenanceBundle: path.join(ws, 'prov', 'provenance.sigstore.json'),
    });
    const replay = await post(brokers[1]!.url, '/v1/key-requests', rec.keyRequests[0]);
    expect(replay.status).toBe(403);
    expect(replay.body.error.code).toBe('NONCE_REPLAYED');

    // A fresh request, raced: sign it through one instance's nonce, then send it to both at the same moment.
    const raced = recordingClient(brokers[1]!.url);
    raced.client.requestKey = (r) => {
      raced.keyRequests.push(r);
      return Promise.reject(new Error('held back'));
    };
    await expect(
      decryptInProcess(stack, token('deploy.yml'), raced.client, {
        input: path.join(ws, 'widget.tgz.enc'),
        name: 'widget.tgz.enc',
        output: path.join(ws, 'out', 'x.tgz'),
        provenanceBundle: path.join(ws, 'prov', 'provenance.sigstore.json'),
      }),
    ).rejects.toThrow('held back');
    const answers = await Promise.all(
      brokers.flatMap((b) => [
        post(b.url, '/v1/key-requests', raced.keyRequests[0]),
        post(b.url, '/v1/key-requests', raced.keyRequests[0]),
      ]),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 403, 403, 403]);
    expect(answers.filter((a) => a.status === 403).every((a) => a.body.error.code === 'NONCE_REPLAYED')).toBe(
      true,
    );
  });

  it('serves 100 concurrent decrypt requests spread over both instances', async () => {
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => decryptVia(brokers[i % 2]!.url, `many/${i}.tgz`)),
    );
    expect(results.every((r) => r.plaintextSha256 === sha256(plain))).toBe(true);
    const files = await readdir(path.join(ws, 'many'));
    expect(files).toHaveLength(100);
    for (const f of files) expect(sha256(await readFile(path.join(ws, 'many', f)))).toBe(sha256(plain));
  }, 120_000);

  it('keeps every key and the audit of both instances in the database across restarts', async () => {
    await Promise.all(brokers.map((b) => b.stop('SIGKILL')));
    brokers = await Promise.all([start('a2'), start('b2')]);
    const r = await decryptVia(brokers[1]!.url, 'out/after-restart.tgz');
    expect(r.plaintextSha256).toBe(sha256(plain));
    await eventually(() => brokers[1]!.audit.some((a) => a.allowed === true));
    const client = new pg.Client(db.url);
    await client.connect();
    try {
      const rows = (await client.query('SELECT instance, action, allowed FROM audit')).rows;
      expect(new Set(rows.map((x) => x.instance))).toEqual(new Set(['a', 'b', 'b2']));
      expect(rows.filter((x) => x.action === 'release' && x.allowed === 1).length).toBeGreaterThanOrEqual(
        103,
      );
      // At rest the key is sealed under the master key: no column holds the 32 key bytes in any encoding.
      const [key] = (await client.query('SELECT * FROM keys')).rows;
      expect(key.sealed_key).toMatch(/^v1\./);
      expect(Object.keys(key)).not.toContain('key');
    } finally {
      await client.end();
    }
  });
});
