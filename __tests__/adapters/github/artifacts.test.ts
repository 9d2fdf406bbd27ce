import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uploadWorkflowArtifact } from '../../../src/adapters/github/artifacts.js';
import type { GitHubEmulator } from '../../../test-support/github-emulator/index.js';
import { emulator, failure } from './fixtures.js';

let em: GitHubEmulator;
let dir: string;
const saved = { ...process.env };

beforeAll(async () => {
  em = await emulator();
  // @actions/artifact reads the runner's environment when it is called.
  Object.assign(process.env, em.env);
  dir = await mkdtemp(join(tmpdir(), 'provenant-art-'));
  await writeFile(
    join(dir, 'widget.sigstore.json'),
    '{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json"}',
  );
  await writeFile(join(dir, 'other.sigstore.json'), '{}');
});
afterEach(() => {
  expect(em.violations).toEqual([]);
});
afterAll(async () => {
  process.env = saved;
  await em.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('uploadWorkflowArtifact', () => {
  it('uploads bundles through @actions/artifact to the results service and blob storage', async () => {
    const files = [join(dir, 'widget.sigstore.json'), join(dir, 'other.sigstore.json')];
    const uploaded = await uploadWorkflowArtifact('provenance-bundles', { files, rootDirectory: dir });
    const [stored] = em.artifacts();
    expect(stored).toMatchObject({
      id: uploaded.id,
      name: 'provenance-bundles',
      finalized: true,
      size: uploaded.size,
    });
    // A zip (local file header signature) whose digest is what the client computed and finalized.
    expect(stored?.bytes?.subarray(0, 4).toString('hex')).toBe('504b0304');
    expect(stored?.hash).toBe(`sha256:${createHash('sha256').update(stored!.bytes!).digest('hex')}`);
    expect(uploaded.digest).toBe(stored?.hash?.slice('sha256:'.length));
  });

  it('explains a name already used in the run', async () => {
    const err = await failure(
      uploadWorkflowArtifact('provenance-bundles', {
        files: [join(dir, 'other.sigstore.json')],
        rootDirectory: dir,
      }),
    );
    expect(err.code).toBe('UPLOAD_FAILED');
    expect(err.message).toContain('unique in this run');
    expect(err.message).not.toContain(em.env['ACTIONS_RUNTIME_TOKEN']);
  });

  it('explains a run without the runtime token', async () => {
    delete process.env['ACTIONS_RUNTIME_TOKEN'];
    try {
      const err = await failure(
        uploadWorkflowArtifact('x', { files: [join(dir, 'other.sigstore.json')], rootDirectory: dir }),
      );
      expect(err.code).toBe('UPLOAD_FAILED');
      expect(err.message).toContain('run inside GitHub Actions');
    } finally {
      process.env['ACTIONS_RUNTIME_TOKEN'] = em.env['ACTIONS_RUNTIME_TOKEN'];
    }
  });
});
