import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { contextFromClaims, contextFromEnv, splitWorkflowRef } from '../../src/core/build-context.js';
import { buildProvenance, SLSA_PROVENANCE_V1 } from '../../src/core/provenance.js';
import { buildStatement } from '../../src/core/statement.js';

const claims = {
  repository: 'hyperledger/besu',
  repository_id: '10001',
  repository_owner: 'hyperledger',
  repository_owner_id: '20002',
  ref: 'refs/tags/v25.1.0',
  sha: 'c0ffee'.padEnd(40, '0'),
  workflow_ref: 'hyperledger/besu/.github/workflows/release.yml@refs/tags/v25.1.0',
  job_workflow_ref: 'provenant-org/provenant/.github/workflows/provenance.yml@refs/tags/v1.0.0',
  event_name: 'release',
  run_id: '777',
  run_attempt: '2',
  runner_environment: 'github-hosted',
};

/**
 * GitHub's attestation store checks the predicate against the certificate using the layout of
 * `@actions/attest`'s buildSLSAProvenancePredicate. This is that layout, written out by hand from its documented
 * rules, so a change on our side that breaks compatibility fails here.
 */
function githubLayout(server: string, c: typeof claims) {
  const [workflowPath, workflowRef] = c.workflow_ref.replace(`${c.repository}/`, '').split('@');
  return {
    buildDefinition: {
      buildType: 'https://actions.github.io/buildtypes/workflow/v1',
      externalParameters: {
        workflow: { ref: workflowRef, repository: `${server}/${c.repository}`, path: workflowPath },
      },
      internalParameters: {
        github: {
          event_name: c.event_name,
          repository_id: c.repository_id,
          repository_owner_id: c.repository_owner_id,
          runner_environment: c.runner_environment,
        },
      },
      resolvedDependencies: [{ uri: `git+${server}/${c.repository}@${c.ref}`, digest: { gitCommit: c.sha } }],
    },
    runDetails: {
      builder: { id: `${server}/${c.job_workflow_ref}` },
      metadata: {
        invocationId: `${server}/${c.repository}/actions/runs/${c.run_id}/attempts/${c.run_attempt}`,
      },
    },
  };
}

/** Keeps only the paths present in `shape`, so our additions do not count as differences. */
function project(value: unknown, shape: unknown): unknown {
  if (Array.isArray(shape))
    return (value as unknown[]).slice(0, shape.length).map((v, i) => project(v, shape[i]));
  if (shape && typeof shape === 'object') {
    return Object.fromEntries(
      Object.keys(shape).map((k) => [
        k,
        project((value as Record<string, unknown>)[k], (shape as Record<string, unknown>)[k]),
      ]),
    );
  }
  return value;
}

