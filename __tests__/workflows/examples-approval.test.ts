/**
 * examples/release-approval.yml, copied into a user's repository as .github/workflows/release.yml, run on a tag push
 * by the workflow interpreter: the build, the provenance on a draft, the approval from the `release` environment
 * (reviewed by a maintainer), both signatures verified, then publishing. Then a user's `provenant verify
 * --require-approval` on what the release holds.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCliProcess } from '../../test-support/action-runner.js';
import type { WorkflowRun } from '../../test-support/workflows/interpreter.js';
import { sourceRepo } from '../../test-support/workflows/sources.js';
import { assetNames, expectJobs, how, statementOf, workflowSuite } from './support.js';

const REPO = 'octo-org/octo-repo';
const TAG = 'v1.4.0';
const WORKFLOW = `${REPO}/.github/workflows/release.yml`;
const suite = workflowSuite(REPO, { visibility: 'public', immutableReleases: true });
let release: WorkflowRun;

beforeAll(async () => {
  const source = await sourceRepo(
    { 'README.md': '# octo-repo\n', 'RELEASE.md': '# Releasing\n\nThe release environment approves.\n' },
    [TAG],
  );
  suite.removeLater(source.dir);
  suite.em.setRef(REPO, `refs/tags/${TAG}`, source.sha);
  release = await suite.run({
    file: 'examples/release-approval.yml',
    workflowPath: '.github/workflows/release.yml',
    repository: REPO,
    event: 'push',
    payload: { ref: `refs/tags/${TAG}` },
    ref: `refs/tags/${TAG}`,
    sha: source.sha,
    sources: { [REPO]: source.dir },
    reviews: { release: { reviewer: 'maintainer', comment: 'v1.4.0 ships' } },
  });
}, 180_000);

describe('examples/release-approval.yml', () => {
  it('runs build → provenance → approve (environment) → publish, every step as written', () => {
    expectJobs(release, [
      ['build', 'success'],
      ['provenance', 'success'],
      ['approve', 'success'],
      ['publish', 'success'],
    ]);
    expect(how(release)).toEqual([
      'build › actions/checkout: stand-in',
      'build › Build: run',
      'build › actions/upload-artifact: stand-in',
      'provenance › actions/download-artifact: stand-in',
      'provenance › Create the draft release with the files: run',
      'provenance › Sign and attach the provenance: action',
      'approve › actions/checkout: stand-in',
      'approve › Approve the release: action',
      "publish › Download the draft's assets: run",
      'publish › Verify the provenance and the approval: action',
      'publish › Publish the release: run',
    ]);
    expect(suite.em.violations).toEqual([]);
  });

  it('signs the approval as the release environment, with the reviewer GitHub reported', async () => {
    const approve = release.step('approve', 'Approve the release');
    expect(approve.overridden).toEqual(['sigstore', 'fulcio-url', 'rekor-url', 'tsa-url', 'trusted-root']);
    expect(approve.outputs['environment']).toBe('release');
    expect(approve.outputs['certificate-identity']).toBe(`https://github.com/${WORKFLOW}@refs/tags/${TAG}`);
    expect(JSON.parse(approve.outputs['reviewers']!)).toEqual([
      { login: 'maintainer', state: 'approved', comment: 'v1.4.0 ships' },
    ]);
    const statement = statementOf(JSON.parse(await readFile(approve.outputs['bundle-path']!, 'utf8')));
    expect(statement.predicate.release.tag).toBe(TAG);
    expect(statement.subject.map((s: { name: string }) => s.name)).toEqual([`example-${TAG}.tar.gz`]);
    const verified = release.step('publish', 'Verify the provenance and the approval');
    expect(verified.outputs['verified']).toBe('true');
  });

  it('publishes a release whose assets verify with --require-approval', async () => {
    const r = suite.em.releases(REPO).find((x) => x.tag === TAG)!;
    expect(r.draft).toBe(false);
    expect(assetNames(suite.em, r.id)).toEqual([
      'approval.sigstore.json',
      `example-${TAG}.tar.gz`,
      'provenance.sigstore.json',
    ]);
    const dir = await mkdtemp(path.join(tmpdir(), 'provenant-approved-release-'));
    suite.removeLater(dir);
    for (const a of suite.em.assets(r.id)) await writeFile(path.join(dir, a.name), a.bytes);
    const policy = [
      '--repo',
      REPO,
      '--signer-workflow',
      WORKFLOW,
      '--trusted-root',
      suite.stack.trustedRootPath,
    ];
    const approval = [
      '--require-approval',
      '--approver-workflow',
      WORKFLOW,
      '--approver-environment',
      'release',
    ];
    const ok = await runCliProcess(
      [
        'verify',
        `example-${TAG}.tar.gz`,
        '--bundle',
        'provenance.sigstore.json',
        ...policy,
        ...approval,
        '--min-version',
        '1.4.0',
      ],
      { cwd: dir },
    );
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(
      /approver +https:\/\/github\.com\/octo-org\/octo-repo\/\.github\/workflows\/release\.yml@refs\/tags\/v1\.4\.0 \(environment release\)/,
    );
    expect(ok.stdout).toMatch(/reviews +maintainer \(approved\) \(unverified, from GitHub's API\)/);
    // The build job's certificate names no environment: it cannot pass for the approver.
    const asApprover = await runCliProcess(
      [
        'verify',
        `example-${TAG}.tar.gz`,
        '--bundle',
        'provenance.sigstore.json',
        ...policy,
        '--environment',
        'release',
      ],
      { cwd: dir },
    );
    expect(asApprover.code).toBe(1);
    expect(asApprover.stdout).toMatch(/ENVIRONMENT_MISMATCH/);
  });
});
