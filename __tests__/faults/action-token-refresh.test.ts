/**
 * An identity token from the Actions endpoint lives minutes (5 on GitHub) and a release of many statements against a
 * slow Fulcio outlasts it. Run as the Actions runner runs the action (dist/index.js) against the local Sigstore stack
 * with tokens that live 6 s and services slow enough that signing takes several lifetimes' worth of waves: the
 * action fetches a fresh token as the one it holds nears expiry, and every statement is signed for the same identity.
 * With one token for the whole run, Fulcio refuses the later statements (it did, before the refresh existed).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startGitHubEmulator, type GitHubEmulator } from '../../test-support/github-emulator/index.js';
import { certificateClaims } from '../../src/core/certificate-claims.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';
import { REPO, TAG, actWith, workspace } from './support.js';

/** Four waves of the 16 statements signed at once. */
const STATEMENTS = 64;
const LIFETIME_SECONDS = 6;

let stack: SigstoreStack;
let em: GitHubEmulator;
let ws: string;

beforeAll(async () => {
  stack = await startSigstoreStack();
  ws = await workspace('provenant-refresh-');
  await mkdir(path.join(ws, 'many'));
  for (let i = 0; i < STATEMENTS; i++) await writeFile(path.join(ws, 'many', `part-${i}.bin`), `part ${i}\n`);
});
afterAll(async () => {
  await stack.stop();
  await rm(ws, { recursive: true, force: true });
});
beforeEach(async () => {
  em = await startGitHubEmulator({ repository: REPO });
  em.addRepo(REPO, { visibility: 'public' });
});
afterEach(async () => {
  stack.setTokenLifetime(undefined);
  stack.faults.clear();
  expect(em.violations).toEqual([]);
  await em.stop();
});

describe('a slow Fulcio and a short-lived identity token', () => {
  it('signs every statement: a fresh token is fetched as the held one nears expiry, for the same identity', async () => {
    stack.setTokenLifetime(LIFETIME_SECONDS);
    // Each statement waits 0.5 s for its certificate and 1.5 s for its timestamp: a wave of 16 takes 2 s, so the
    // fourth wave starts past the first token's expiry. Fulcio checks the token as it answers, after its delay.
    stack.faults.delayNext('fulcio', STATEMENTS, 500);
    stack.faults.delayNext('tsa', STATEMENTS, 1500);
    const issuedBefore = stack.tokensIssued();
    const started = Date.now();
    const run = await actWith(stack, em, ws, { 'subject-path': 'many', 'bundle-layout': 'per-subject' });
    const seconds = (Date.now() - started) / 1000;
    expect(run.stdout).not.toContain('::error::');
    expect(run.code).toBe(0);
    // The run outlasted one token, and it asked for more than the first.
    expect(seconds).toBeGreaterThan(LIFETIME_SECONDS);
    expect(stack.tokensIssued() - issuedBefore).toBeGreaterThanOrEqual(2);

    const paths = JSON.parse(run.outputs['bundle-paths']!) as string[];
    expect(paths).toHaveLength(STATEMENTS);
    const identities = new Set<string>();
    for (const p of paths) {
      const bundle = JSON.parse(await readFile(p, 'utf8'));
      const claims = certificateClaims(
        Buffer.from(bundle.verificationMaterial.certificate.rawBytes, 'base64'),
      );
      identities.add(`${claims.subjectAlternativeName} ${claims.runInvocationURI}`);
    }
    expect([...identities]).toEqual([
      `https://github.com/${REPO}/.github/workflows/release.yml@refs/tags/${TAG} https://github.com/${REPO}/actions/runs/1000000001/attempts/1`,
    ]);
  }, 120_000);
});
