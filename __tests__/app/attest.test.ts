import { describe, expect, it } from '@jest/globals';
import { attest, type AttestRequest } from '../../src/app/attest.js';
import {
  fakeFileSystem,
  fakeSigning,
  fakeWriter,
  GITHUB_CLAIMS,
  INSTANCE,
  recordingLog,
  sha,
} from './fakes.js';

const ENV = {
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'acme/widget',
  GITHUB_REPOSITORY_ID: '1',
  GITHUB_REPOSITORY_OWNER: 'acme',
  GITHUB_REPOSITORY_OWNER_ID: '2',
  GITHUB_REF: 'refs/tags/v1',
  GITHUB_SHA: 'f'.repeat(40),
  GITHUB_WORKFLOW_REF: 'acme/widget/.github/workflows/release.yml@refs/tags/v1',
  GITHUB_EVENT_NAME: 'push',
  GITHUB_RUN_ID: '42',
  GITHUB_RUN_ATTEMPT: '1',
  RUNNER_ENVIRONMENT: 'github-hosted',
};

function request(overrides: Partial<AttestRequest> = {}): AttestRequest {
  return {
    subjects: {
      patterns: ['a.tgz', 'b.tgz'],
      checksumFiles: [],
      digests: [],
      baseDir: '/work',
      allowOutsideBase: false,
      ifNoFilesFound: 'error',
      algorithms: ['sha256'],
    },
    outputDir: '/out',
    dryRun: false,
    env: ENV,
    event: undefined,
    extras: {},
    bundles: {
      layout: 'single',
      bundleName: 'provenance.sigstore.json',
      subjectsPerStatement: 1024,
      concurrency: 2,
    },
    ...overrides,
  };
}

const files = { 'a.tgz': sha('a'), 'b.tgz': sha('b') };

function ports(signing = fakeSigning()) {
  const writer = fakeWriter();
  const log = recordingLog();
  return {
    signing,
    writer,
    log,
    ports: { fs: fakeFileSystem(files), writeFile: writer.writeFile, signing, log },
  };
}

describe('attest', () => {
  it('in a dry run: builds the statement from the environment and never asks for an identity', async () => {
    const p = ports();
    const result = await attest(request({ dryRun: true }), p.ports);
    expect(p.signing.calls).toEqual([]);
    expect(result.bundles).toEqual([]);
    expect(result.instance).toBeUndefined();
    expect(result.context.repository).toBe('acme/widget');
    expect(result.statementPath).toBe('/out/provenance.statement.json');
    expect(
      JSON.parse(p.writer.written.get(result.statementPath)!).subject.map((s: { name: string }) => s.name),
    ).toEqual(['a.tgz', 'b.tgz']);
  });

  it('when signing: the token is the source of truth, the session is opened for its workflow, the result carries the instance', async () => {
    const claims = { ...GITHUB_CLAIMS, repository: 'acme/other', sha: 'e'.repeat(40) };
    const p = ports(fakeSigning({ claims }));
    const result = await attest(request(), p.ports);
    expect(p.signing.calls.slice(0, 2)).toEqual(['identity', 'session']);
    expect(p.signing.sessionArgs[0]!.identity.token).toBe('the-token-value');
    expect(p.signing.sessionArgs[0]!.expected).toEqual({
      identity: 'https://github.com/acme/widget/.github/workflows/release.yml@refs/tags/v1',
    });
    expect(result.context.repository).toBe('acme/other');
    expect(result.context.extras.runner).toBeDefined();
    expect(result.instance).toEqual(INSTANCE);
    expect(result.claims).toEqual(claims);
    expect(JSON.stringify(result)).not.toContain('the-token-value');
    expect(p.log.warnings).toEqual([
      expect.stringContaining(
        'the identity token says repository acme/other but GITHUB_REPOSITORY is acme/widget',
      ),
      expect.stringContaining(`the identity token says sha ${'e'.repeat(40)}`),
    ]);
    expect(result.bundles.map((b) => b.path)).toEqual(['/out/provenance.sigstore.json']);
  });

  it('writes the first shard as the statement to read, not the whole release', async () => {
    const p = ports();
    const result = await attest(
      request({
        bundles: { layout: 'single', bundleName: 'p.sigstore.json', subjectsPerStatement: 1, concurrency: 1 },
      }),
      p.ports,
    );
    expect(result.bundles.map((b) => b.name)).toEqual(['p.sigstore.json', 'p-2.sigstore.json']);
    expect(result.statement.subject.map((s) => s.name)).toEqual(['a.tgz']);
    expect(result.subjects.map((s) => s.name)).toEqual(['a.tgz', 'b.tgz']);
  });

  it('merges a re-sign’s assets with the other subjects, and refuses a name that disagrees', async () => {
    const p = ports();
    const merged = await attest(
      request({ presetSubjects: [{ name: 'c.tgz', digest: { sha256: sha('c') } }], dryRun: true }),
      p.ports,
    );
    expect(merged.subjects.map((s) => s.name)).toEqual(['a.tgz', 'b.tgz', 'c.tgz']);
    await expect(
      attest(
        request({ presetSubjects: [{ name: 'a.tgz', digest: { sha256: sha('9') } }], dryRun: true }),
        p.ports,
      ),
    ).rejects.toMatchObject({ code: 'SUBJECT_CONFLICT' });
  });

  it('signs only preset subjects when no other source is given', async () => {
    const p = ports();
    const result = await attest(
      request({
        subjects: { ...request().subjects, patterns: [] },
        presetSubjects: [{ name: 'c.tgz', digest: { sha256: sha('c') } }],
      }),
      p.ports,
    );
    expect(result.subjects.map((s) => s.name)).toEqual(['c.tgz']);
  });
});
