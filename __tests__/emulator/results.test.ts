import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startGitHubEmulator, type GitHubEmulator } from '../../test-support/github-emulator/index.js';

const SERVICE = '/twirp/github.actions.results.api.v1.ArtifactService';
let em: GitHubEmulator;
let ids: { workflow_run_backend_id: string; workflow_job_run_backend_id: string };

beforeEach(async () => {
  em = await startGitHubEmulator();
  const payload = JSON.parse(
    Buffer.from(em.env['ACTIONS_RUNTIME_TOKEN']!.split('.')[1]!, 'base64url').toString(),
  ) as { scp: string };
  const [, run, job] = /Actions\.Results:([^:]+):(\S+)/.exec(payload.scp)!;
  ids = { workflow_run_backend_id: run!, workflow_job_run_backend_id: job! };
});
afterEach(async () => {
  await em.stop();
});

async function twirp(
  method: string,
  body: object,
  token = em.env['ACTIONS_RUNTIME_TOKEN'],
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${em.resultsUrl}${SERVICE}/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('results service', () => {
  it('creates, uploads blocks, commits, finalizes, lists, signs a download URL and deletes', async () => {
    const created = await twirp('CreateArtifact', { ...ids, name: 'bundles', version: 7 });
    expect(created.status).toBe(200);
    const url = String(created.json['signed_upload_url']);
    expect(new URL(url).origin).toBe(em.objectsUrl);
    const put = (q: string, body: string) => fetch(`${url}&${q}`, { method: 'PUT', body });
    expect((await put('comp=block&blockid=QQ%3D%3D', 'hello ')).status).toBe(201);
    expect((await put('comp=block&blockid=Qg%3D%3D', 'world')).status).toBe(201);
    const list = '<?xml version="1.0"?><BlockList><Latest>QQ==</Latest><Latest>Qg==</Latest></BlockList>';
    expect((await put('comp=blocklist', list)).status).toBe(201);
    expect(await (await fetch(url)).text()).toBe('hello world');

    expect((await twirp('FinalizeArtifact', { ...ids, name: 'bundles', size: '3' })).status).toBe(400);
    const finalized = await twirp('FinalizeArtifact', { ...ids, name: 'bundles', size: '11' });
    expect(finalized.json).toEqual({ ok: true, artifact_id: expect.any(String) });
    const listed = await twirp('ListArtifacts', { ...ids, name_filter: 'bundles' });
    expect(listed.json['artifacts']).toEqual([expect.objectContaining({ name: 'bundles', size: '11' })]);
    const signed = await twirp('GetSignedArtifactURL', { ...ids, name: 'bundles' });
    expect(await (await fetch(String(signed.json['signed_url']))).text()).toBe('hello world');
    expect((await twirp('DeleteArtifact', { ...ids, name: 'bundles' })).json['ok']).toBe(true);
    expect(em.artifacts()).toEqual([]);
    expect(em.violations).toEqual([]);
  });

  it('answers a duplicate name with 409, wrong backend ids with 403, a wrong token with 401', async () => {
    await twirp('CreateArtifact', { ...ids, name: 'x', version: 7 });
    expect((await twirp('CreateArtifact', { ...ids, name: 'x', version: 7 })).json['code']).toBe(
      'already_exists',
    );
    expect(
      (await twirp('CreateArtifact', { ...ids, workflow_run_backend_id: 'other', name: 'y', version: 7 }))
        .status,
    ).toBe(403);
    expect((await twirp('CreateArtifact', { ...ids, name: 'z', version: 7 }, 'nope')).status).toBe(401);
  });

  it('records requests outside the client contract', async () => {
    expect((await twirp('CreateArtifact', { ...ids, name: 'x', version: 7, surprise: true })).status).toBe(
      400,
    );
    expect(em.violations[0]?.errors[0]).toContain('unknown [surprise]');
  });

  it('refuses blob requests without the signature', async () => {
    const created = await twirp('CreateArtifact', { ...ids, name: 'x', version: 7 });
    const unsigned = String(created.json['signed_upload_url']).replace(/sig=[^&]+/, 'sig=forged');
    expect(
      (await fetch(`${unsigned}&comp=block&blockid=QQ%3D%3D`, { method: 'PUT', body: 'x' })).status,
    ).toBe(403);
  });
});
