import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { getRepository, resolveVisibility } from '../../../src/adapters/github/repository.js';
import type { GitHubEmulator } from '../../../test-support/github-emulator/index.js';
import { client, emulator, failure } from './fixtures.js';

let em: GitHubEmulator;
beforeEach(async () => {
  em = await emulator();
});
afterEach(async () => {
  expect(em.violations).toEqual([]);
  await em.stop();
});

describe('getRepository', () => {
  it('reads ids and visibility', async () => {
    em.addRepo('lfdt/ledger', { id: 4242, ownerId: 77, visibility: 'internal' });
    expect(await getRepository(client(em), { owner: 'lfdt', repo: 'ledger' })).toEqual({
      id: 4242,
      ownerId: 77,
      fullName: 'lfdt/ledger',
      visibility: 'internal',
      defaultBranch: 'main',
    });
  });

  it('passes on what the API says, even when it is wrong; resolveVisibility then trusts the OIDC claim', async () => {
    em.addRepo('lfdt/open', { visibility: 'public', reportedVisibility: 'private' });
    const info = await getRepository(client(em), { owner: 'lfdt', repo: 'open' });
    expect(info.visibility).toBe('private');
    const resolved = resolveVisibility(info.visibility, 'public');
    expect(resolved).toMatchObject({ visibility: 'public', source: 'oidc-claim' });
    expect(resolved.disagreement).toContain('REST API says the repository is private');
  });

  it('a bad token is a clear error', async () => {
    const err = await failure(
      getRepository(client(em, { token: 'ghs_wrongwrongwrongwrongwrongwrong0000' }), {
        owner: 'acme',
        repo: 'widget',
      }),
    );
    expect(err.code).toBe('GITHUB_PERMISSION_MISSING');
    expect(err.message).toContain('HTTP 401');
    expect(err.message).not.toContain('ghs_wrong');
  });
});

describe('resolveVisibility', () => {
  it('falls back to the API, and to private when nothing is known', () => {
    expect(resolveVisibility('public', undefined)).toEqual({ visibility: 'public', source: 'rest-api' });
    expect(resolveVisibility(undefined, 'bogus')).toEqual({ visibility: 'private', source: 'rest-api' });
    expect(resolveVisibility('private', 'private')).toEqual({ visibility: 'private', source: 'oidc-claim' });
  });
});
