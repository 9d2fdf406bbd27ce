import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot, runAction } from '../../test-support/action-runner.js';
import { newMasterKey, startBroker, type BrokerProcess } from '../../test-support/broker/index.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';

let stack: SigstoreStack;
let ws: string;
let broker: BrokerProcess;

const workflow = (file: string) => {
  const ref = `acme/widget/.github/workflows/${file}@refs/heads/main`;
  return {
    repository: 'acme/widget',
    repository_owner: 'acme',
    ref: 'refs/heads/main',
    workflow_ref: ref,
    job_workflow_ref: ref,
  };
};
const signingInputs = () => ({
  'fulcio-url': stack.urls.fulcio,
  'rekor-url': stack.urls.rekor,
  'trusted-root': stack.trustedRootPath,
});

beforeAll(async () => {
  stack = await startSigstoreStack();
  ws = await mkdtemp(path.join(tmpdir(), 'provenant-crypt-action-'));
  await writeFile(
    path.join(ws, 'publishers.json'),
    JSON.stringify({
      allow: [{ repo: 'acme/widget', 'signer-workflow': 'acme/widget/.github/workflows/release.yml' }],
    }),
  );
  await writeFile(
    path.join(ws, 'policy.json'),
    JSON.stringify({
      allow: [
        {
          repo: 'acme/widget',
          'signer-workflow': 'acme/widget/.github/workflows/deploy.yml',
          environment: 'production',
        },
      ],
    }),
  );
  broker = await startBroker({
    args: [
      '--listen',
      '127.0.0.1:0',
      '--data',
      path.join(ws, 'data'),
      '--trusted-root',
      stack.trustedRootPath,
      '--publisher-policy',
      path.join(ws, 'publishers.json'),
    ],
    masterKey: newMasterKey(),
  });
});
afterAll(async () => {
  await broker?.stop();
  await stack?.stop();
  await rm(ws, { recursive: true, force: true });
});

describe('the encrypt and decrypt step actions, run as the runner runs them', () => {
  it('encrypt in the release job, decrypt in a deploy job of the environment the policy names', async () => {
    const plain = randomBytes(70_000);
    await writeFile(path.join(ws, 'app.bin'), plain);
    stack.setClaims(workflow('release.yml'));
    const enc = await runAction({
      entry: path.join(repoRoot, 'dist', 'encrypt.js'),
      workspace: ws,
      env: stack.env,
      inputs: { files: 'app.bin', broker: broker.url, policy: 'policy.json', ...signingInputs() },
    });
    expect(enc.stderr).toBe('');
    expect(enc.code).toBe(0);
    expect(enc.outputs.encrypted).toBe(path.join(ws, 'app.bin.enc'));
    expect(enc.outputs.provenance).toBe(path.join(ws, 'provenant-out', 'provenance.sigstore.json'));

    const inputs = {
      file: 'app.bin.enc',
      broker: broker.url,
      output: 'deployed/app.bin',
      bundle: 'provenant-out/provenance.sigstore.json',
      ...signingInputs(),
    };
    stack.setClaims({ ...workflow('deploy.yml'), environment: 'staging' });
    const refused = await runAction({
      entry: path.join(repoRoot, 'dist', 'decrypt.js'),
      workspace: ws,
      env: stack.env,
      inputs,
    });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(
      /::error::\[IDENTITY_NOT_ALLOWED\].*deployment environment "production", got "staging"/,
    );
    await expect(readFile(path.join(ws, 'deployed', 'app.bin'))).rejects.toThrow();

    stack.setClaims({ ...workflow('deploy.yml'), environment: 'production' });
    const dec = await runAction({
      entry: path.join(repoRoot, 'dist', 'decrypt.js'),
      workspace: ws,
      env: stack.env,
      inputs,
    });
    expect(dec.code).toBe(0);
    expect(await readFile(path.join(ws, 'deployed', 'app.bin'))).toEqual(plain);
    expect(dec.outputs).toMatchObject({
      output: path.join(ws, 'deployed', 'app.bin'),
      publisher: 'https://github.com/acme/widget/.github/workflows/release.yml@refs/heads/main',
    });
    expect(dec.everything).not.toContain(stack.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
  });

  it('fails the step with the input named when one is missing', async () => {
    const r = await runAction({
      entry: path.join(repoRoot, 'dist', 'decrypt.js'),
      workspace: ws,
      env: stack.env,
      inputs: { file: 'app.bin.enc', output: 'x' },
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/::error::\[USAGE\] --broker: expected the key broker's URL/);
  });
});
