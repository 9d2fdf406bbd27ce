/**
 * One of the services a signing config names is down while `provenant sign --signing-config` runs. A signature
 * needs what the config asks for: a Rekor v2 entry carries no time, so the log and the timestamp authority are both
 * required and either one's outage fails the command, naming the service, with no bundle written. A config that
 * does not ask for a timestamp (a Rekor v1 log, no TSA listed) signs through a TSA outage.
 *
 * The outage answers 503 with a Retry-After of an hour: the signer gives up at once instead of waiting (the waits
 * of a shorter outage are covered in __tests__/adapters/sigstore/signer.test.ts).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCliProcess } from '../../test-support/action-runner.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';

let stack: SigstoreStack;
let ws: string;
const always = { start: '2020-01-01T00:00:00Z' };
const OUTAGE = { kind: 'status', status: 503, retryAfterSeconds: 3600 } as const;

function configFile(name: string, rekor: { url: string; version: 1 | 2 }, tsa: boolean): Promise<string> {
  const at = (url: string, majorApiVersion = 1) => ({
    url,
    majorApiVersion,
    validFor: always,
    operator: 'ops',
  });
  const file = path.join(ws, name);
  return writeFile(
    file,
    JSON.stringify({
      mediaType: 'application/vnd.dev.sigstore.signingconfig.v0.2+json',
      caUrls: [at(stack.urls.fulcio)],
      rekorTlogUrls: [at(rekor.url, rekor.version)],
      tsaUrls: tsa ? [at(`${stack.urls.tsa}/api/v1/timestamp`)] : [],
      rekorTlogConfig: { selector: 'ANY' },
      ...(tsa ? { tsaConfig: { selector: 'ANY' } } : {}),
    }),
  ).then(() => file);
}

const sign = (config: string, out: string) =>
  runCliProcess(
    [
      'sign',
      'dist',
      '--signing-config',
      config,
      '--trusted-root',
      stack.trustedRootPath,
      '--output-dir',
      out,
    ],
    { cwd: ws, env: { SIGSTORE_ID_TOKEN: stack.issueToken() } },
  );

const written = (out: string) =>
  readFile(path.join(ws, out, 'provenance.sigstore.json'), 'utf8').catch(() => undefined);

beforeAll(async () => {
  stack = await startSigstoreStack();
  ws = await mkdtemp(path.join(tmpdir(), 'provenant-config-outage-'));
  await mkdir(path.join(ws, 'dist'));
  await writeFile(path.join(ws, 'dist/app.tgz'), 'the app');
});
afterAll(async () => {
  await stack.stop();
  await rm(ws, { recursive: true, force: true });
});
beforeEach(() => {
  stack.faults.clear();
  stack.rekorV2.faults.clear();
});

describe('an outage of a service the signing config names', () => {
  it('Rekor v2 down, the TSA up: fails naming the log, and writes no bundle', async () => {
    const config = await configFile('v2.json', { url: stack.urls.rekorV2, version: 2 }, true);
    stack.rekorV2.faults.inject('rekor', OUTAGE, 10);
    const r = await sign(config, 'out-v2-down');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Rekor at ${stack.urls.rekorV2}`);
    expect(r.stderr).toMatch(/Retry-After/);
    expect(await written('out-v2-down')).toBeUndefined();
    expect(stack.rekorV2.log.size).toBe(0);
  });

  it('the TSA down, Rekor v2 up: fails naming the TSA (a v2 entry needs the timestamp), and writes no bundle', async () => {
    const config = await configFile('v2.json', { url: stack.urls.rekorV2, version: 2 }, true);
    stack.faults.inject('tsa', OUTAGE, 10);
    const r = await sign(config, 'out-tsa-down');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`TSA at ${stack.urls.tsa}`);
    expect(await written('out-tsa-down')).toBeUndefined();
  });

  it('the TSA down and a config that asks for no timestamp (Rekor v1): signs, with the log entry only', async () => {
    const config = await configFile('v1.json', { url: stack.urls.rekor, version: 1 }, false);
    stack.faults.inject('tsa', OUTAGE, 10);
    const r = await sign(config, 'out-v1');
    expect(r.stderr).not.toContain('TSA');
    expect(r.code).toBe(0);
    const bundle = JSON.parse((await written('out-v1'))!);
    expect(bundle.verificationMaterial.tlogEntries).toHaveLength(1);
    expect(bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps ?? []).toEqual([]);
    expect(stack.faults.pending('tsa')).toBe(10);
  });
});