describe('SLSA v1 provenance', () => {
  const extras = {
    workflowInputs: { version: '25.1.0', dry: false },
    runner: {
      os: 'Linux',
      arch: 'X64',
      name: 'GitHub Actions 2',
      imageOs: 'ubuntu24',
      imageVersion: '20261115.1.0',
    },
    startedOn: '2026-11-21T10:00:00Z',
    finishedOn: '2026-11-21T10:05:00Z',
    tools: { provenant: '0.1.0', node: '24.21.0' },
  };

  it("matches GitHub's layout field for field, for every field GitHub emits", () => {
    const ours = buildProvenance(contextFromClaims(claims, 'https://github.com', extras));
    const theirs = githubLayout('https://github.com', claims);
    expect(project(ours, theirs)).toEqual(theirs);
  });

  it('matches exactly when there is nothing to add', () => {
    const ours = buildProvenance(contextFromClaims(claims, 'https://github.com/', {}));
    expect(ours).toEqual(githubLayout('https://github.com', claims));
  });

  it('adds dispatch inputs, runner, times and tool versions in fields GitHub does not use', () => {
    const p = buildProvenance(contextFromClaims(claims, 'https://github.com', extras));
    expect(p.buildDefinition.externalParameters.inputs).toEqual({ version: '25.1.0', dry: false });
    expect(p.buildDefinition.internalParameters.runner).toEqual({
      os: 'Linux',
      arch: 'X64',
      name: 'GitHub Actions 2',
      image_os: 'ubuntu24',
      image_version: '20261115.1.0',
    });
    expect(p.runDetails.metadata).toMatchObject({
      startedOn: extras.startedOn,
      finishedOn: extras.finishedOn,
    });
    expect(p.runDetails.builder.version).toEqual(extras.tools);
  });

  it('pins the full statement layout (golden file)', () => {
    const statement = buildStatement(
      [
        { name: 'dist/a/app.tar.gz', digest: { sha256: '1'.repeat(64) }, size: 10 },
        { name: 'dist/b/app.tar.gz', digest: { sha256: '2'.repeat(64), sha512: '3'.repeat(128) } },
      ],
      SLSA_PROVENANCE_V1,
      buildProvenance(contextFromClaims(claims, 'https://github.com', extras), {
        extraDependencies: [
          {
            name: 'old.tar.gz',
            uri: 'https://example.invalid/old.tar.gz',
            digest: { sha256: '4'.repeat(64) },
          },
        ],
      }),
    );
    const golden = JSON.parse(
      readFileSync(
        path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/golden/statement.json'),
        'utf8',
      ),
    );
    expect(statement).toEqual(golden);
    // Key order is part of the signed bytes' stability.
    expect(JSON.stringify(statement)).toBe(JSON.stringify(golden));
  });

  it('splits workflow refs', () => {
    expect(splitWorkflowRef('o/r/.github/workflows/x.yml@refs/heads/main', 'o/r')).toEqual({
      path: '.github/workflows/x.yml',
      ref: 'refs/heads/main',
    });
  });
});

describe('build context from the runner environment', () => {
  const env = {
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'o/r',
    GITHUB_REPOSITORY_ID: '1',
    GITHUB_REPOSITORY_OWNER: 'o',
    GITHUB_REPOSITORY_OWNER_ID: '2',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SHA: 'f'.repeat(40),
    GITHUB_WORKFLOW_REF: 'o/r/.github/workflows/ci.yml@refs/heads/main',
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    GITHUB_RUN_ID: '5',
    GITHUB_RUN_ATTEMPT: '1',
    RUNNER_ENVIRONMENT: 'self-hosted',
    RUNNER_OS: 'Linux',
  };

  it('reads every claim from GITHUB_* and the dispatch inputs from the event', () => {
    const ctx = contextFromEnv(env, { inputs: { tag: 'v1' } }, {});
    expect(ctx).toMatchObject({
      repository: 'o/r',
      jobWorkflowRef: env.GITHUB_WORKFLOW_REF,
      runnerEnvironment: 'self-hosted',
    });
    expect(ctx.extras.workflowInputs).toEqual({ tag: 'v1' });
    expect(ctx.extras.runner).toEqual({ os: 'Linux' });
  });

  it('ignores inputs of events that are not dispatches', () => {
    expect(
      contextFromEnv({ ...env, GITHUB_EVENT_NAME: 'push' }, { inputs: { x: 1 } }, {}).extras.workflowInputs,
    ).toBeUndefined();
  });

  it('names every missing variable', () => {
    const { GITHUB_SHA: _s, GITHUB_RUN_ID: _r, ...partial } = env;
    expect(() => contextFromEnv(partial, undefined, {})).toThrow(
      expect.objectContaining({
        code: 'CONTEXT_INVALID',
        message: expect.stringMatching(/GITHUB_SHA, GITHUB_RUN_ID are not set/),
      }),
    );
  });

  it('refuses token claims that are not from GitHub Actions', () => {
    expect(() => contextFromClaims({ sub: 'someone' }, 'https://github.com', {})).toThrow(
      expect.objectContaining({ code: 'CONTEXT_INVALID' }),
    );
  });
});
