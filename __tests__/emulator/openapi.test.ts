import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { getOctokit } from '@actions/github';
import { OpenApiValidator, nullableToNullType } from '../../test-support/github-emulator/openapi.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../test-support/github-emulator/index.js';

describe('nullableToNullType', () => {
  it('turns nullable types, enums and refs into JSON Schema with null', () => {
    expect(nullableToNullType({ type: 'string', nullable: true })).toEqual({ type: ['string', 'null'] });
    expect(nullableToNullType({ type: 'string', enum: ['a'], nullable: true })).toEqual({
      type: ['string', 'null'],
      enum: ['a', null],
    });
    expect(nullableToNullType({ allOf: [{ $ref: '#/components/schemas/x' }], nullable: true })).toEqual({
      anyOf: [{ allOf: [{ $ref: 'github-openapi#/components/schemas/x' }] }, { type: 'null' }],
    });
  });
});

describe('OpenApiValidator', () => {
  const v = new OpenApiValidator();

  it('records which @octokit/openapi version the fixture came from', () => {
    expect(v.source.package).toBe('@octokit/openapi');
    expect(v.source.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('matches upload operations only on the upload origin', () => {
    expect(v.match('POST', '/repos/a/b/releases/1/assets', 'uploads')?.operationId).toBe(
      'repos/upload-release-asset',
    );
    expect(v.match('POST', '/repos/a/b/releases/1/assets', 'api')).toBeUndefined();
    expect(v.match('GET', '/repos/a/b/releases/assets/7', 'api')?.params).toEqual({
      owner: 'a',
      repo: 'b',
      asset_id: 7,
    });
  });

  it('rejects a response missing required fields and accepts nullable ones as null', () => {
    expect(v.validateResponse('repos/create-attestation', 201, { id: 'x' })).toEqual([
      'response/id must be integer',
    ]);
    expect(v.validateResponse('repos/get-release-asset', 200, { id: 1 }).length).toBeGreaterThan(5);
  });
});

describe('the emulator fails loudly on drift', () => {
  let em: GitHubEmulator;
  beforeEach(async () => {
    em = await startGitHubEmulator({ repository: 'acme/widget' });
  });
  afterEach(async () => {
    await em.stop();
  });
  const gh = (): ReturnType<typeof getOctokit> => getOctokit(em.token, { baseUrl: em.apiUrl });

  it('answers 500 and records a violation when its own response is wrong', async () => {
    const r = em.addRelease('acme/widget', { tag: 'v1' });
    em.faults.corruptNextResponse('repos/get-release-by-tag', (body) => ({
      ...(body as object),
      id: 'not-a-number',
    }));
    await expect(
      gh().rest.repos.getReleaseByTag({ owner: 'acme', repo: 'widget', tag: 'v1' }),
    ).rejects.toMatchObject({ status: 500 });
    expect(em.violations).toEqual([
      expect.objectContaining({
        direction: 'response',
        operationId: 'repos/get-release-by-tag',
        errors: ['response/id must be integer'],
      }),
    ]);
    // The next answer is correct again.
    expect(
      (await gh().rest.repos.getReleaseByTag({ owner: 'acme', repo: 'widget', tag: 'v1' })).data.id,
    ).toBe(r.id);
  });

  it('records a request that does not match the spec', async () => {
    const res = await fetch(`${em.apiUrl}/repos/acme/widget/releases`, {
      method: 'POST',
      headers: { authorization: `token ${em.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'no tag' }),
    });
    expect(res.status).toBe(500);
    expect(em.violations[0]).toMatchObject({ direction: 'request', operationId: 'repos/create-release' });
    expect(em.violations[0]?.errors.join()).toContain("must have required property 'tag_name'");
  });

  it('records calls to endpoints outside the extracted surface', async () => {
    const res = await fetch(`${em.apiUrl}/repos/acme/widget/issues`, {
      headers: { authorization: `token ${em.token}` },
    });
    expect(res.status).toBe(500);
    expect(em.violations[0]?.errors[0]).toContain('no operation GET /repos/acme/widget/issues');
  });
});
