import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runAction, type ActionRun } from '../../test-support/action-runner.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../test-support/github-emulator/index.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';

const REPO = 'octo-org/octo-repo';
const SHA = '5f7b2e1c9a3d4b6e8f0a1c2e3d4f5a6b7c8d9e0f';
let stack: SigstoreStack;
let em: GitHubEmulator;
let ws: string;

beforeAll(async () => {
  stack = await startSigstoreStack();
  ws = await mkdtemp(path.join(tmpdir(), 'provenant-publish-'));
  await mkdir(path.join(ws, 'dist'), { recursive: true });
  await writeFile(path.join(ws, 'dist/app-linux.tar.gz'), 'linux build');
  await writeFile(path.join(ws, 'dist/app-darwin.tar.gz'), 'darwin build');
});
afterAll(async () => {
  await stack.stop();
  await rm(ws, { recursive: true, force: true });
});
beforeEach(async () => {
  em = await startGitHubEmulator({ repository: REPO });
  em.addRepo(REPO, { visibility: 'public', immutableReleases: true });
});
afterEach(async () => {
  expect(em.violations).toEqual([]);
  await em.stop();
  stack.faults.clear();
});

function act(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({
    workspace: ws,
    inputs: {
      'subject-path': 'dist',
      sigstore: 'custom',
      'fulcio-url': stack.urls.fulcio,
      'rekor-url': stack.urls.rekor,
      'tsa-url': stack.urls.tsa,
      'trusted-root': stack.trustedRootPath,
      'github-token': em.token,
      'release-tag': 'v1.0.0',
      ...inputs,
    },
    env: {
      ...stack.env,
      ...em.env,
      GITHUB_SHA: SHA,
      GITHUB_REF: 'refs/tags/v1.0.0',
      PROVENANT_RETRY_UNIT_MS: '1',
      ...env,
    },
  });
}

const assetNames = (releaseId: number) =>
  em
    .assets(releaseId)
    .map((a) => a.name)
    .sort();
const statementOf = (bundle: { dsseEnvelope: { payload: string } }) =>
  JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString());

