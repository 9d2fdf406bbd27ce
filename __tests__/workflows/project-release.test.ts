/**
 * .github/workflows/release.yml, Provenant releasing itself, run by the workflow interpreter on a tag push of a
 * snapshot of this checkout: the draft, the signing with this commit's action (`uses: ./`), the check of the
 * attached bundle with the checked-out CLI, publishing, and moving the major tag, all against the emulator. The
 * check-dist job it calls installs from the npm registry, so its steps are skipped with that reason.
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
    replace: {
      'release › Build the single-file verifier (Node built in)': {
        reason:
          'npm ci needs the npm registry: the executable is built from this checkout by the same script',
        run: `node ${JSON.stringify(path.join(repoRoot, 'scripts/build-sea.mjs'))} --outdir "$RUNNER_TEMP/sea" && cp "$RUNNER_TEMP/sea/provenant-linux-x64" "$EXECUTABLE"`,
      },
    },
  });
}, 180_000);

describe('.github/workflows/release.yml', () => {
  it('runs every step of the release job, signing through this commit’s action', () => {
    expect(how(run).filter((s) => s.startsWith('release ›'))).toEqual([
      'release › actions/checkout: stand-in',
      'release › actions/setup-node: stand-in',
      'release › Check the tag against package.json: run',
      'release › Make the source archive: run',
      'release › Generate the SBOM: run',
      'release › Build the single-file verifier (Node built in): stand-in',
      'release › Create the draft release: run',
      "release › Sign the archive and dist/ with this commit's action, and attest the SBOM over them: action",
      'release › Sign the single-file verifier, in a bundle of its own: action',
      'release › Verify the attached bundles before publishing: run',
      'release › Publish the release: run',
      'release › Move the major tag: run',
    ]);
    expect(notRun(run)).toEqual(CHECK_DIST_SKIPS('check-dist/check-dist'));
    expectJobs(run, [
      ['check-dist/check-dist', 'success'],
      ['check-dist', 'success'],
      ['release', 'success'],
    ]);
    expect(suite.em.violations).toEqual([]);
  });

  it('attaches the bundle for the archive and dist/, verifies it, publishes, and moves the major tag', () => {
    const sign = run.step(
      'release',
      "Sign the archive and dist/ with this commit's action, and attest the SBOM over them",
    );
    expect(Number(sign.outputs['subject-count'])).toBeGreaterThan(3);
    const r = suite.em.releases(REPO).find((x) => x.tag === tag)!;
    expect(r.draft).toBe(false);
    expect(assetNames(suite.em, r.id)).toEqual([
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
    const verified = run.step('release', 'Verify the attached bundles before publishing').log;
    expect(verified).toMatch(/verified/i);
    // The executable checked its own bundle.
    expect(verified).toContain(`provenant-${tag}-linux-x64`);
    expect(suite.em.refs(REPO)[`refs/tags/${tag.split('.')[0]}`]).toBe(snapshot.sha);
  });
});
