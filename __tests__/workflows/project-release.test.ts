/**
 * .github/workflows/release.yml, Provenant releasing itself, run by the workflow interpreter on a tag push of a
 * snapshot of this checkout: the draft, the signing with this commit's action (`uses: ./`), the check of the
 * attached bundle with the checked-out CLI, publishing, and moving the major tag, all against the emulator. The
 * check-dist job it calls installs from the npm registry, so its steps are skipped with that reason.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
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
  });
}, 180_000);

describe('.github/workflows/release.yml', () => {
  it('runs every step of the release job, signing through this commit’s action', () => {
    expect(how(run).filter((s) => s.startsWith('release ›'))).toEqual([
      'release › actions/checkout: stand-in',
      'release › actions/setup-node: stand-in',
      'release › Check the tag against package.json: run',
      'release › Make the source archive: run',
      'release › Create the draft release: run',
      "release › Sign the archive and dist/ with this commit's action: action",
      'release › Verify the attached bundle before publishing: run',
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
    const sign = run.step('release', "Sign the archive and dist/ with this commit's action");
    expect(Number(sign.outputs['subject-count'])).toBeGreaterThan(3);
    const r = suite.em.releases(REPO).find((x) => x.tag === tag)!;
    expect(r.draft).toBe(false);
    expect(assetNames(suite.em, r.id)).toEqual([`provenant-${tag}.sigstore.json`, `provenant-${tag}.tar.gz`]);
    expect(suite.em.attestations()).toHaveLength(1);
    expect(run.step('release', 'Verify the attached bundle before publishing').log).toMatch(/verified/i);
    expect(suite.em.refs(REPO)[`refs/tags/${tag.split('.')[0]}`]).toBe(snapshot.sha);
  });
});