describe('release workflow: draft → sign → attach → publish', () => {
  it('attaches the bundle to the draft, uploads the workflow artifact, stores the attestation, then the release publishes', async () => {
    const release = em.addRelease(REPO, {
      tag: 'v1.0.0',
      draft: true,
      assets: [{ name: 'app-linux.tar.gz', bytes: 'linux build' }],
    });
    const run = await act({ 'upload-artifact': 'true' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    expect(assetNames(release.id)).toEqual(['app-linux.tar.gz', 'provenance.sigstore.json']);
    const onRelease = em.assets(release.id).find((a) => a.name === 'provenance.sigstore.json')!;
    expect(Buffer.from(onRelease.bytes).toString()).toBe(await readFile(run.outputs['bundle-path']!, 'utf8'));
    // The user's own asset is untouched.
    expect(
      Buffer.from(em.assets(release.id).find((a) => a.name === 'app-linux.tar.gz')!.bytes).toString(),
    ).toBe('linux build');

    expect(em.artifacts().map((a) => a.name)).toEqual([
      expect.stringMatching(/^provenance-bundles-release-[0-9a-f]{8}$/),
    ]);
    expect(em.attestations()).toHaveLength(1);
    // The run's start comes from the workflow run (the runner exports no such variable); the end is the attestation.
    const { metadata } = statementOf(JSON.parse(await readFile(run.outputs['bundle-path']!, 'utf8')))
      .predicate.runDetails;
    expect(metadata.startedOn).toBe(new Date(em.runStartedAt()).toISOString());
    expect(Date.parse(metadata.finishedOn)).toBeGreaterThan(Date.parse(metadata.startedOn));
    expect(run.outputs['attestation-id']).toBe(String(em.attestations()[0]!.id));
    expect(JSON.parse(run.outputs['release-asset-urls']!)).toHaveLength(1);
    expect(run.outputs['artifact-id']).toMatch(/^\d+$/);
    expect(run.summary).toContain('### Where the bundles went');
    expect(run.summary).toContain('Release asset: [provenance.sigstore.json]');
    expect(run.summary).toContain('Attestation store:');

    // Publishing the draft afterwards is the user's next step; the bundle is already there.
    const publish = await fetch(`${em.apiUrl}/repos/${REPO}/releases/${release.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${em.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ draft: false }),
    });
    expect(publish.status).toBe(200);
    expect(assetNames(release.id)).toContain('provenance.sigstore.json');
  });

  it('a rerun with the same inputs keeps the equivalent bundle already attached; overwrite replaces it', async () => {
    const release = em.addRelease(REPO, { tag: 'v1.0.0', draft: true });
    expect((await act({})).code).toBe(0);
    const before = Buffer.from(em.assets(release.id)[0]!.bytes).toString();
    // Re-signing makes other bytes (a fresh key, certificate and log entry) for the same subjects and workflow.
    const again = await act({});
    expect(again.stdout).not.toContain('::error::');
    expect(again.code).toBe(0);
    expect(await readFile(again.outputs['bundle-path']!, 'utf8')).not.toBe(before);
    expect(again.stdout).toMatch(/Release asset provenance\.sigstore\.json: kept .*equivalent bundle/);
    expect(assetNames(release.id)).toEqual(['provenance.sigstore.json']);
    expect(Buffer.from(em.assets(release.id)[0]!.bytes).toString()).toBe(before);
    expect(JSON.parse(again.outputs['release-asset-urls']!)).toEqual([
      expect.stringMatching(/\/releases\/download\/v1\.0\.0\/provenance\.sigstore\.json$/),
    ]);
    // With overwrite the new bundle replaces the old one, and only that asset.
    const replaced = await act({ overwrite: 'true' });
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toContain('Release asset provenance.sigstore.json: replaced');
    expect(assetNames(release.id)).toEqual(['provenance.sigstore.json']);
    expect(Buffer.from(em.assets(release.id)[0]!.bytes).toString()).toBe(
      await readFile(replaced.outputs['bundle-path']!, 'utf8'),
    );
  });

  it.each<[string, Record<string, string>, () => void]>([
    ['other subjects', { 'subject-path': 'dist/app-linux.tar.gz' }, () => {}],
    [
      'another workflow',
      {},
      () =>
        stack.setClaims({
          job_workflow_ref: 'octo-org/octo-repo/.github/workflows/other.yml@refs/tags/v1.0.0',
        }),
    ],
  ])(
    'a bundle already attached for %s is not this run’s: a clear conflict, nothing replaced',
    async (_what, inputs, change) => {
      const release = em.addRelease(REPO, { tag: 'v1.0.0', draft: true });
      expect((await act({})).code).toBe(0);
      const before = Buffer.from(em.assets(release.id)[0]!.bytes).toString();
      change();
      try {
        const again = await act(inputs);
        expect(again.code).toBe(1);
        expect(again.stdout).toContain('[ASSET_CONFLICT]');
        expect(again.stdout).toContain('overwrite');
        expect(again.stdout).toContain('kept at');
      } finally {
        stack.setClaims({});
      }
      expect(assetNames(release.id)).toEqual(['provenance.sigstore.json']);
      expect(Buffer.from(em.assets(release.id)[0]!.bytes).toString()).toBe(before);
    },
  );
});

describe('failures keep every signature and leave the release clean', () => {
  it('a published immutable release: clear error with the draft fix; bundle on disk and in the artifact; no asset added', async () => {
    const release = em.addRelease(REPO, {
      tag: 'v1.0.0',
      draft: false,
      assets: [{ name: 'app-linux.tar.gz', bytes: 'linux build' }],
    });
    const run = await act({ 'upload-artifact': 'true' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('[RELEASE_IMMUTABLE]');
    expect(run.stdout).toMatch(/draft/i);
    expect(await readFile(run.outputs['bundle-path']!, 'utf8')).toContain('dsseEnvelope');
    expect(em.artifacts().map((a) => a.name)).toEqual([
      expect.stringMatching(/^provenance-bundles-release-[0-9a-f]{8}$/),
    ]);
    expect(assetNames(release.id)).toEqual(['app-linux.tar.gz']);
  });

  it('uploads failing past the retries: clear error, bundle kept, no partial asset on the release', async () => {
    const release = em.addRelease(REPO, { tag: 'v1.0.0', draft: true });
    em.faults.failNext(10, { status: 502, path: '/assets', method: 'POST' });
    const run = await act({ 'upload-artifact': 'true' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/\[(SERVICE_UNAVAILABLE|UPLOAD_FAILED)\]/);
    expect(run.stdout).toContain('kept at');
    expect(em.artifacts()).toHaveLength(1);
    expect(em.assets(release.id).filter((a) => a.state !== 'uploaded')).toEqual([]);
    expect(assetNames(release.id)).toEqual([]);
  });

  it('the attestation store down: a warning, the bundle still attached, the step succeeds', async () => {
    const release = em.addRelease(REPO, { tag: 'v1.0.0', draft: true });
    em.faults.failNext(20, { status: 500, path: '/attestations' });
    const run = await act({});
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/::warning::.*attestation store/);
    expect(assetNames(release.id)).toEqual(['provenance.sigstore.json']);
    expect(em.attestations()).toEqual([]);
  });

  it('the attestation store down with require-attestation-store: the step fails, the bundle is kept', async () => {
    em.addRelease(REPO, { tag: 'v1.0.0', draft: true });
    em.faults.failNext(20, { status: 500, path: '/attestations' });
    const run = await act({ 'require-attestation-store': 'true' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('kept at');
  });

  it('a missing contents permission names it and shows the permissions block', async () => {
    em.addRelease(REPO, { tag: 'v1.0.0', draft: true });
    em.permissions.contents = 'read';
    const run = await act({ 'attestation-store': 'false' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('[GITHUB_PERMISSION_MISSING]');
    expect(run.stdout).toContain('contents: write');
  });

  it('the GitHub token never appears in anything the run wrote', async () => {
    em.addRelease(REPO, { tag: 'v1.0.0', draft: true });
    const run = await act({ 'upload-artifact': 'true' });
    expect(run.code).toBe(0);
    const shown = run.everything
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');
    expect(shown).not.toContain(em.token);
    expect(await readFile(run.outputs['bundle-path']!, 'utf8')).not.toContain(em.token);
  });
});

describe('re-sign: the workflow_dispatch path', () => {
  it('downloads the matching assets, says honestly it re-signs them, and attaches <asset>.sigstore.json', async () => {
    const release = em.addRelease(REPO, {
      tag: 'v0.9.0',
      draft: false,
      immutable: false,
      assets: [
        { name: 'old-linux.tar.gz', bytes: 'old linux' },
        { name: 'old-darwin.tar.gz', bytes: 'old darwin' },
        { name: 'NOTES.txt', bytes: 'notes' },
      ],
    });
    const run = await act(
      { 'subject-path': '', 'subject-release-assets': '*.tar.gz', 'release-tag': 'v0.9.0' },
      { GITHUB_EVENT_NAME: 'workflow_dispatch' },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(assetNames(release.id)).toEqual([
      'NOTES.txt',
      'old-darwin.tar.gz',
      'old-darwin.tar.gz.sigstore.json',
      'old-linux.tar.gz',
      'old-linux.tar.gz.sigstore.json',
    ]);
    const bundle = JSON.parse(await readFile(run.outputs['bundle-path']!, 'utf8'));
    const statement = statementOf(bundle);
    expect(statement.subject).toEqual([
      { name: 'old-darwin.tar.gz', digest: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } },
    ]);
    expect(statement.predicate.buildDefinition.externalParameters.resign).toMatchObject({
      release: 'v0.9.0',
    });
    const deps = statement.predicate.buildDefinition.resolvedDependencies;
    expect(deps[1]).toMatchObject({
      name: 'old-darwin.tar.gz',
      uri: expect.stringContaining('old-darwin.tar.gz'),
    });

    // Twice is safe: bundles are never re-signed, and the existing ones, equivalent to this run's, are kept.
    const kept = new Map(em.assets(release.id).map((a) => [a.name, Buffer.from(a.bytes).toString()]));
    const again = await act(
      { 'subject-path': '', 'subject-release-assets': '*', 'release-tag': 'v0.9.0' },
      { GITHUB_EVENT_NAME: 'workflow_dispatch' },
    );
    expect(again.stdout).not.toContain('sigstore.json.sigstore.json');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Release asset old-linux.tar.gz.sigstore.json: kept');
    expect(again.stdout).toContain('Release asset NOTES.txt.sigstore.json: uploaded');
    expect(assetNames(release.id)).toHaveLength(6);
    for (const [name, bytes] of kept) {
      expect(Buffer.from(em.assets(release.id).find((a) => a.name === name)!.bytes).toString()).toBe(bytes);
    }
  });

  it('refuses a missing release and patterns matching nothing, clearly', async () => {
    const missing = await act({ 'subject-path': '', 'subject-release-assets': '*', 'release-tag': 'v9.9.9' });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('[RELEASE_NOT_FOUND]');
    em.addRelease(REPO, {
      tag: 'v0.1.0',
      draft: false,
      immutable: false,
      assets: [{ name: 'a.zip', bytes: 'a' }],
    });
    const none = await act({
      'subject-path': '',
      'subject-release-assets': '*.tar.gz',
      'release-tag': 'v0.1.0',
    });
    expect(none.code).toBe(1);
    expect(none.stdout).toContain('[NO_FILES_FOUND]');
    expect(none.stdout).toContain('"a.zip"');
  });
});
