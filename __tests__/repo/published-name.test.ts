import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../test-support/action-runner.js';
import { attestSummary } from '../../src/app/attest-report.js';
import type { AttestResult } from '../../src/app/attest.js';
import { contextFromClaims } from '../../src/core/build-context.js';
import { PROVENANT_NPX, PROVENANT_PACKAGE, PROVENANT_VERSION } from '../../src/version.js';

const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));

/** Every file a user reads or copies commands from: docs, examples, workflows, action metadata, and the bundles. */
function userFacingFiles(): string[] {
  const files = ['README.md', 'RELEASE.md', 'SECURITY.md', 'action.yml', 'verify/action.yml'];
  for (const dir of ['docs', 'examples', '.github/workflows', 'dist']) {
    const abs = path.join(repoRoot, dir);
    if (!existsSync(abs)) continue;
    for (const e of readdirSync(abs, { recursive: true, withFileTypes: true })) {
      if (e.isFile()) files.push(path.relative(repoRoot, path.join(e.parentPath, e.name)));
    }
  }
  return files.filter((f) => existsSync(path.join(repoRoot, f)));
}

/** A problem with how a text tells users to run the CLI, if any. */
export function invocationProblems(text: string): string[] {
  const problems: string[] = [];
  for (const m of text.matchAll(/npx\s+(?:--yes\s+|-y\s+)?([^\s`'"]+)/g)) {
    const target = m[1]!;
    if (/^provenant(@|$)/.test(target))
      problems.push(`${m[0]}: npm's unscoped provenant is someone else's package`);
    else if (target.startsWith(`${PROVENANT_PACKAGE}`) && target !== `${PROVENANT_PACKAGE}@${pkg.version}`)
      problems.push(`${m[0]}: expected ${PROVENANT_PACKAGE}@${pkg.version} (a pinned, current version)`);
  }
  return problems;
}

describe('users are told to run our package, pinned', () => {
  it('the package is publishable under the scoped name, with its bin', () => {
    expect(pkg.name).toBe(PROVENANT_PACKAGE);
    expect(pkg.private).toBeUndefined();
    expect(pkg.bin).toEqual({ provenant: 'dist/cli.js' });
    expect(PROVENANT_VERSION).toBe(pkg.version);
    expect(PROVENANT_NPX).toBe(`npx --yes ${PROVENANT_PACKAGE}@${pkg.version}`);
  });

  it('knows a bad invocation from a good one', () => {
    expect(invocationProblems('run npx provenant verify x')).toHaveLength(1);
    expect(invocationProblems('run `npx -y provenant@1.0.0 hash`')).toHaveLength(1);
    expect(invocationProblems(`npx ${PROVENANT_PACKAGE} verify`)).toHaveLength(1);
    expect(invocationProblems(`npx --yes ${PROVENANT_PACKAGE}@0.0.1 verify`)).toHaveLength(1);
    expect(invocationProblems(`npx --yes ${PROVENANT_PACKAGE}@${pkg.version} verify`)).toEqual([]);
    expect(invocationProblems('npx prettier --check .')).toEqual([]);
  });

  it('in every doc, example, workflow and bundle', () => {
    const files = userFacingFiles();
    expect(files.length).toBeGreaterThan(10);
    const problems = files.flatMap((f) =>
      invocationProblems(readFileSync(path.join(repoRoot, f), 'utf8')).map((p) => `${f}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it('in the job summary', () => {
    const context = contextFromClaims(
      {
        repository: 'acme/widget',
        repository_id: '1',
        repository_owner: 'acme',
        repository_owner_id: '2',
        ref: 'refs/tags/v1',
        sha: 'f'.repeat(40),
        workflow_ref: 'acme/widget/.github/workflows/release.yml@refs/tags/v1',
        job_workflow_ref: 'acme/widget/.github/workflows/release.yml@refs/tags/v1',
        event_name: 'push',
        run_id: '1',
        run_attempt: '1',
        runner_environment: 'github-hosted',
      },
      'https://github.com',
      {},
    );
    const subject = { name: 'w.tgz', digest: { sha256: 'a'.repeat(64) } };
    const result: AttestResult = {
      subjects: [subject],
      context,
      statement: { _type: 'x', subject: [], predicateType: 'y', predicate: {} } as never,
      statementPath: '/out/provenance.statement.json',
      bundles: [
        {
          path: '/out/p.sigstore.json',
          name: 'p.sigstore.json',
          subjects: [subject],
          facts: { certificateIdentity: 'x' },
        },
      ],
    };
    const summary = attestSummary(result, { dryRun: false });
    expect(summary).toContain(`${PROVENANT_NPX} verify w.tgz`);
    expect(invocationProblems(summary)).toEqual([]);
  });
});
