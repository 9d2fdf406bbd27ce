/**
 * Each permission the action needs, taken away: the error names it and shows the `permissions:` block to add.
 * (`id-token` and `contents` are also covered in __tests__/e2e/action-sign.test.ts and action-publish.test.ts;
 * here all three are checked the same way, the block included.)
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { rm } from 'node:fs/promises';
import { startGitHubEmulator, type GitHubEmulator } from '../../test-support/github-emulator/index.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';
import { REPO, TAG, actWith, workspace } from '../faults/support.js';

let stack: SigstoreStack;
let em: GitHubEmulator;
let ws: string;

beforeAll(async () => {
  stack = await startSigstoreStack();
  ws = await workspace('provenant-permissions-');
});
afterAll(async () => {
  await stack.stop();
  await rm(ws, { recursive: true, force: true });
});
beforeEach(async () => {
  em = await startGitHubEmulator({ repository: REPO });
  em.addRepo(REPO, { visibility: 'public' });
  em.addRelease(REPO, { tag: TAG, draft: true });
});
afterEach(async () => {
  await em.stop();
});

describe('a missing permission is named, with the permissions block to add', () => {
  it('id-token: no OIDC request URL in the job', async () => {
    const run = await actWith(stack, em, ws, {}, { ACTIONS_ID_TOKEN_REQUEST_URL: '' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::[OIDC_PERMISSION_MISSING]');
    expect(run.stdout).toMatch(/permissions:%0A\s+id-token: write/);
    // Nothing was written: the only call allowed before signing is reading when the run started.
    expect(em.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('contents: the token can read but not write the release', async () => {
    em.permissions.contents = 'read';
    const run = await actWith(stack, em, ws);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::[GITHUB_PERMISSION_MISSING]');
    expect(run.stdout).toContain('`contents: write`');
    expect(run.stdout).toMatch(/permissions:%0A\s+contents: write/);
    expect(run.stdout).toContain('kept at');
  });

  it('attestations: the store refuses, and the store is required', async () => {
    em.permissions.attestations = 'none';
    const run = await actWith(stack, em, ws, {
      'attestation-store': 'true',
      'require-attestation-store': 'true',
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::[GITHUB_PERMISSION_MISSING]');
    expect(run.stdout).toContain('`attestations: write`');
    expect(run.stdout).toMatch(/permissions:%0A.*%0A\s+attestations: write/);
  });

  it('attestations: the store refuses and is optional: a warning naming it, the bundle still attached', async () => {
    em.permissions.attestations = 'none';
    const run = await actWith(stack, em, ws, { 'attestation-store': 'true' });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/::warning::.*attestations: write/);
  });
});
