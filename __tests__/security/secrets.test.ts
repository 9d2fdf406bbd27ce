/**
 * Secrets never leave the process: the OIDC token, the Actions request token (which mints OIDC tokens), the
 * Actions runtime token and the GitHub token appear in no log line, error, output, summary, file the run wrote,
 * release asset, workflow artifact or stored attestation, on the success path and on failure paths. The only
 * exception is the `::add-mask::` command, which the runner consumes to mask the value and never shows.
 * The provenance never copies environment variables wholesale: canaries set in the environment appear nowhere.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ActionRun } from '../../test-support/action-runner.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../test-support/github-emulator/index.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';
import { JWT, everythingShown, secretsOf } from '../faults/leaks.js';
import { REPO, TAG, actWith, workspace } from '../faults/support.js';

let stack: SigstoreStack;
let em: GitHubEmulator;
let ws: string;

const CANARY = `canary-${Math.random().toString(36).slice(2)}-value`;
const CANARIES = {
  PROVENANT_CANARY: CANARY,
  GITHUB_CANARY: `${CANARY}-github`,
  RUNNER_CANARY: `${CANARY}-runner`,
  AWS_SECRET_ACCESS_KEY: `${CANARY}-aws`,
};

beforeAll(async () => {
  stack = await startSigstoreStack();
  ws = await workspace('provenant-secrets-');
});
afterAll(async () => {
  await stack.stop();
  await rm(ws, { recursive: true, force: true });
});
beforeEach(async () => {
  stack.faults.clear();
  em = await startGitHubEmulator({ repository: REPO });
  em.addRepo(REPO, { visibility: 'public' });
  em.addRelease(REPO, { tag: TAG, draft: true });
});
afterEach(async () => {
  await em.stop();
});

async function expectNoSecrets(run: ActionRun, { oidcTokenFetched }: { oidcTokenFetched: boolean }) {
  const secrets = secretsOf(run, stack, em);
  if (oidcTokenFetched) {
    // The identity token was masked for the runner as soon as it was held.
    expect(secrets.length).toBeGreaterThan(3);
  }
  const shown = await everythingShown(run, em);
  for (const secret of secrets) expect(shown).not.toContain(secret);
  // Nothing JWT-shaped at all (the runtime and identity tokens are JWTs); DSSE payloads are base64 without dots.
  expect(shown.match(JWT) ?? []).toEqual([]);
  for (const canary of Object.values(CANARIES)) expect(shown).not.toContain(canary);
  // Nor the request token's tail, in case something truncates it.
  expect(shown).not.toContain(stack.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN!.slice(-12));
}

const act = (inputs: Record<string, string> = {}) =>
  actWith(stack, em, ws, { 'upload-artifact': 'true', 'attestation-store': 'true', ...inputs }, CANARIES);

describe('secrets never appear in anything the run wrote', () => {
  it('on success: logs, outputs, summary, statement, bundles, release assets, artifact and attestation', async () => {
    const run = await act();
    expect(run.code).toBe(0);
    expect(em.attestations()).toHaveLength(1);
    await expectNoSecrets(run, { oidcTokenFetched: true });
  });

  it.each<[string, () => void, string, boolean]>([
    [
      'Fulcio refusing the token (401)',
      () => stack.faults.failNext('fulcio', 1, 401),
      'OIDC_TOKEN_INVALID',
      true,
    ],
    ['Rekor refusing the entry (400)', () => stack.faults.failNext('rekor', 1, 400), 'SIGNING_FAILED', true],
    [
      'the OIDC endpoint failing',
      () => stack.faults.failNext('oidc', 10, 500),
      'OIDC_TOKEN_REQUEST_FAILED',
      false,
    ],
    [
      'GitHub refusing the token (401)',
      () => em.faults.failNext(10, { status: 401, path: '/assets' }),
      'GITHUB_PERMISSION_MISSING',
      true,
    ],
    [
      'the upload failing past its retries',
      () => em.faults.failNext(50, { status: 502, path: '/assets' }),
      'SERVICE_UNAVAILABLE',
      true,
    ],
    [
      'the attestation store refusing (required)',
      () => em.faults.failNext(50, { status: 500, path: '/attestations' }),
      'SERVICE_UNAVAILABLE',
      true,
    ],
  ])('on failure: %s', async (_label, inject, code, fetched) => {
    inject();
    const run = await act({ 'require-attestation-store': 'true' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`::error::[${code}]`);
    await expectNoSecrets(run, { oidcTokenFetched: fetched });
  });

  it('on an unexpected crash (a stack trace is printed): still nothing', async () => {
    // An output directory below a regular file cannot be created: not a ProvenantError, so main prints the stack.
    const run = await act({ 'output-dir': path.join(ws, 'dist', 'app-linux.tar.gz', 'out') });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::Error: ENOTDIR/);
    await expectNoSecrets(run, { oidcTokenFetched: true });
  });
});

describe('services that echo the request headers back (tokens and all), debug logging on', () => {
  // Tight budgets: a service echoing on every attempt fails the step in seconds, not after the default hour.
  const debugAct = () =>
    actWith(
      stack,
      em,
      ws,
      {
        'upload-artifact': 'true',
        'attestation-store': 'true',
        'request-timeout': '2',
        'publish-timeout': '6',
      },
      { ...CANARIES, RUNNER_DEBUG: '1' },
    );

  it.each<[string, () => void, boolean]>([
    [
      'the results service, once (its client logs the failed attempt, then retries)',
      () => em.faults.echoHeadersNext(1, { origin: 'results', path: 'CreateArtifact', status: 500 }),
      true,
    ],
    [
      'the results service, on every attempt (the step fails naming it)',
      () => em.faults.echoHeadersNext(1000, { origin: 'results', status: 500 }),
      false,
    ],
    [
      'the GitHub uploads host, on every attempt',
      () => em.faults.echoHeadersNext(1000, { origin: 'uploads', status: 500 }),
      false,
    ],
  ])('%s: the runtime token is masked at start and never shown', async (_what, inject, succeeds) => {
    inject();
    const run = await debugAct();
    expect(run.code).toBe(succeeds ? 0 : 1);
    // The runtime token is masked before anything else runs, so the runner hides it even in lines we never see.
    expect(run.stdout.split('\n')[0]).toBe(`::add-mask::${em.env.ACTIONS_RUNTIME_TOKEN}`);
    // What the service echoed reached the log, with the credentials in it redacted.
    expect(run.stdout).toContain('upstream failure; the request was');
    expect(run.stdout).toMatch(/authorization: (Bearer|token) \*\*\*/i);
    await expectNoSecrets(run, { oidcTokenFetched: true });
    // Nor anything else the run (or a library in it) masked: the blob storage's URL signature among them.
    const shown = await everythingShown(run, em);
    const masked = run.stdout
      .split('\n')
      .filter((l) => l.startsWith('::add-mask::'))
      .map((l) => l.slice('::add-mask::'.length));
    expect(masked.length).toBeGreaterThanOrEqual(4);
    for (const m of masked) expect(shown).not.toContain(m);
  });
});

describe('the provenance never copies the environment wholesale', () => {
  it('canary variables reach neither the statement nor the signed payload; only the documented fields do', async () => {
    const run = await act();
    expect(run.code).toBe(0);
    const statementText = await readFile(run.outputs['statement-path']!, 'utf8');
    const bundle = JSON.parse(await readFile(run.outputs['bundle-path']!, 'utf8'));
    const payload = Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8');
    for (const text of [statementText, payload]) {
      for (const [name, value] of Object.entries(CANARIES)) {
        expect(text).not.toContain(value);
        expect(text).not.toContain(name);
      }
      // Neither PATH nor HOME, which every process has.
      expect(text).not.toContain(process.env.PATH!);
    }
    // The runner facts are the five documented RUNNER_*/Image* fields, nothing else.
    const runner = JSON.parse(payload).predicate.buildDefinition.internalParameters.runner;
    expect(Object.keys(runner).sort()).toEqual(['arch', 'image_os', 'image_version', 'name', 'os']);
    for (const value of Object.values(runner)) expect(String(value)).not.toContain(CANARY);
  });
});
