import { describe, expect, it } from '@jest/globals';
import {
  PUBLIC_LOG_OPT_IN,
  defaultInstanceName,
  resolveInstance,
  type InstanceRequest,
} from '../../../src/adapters/sigstore/instances.js';

const codeOf = (request: InstanceRequest): string | undefined => {
  try {
    resolveInstance(request);
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code;
  }
};

describe('Sigstore instances', () => {
  it.each([
    ['public', 'public-good'],
    ['private', 'github'],
    ['internal', 'github'],
    [undefined, 'github'],
  ])('defaults a %s repository to %s', (visibility, name) => {
    expect(defaultInstanceName(visibility)).toBe(name);
    expect(resolveInstance({ repositoryVisibility: visibility }).name).toBe(name);
  });

  it('knows each instance and its witnesses', () => {
    expect(resolveInstance({ name: 'public-good' })).toMatchObject({
      fulcioUrl: 'https://fulcio.sigstore.dev',
      rekorUrl: 'https://rekor.sigstore.dev',
      // As public-good's signing config lists it: a timestamp beside the log entry.
      tsaUrl: 'https://timestamp.sigstore.dev/api/v1/timestamp',
      publicLog: true,
    });
    const github = resolveInstance({ name: 'github' });
    expect(github).toMatchObject({ fulcioUrl: 'https://fulcio.githubapp.com', publicLog: false });
    expect(github.tsaUrl).toMatch(/^https:\/\/timestamp\.githubapp\.com\//);
    expect(github.rekorUrl).toBeUndefined();
    expect(resolveInstance({ name: 'staging' }).fulcioUrl).toBe('https://fulcio.sigstage.dev');
  });

  it('refuses an unknown instance name', () => {
    expect(codeOf({ name: 'public' })).toBe('SIGSTORE_CONFIG_INVALID');
  });

  it.each<[string, InstanceRequest]>([
    ['no fulcio-url', { name: 'custom', rekorUrl: 'https://rekor.example', trustedRootPath: 'root.json' }],
    ['no witness', { name: 'custom', fulcioUrl: 'https://fulcio.example', trustedRootPath: 'root.json' }],
    [
      'no trusted root',
      { name: 'custom', fulcioUrl: 'https://fulcio.example', tsaUrl: 'https://tsa.example/api/v1/timestamp' },
    ],
    [
      'a non-http URL',
      {
        name: 'custom',
        fulcioUrl: 'ftp://fulcio.example',
        rekorUrl: 'https://rekor.example',
        trustedRootPath: 'r.json',
      },
    ],
  ])('refuses a custom instance with %s', (_label, request) => {
    expect(codeOf(request)).toBe('SIGSTORE_CONFIG_INVALID');
  });

  it('accepts a custom instance with its own trusted root', () => {
    expect(
      resolveInstance({
        name: 'custom',
        fulcioUrl: 'http://127.0.0.1:1/',
        rekorUrl: 'http://127.0.0.1:2',
        tsaUrl: 'http://127.0.0.1:3/api/v1/timestamp',
        trustedRootPath: 'r.json',
        repositoryVisibility: 'private',
      }),
    ).toEqual({
      name: 'custom',
      fulcioUrl: 'http://127.0.0.1:1',
      rekorUrl: 'http://127.0.0.1:2',
      tsaUrl: 'http://127.0.0.1:3/api/v1/timestamp',
      trustedRootPath: 'r.json',
      publicLog: false,
    });
  });

  describe('a private repository and a public log', () => {
    it.each(['private', 'internal'])(
      'refuses %s → public-good without opt-in, explaining the leak',
      (visibility) => {
        try {
          resolveInstance({ name: 'public-good', repositoryVisibility: visibility });
          throw new Error('not refused');
        } catch (e) {
          const error = e as { code: string; message: string };
          expect(error.code).toBe('PRIVATE_REPO_PUBLIC_LOG');
          expect(error.message).toContain('public and permanent');
          expect(error.message).toContain('sigstore: github');
          expect(error.message).toContain(`${PUBLIC_LOG_OPT_IN}: true`);
        }
      },
    );

    it('refuses a custom instance that points at the public log', () => {
      expect(
        codeOf({
          name: 'custom',
          fulcioUrl: 'https://fulcio.example',
          rekorUrl: 'https://rekor.sigstore.dev',
          trustedRootPath: 'r.json',
          repositoryVisibility: 'private',
        }),
      ).toBe('PRIVATE_REPO_PUBLIC_LOG');
    });

    it('allows it with the explicit opt-in, and always for public repositories', () => {
      expect(
        resolveInstance({ name: 'public-good', repositoryVisibility: 'private', allowPublicLog: true }).name,
      ).toBe('public-good');
      expect(resolveInstance({ name: 'staging', repositoryVisibility: 'public' }).name).toBe('staging');
    });
  });
});

describe("GitHub's instance for a data-residency tenant", () => {
  it('derives Fulcio and the timestamp authority from a *.ghe.com server, and keeps the shared ones elsewhere', async () => {
    const { githubInstanceFor, KNOWN_INSTANCES } =
      await import('../../../src/adapters/sigstore/instances.js');
    expect(githubInstanceFor('https://octo.ghe.com')).toMatchObject({
      name: 'github',
      fulcioUrl: 'https://fulcio.octo.ghe.com',
      tsaUrl: 'https://timestamp.octo.ghe.com/api/v1/timestamp',
      publicLog: false,
    });
    for (const server of [
      'https://github.com',
      undefined,
      'not a url',
      'https://evil.ghe.com.example.org',
      'https://a.b.ghe.com',
    ])
      expect(githubInstanceFor(server).fulcioUrl).toBe(KNOWN_INSTANCES.github.fulcioUrl);
  });
});

describe('the instance a data-residency tenant signs with', () => {
  it("is the tenant's own by default, whatever the visibility, and when asked for github by name", async () => {
    const { resolveInstance } = await import('../../../src/adapters/sigstore/instances.js');
    for (const request of [
      { repositoryVisibility: 'public', serverUrl: 'https://octo.ghe.com' },
      { repositoryVisibility: 'private', serverUrl: 'https://octo.ghe.com' },
      { name: 'github', serverUrl: 'https://OCTO.ghe.com/' },
    ])
      expect(resolveInstance(request)).toMatchObject({
        name: 'github',
        fulcioUrl: 'https://fulcio.octo.ghe.com',
        tsaUrl: 'https://timestamp.octo.ghe.com/api/v1/timestamp',
      });
  });

  it('is public-good only when named, and github.com keeps choosing by visibility', async () => {
    const { resolveInstance } = await import('../../../src/adapters/sigstore/instances.js');
    expect(resolveInstance({ name: 'public-good', serverUrl: 'https://octo.ghe.com' }).name).toBe(
      'public-good',
    );
    expect(resolveInstance({ repositoryVisibility: 'public', serverUrl: 'https://github.com' }).name).toBe(
      'public-good',
    );
    expect(
      resolveInstance({ repositoryVisibility: 'private', serverUrl: 'https://github.com' }).fulcioUrl,
    ).toBe('https://fulcio.githubapp.com');
  });
});
