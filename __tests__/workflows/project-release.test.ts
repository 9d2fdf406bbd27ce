/**
 * .github/workflows/release.yml, Provenant releasing itself, run by the workflow interpreter on a tag push of a
 * snapshot of this checkout: the draft, the signing with this commit's action (`uses: ./`), the check of the
 * attached bundle with the checked-out CLI, the approval from the `release` environment with this commit's approve
 * action (`uses: ./approve`), both signatures verified, publishing, and moving the major tag, all against the
 * emulator. The check-dist job it calls installs from the npm registry, so its steps are skipped with that reason.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { repoRoot } from '../../test-support/action-runner.js';
import type { WorkflowRun } from '../../test-support/workflows/interpreter.js';
import { provenantSnapshot, type SourceRepo } from '../../test-support/workflows/sources.js';
import { CHECK_DIST_SKIPS, assetNames, expectJobs, how, notRun, workflowSuite } from './support.js';

const REPO = 'provenant-org/provenant';
const suite = workflowSuite(REPO, { visibility: 'public', immutableReleases: true });
let snapshot: SourceRepo;
let tag: string;
let run: WorkflowRun;

beforeAll(async () => {
  snapshot = await provenantSnapshot();
  suite.removeLater(snapshot.dir);
  const { version } = (await import('../../package.json', { with: { type: 'json' } })).default;
  tag = `v${version}`;
  suite.em.setRef(REPO, `refs/tags/${tag}`, snapshot.sha);
  run = await suite.run({
    file: '.github/workflows/release.yml',
    repository: REPO,
    event: 'push',
    payload: { ref: `refs/tags/${tag}` },
    ref: `refs/tags/${tag}`,
    sha: snapshot.sha,
    sources: { [REPO]: snapshot.dir },
    skip: CHECK_DIST_SKIPS('check-dist/check-dist'),
    reviews: { release: { reviewer: 'a-maintainer', comment: 'release it' } },
    replace: {
      'build › Build the single-file verifier (Node built in)': {
        reason:
          'npm ci needs the npm registry: the executable is built from this checkout by the same script',
        run: `node ${JSON.stringify(path.join(repoRoot, 'scripts/build-sea.mjs'))} --outdir "$RUNNER_TEMP/sea" && cp "$RUNNER_TEMP/sea/provenant-linux-x64" "$EXECUTABLE"`,
      },
    },
  });
}, 180_000);

describe('.github/workflows/release.yml', () => {
  it('runs every step of the build, approve and publish jobs, through this commit’s actions', () => {
    expect(how(run).filter((s) => !s.startsWith('check-dist'))).toEqual([
      'build › actions/checkout: stand-in',
      'build › actions/setup-node: stand-in',
      'build › Check the tag against package.json: run',
      'build › Make the source archive: run',
      'build › Generate the SBOM: run',
      'build › Build the single-file verifier (Node built in): stand-in',
      'build › Create the draft release: run',
      "build › Sign the archive and dist/ with this commit's action, and attest the SBOM over them: action",
      'build › Sign the single-file verifier, in a bundle of its own: action',
      'build › Verify the attached provenance: run',
      'approve › actions/checkout: stand-in',
      "approve › Approve with this commit's approve action: action",
      'publish › actions/checkout: stand-in',
      'publish › actions/setup-node: stand-in',
      'publish › Verify the provenance and the approval before publishing: run',
      'publish › Publish the release: run',
      'publish › Move the major tag: run',
    ]);
    expect(notRun(run)).toEqual(CHECK_DIST_SKIPS('check-dist/check-dist'));
    expectJobs(run, [
      ['check-dist/check-dist', 'success'],
      ['check-dist', 'success'],
      ['build', 'success'],
      ['approve', 'success'],
      ['publish', 'success'],
    ]);
    expect(suite.em.violations).toEqual([]);
  });

  it('attaches the provenance and the approval, verifies both, publishes, and moves the major tag', () => {
    const sign = run.step(
      'build',
      "Sign the archive and dist/ with this commit's action, and attest the SBOM over them",
    );
    expect(Number(sign.outputs['subject-count'])).toBeGreaterThan(3);
    const r = suite.em.releases(REPO).find((x) => x.tag === tag)!;
    expect(r.draft).toBe(false);
    expect(assetNames(suite.em, r.id)).toEqual([
      'approval.sigstore.json',
      `provenant-${tag}-linux-x64`,
      `provenant-${tag}-linux-x64.sigstore.json`,
      `provenant-${tag}.sbom.sigstore.json`,
      `provenant-${tag}.sigstore.json`,
      `provenant-${tag}.spdx.json`,
      `provenant-${tag}.tar.gz`,
    ]);
    // The provenance, the SBOM's attestation and the executable's provenance.
    expect(suite.em.attestations()).toHaveLength(3);
    expect(JSON.parse(sign.outputs['bundle-paths']!).map((p: string) => path.basename(p))).toEqual([
      `provenant-${tag}.sigstore.json`,
      `provenant-${tag}.sbom.sigstore.json`,
    ]);
    const checked = run.step('build', 'Verify the attached provenance').log;
    expect(checked).toMatch(/verified/i);
    // The executable checked its own bundle.
    expect(checked).toContain(`provenant-${tag}-linux-x64`);
    const approve = run.step('approve', "Approve with this commit's approve action");
    expect(approve.outputs['environment']).toBe('release');
    expect(JSON.parse(approve.outputs['reviewers']!)).toEqual([
      { login: 'a-maintainer', state: 'approved', comment: 'release it' },
    ]);
    const verified = run.step('publish', 'Verify the provenance and the approval before publishing').log;
    // Both the archive (with the CLI) and the executable (with itself) verified with their approval.
    expect(
      verified.match(
        /approver +https:\/\/github\.com\/provenant-org\/provenant\/\.github\/workflows\/release\.yml@refs\/tags\/v[\d.]+ \(environment release\)/g,
      ),
    ).toHaveLength(2);
    expect(verified).toContain(`VERIFIED provenant-${tag}-linux-x64`);
    expect(suite.em.refs(REPO)[`refs/tags/${tag.split('.')[0]}`]).toBe(snapshot.sha);
  });
});
