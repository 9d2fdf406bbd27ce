/**
 * .github/workflows/release.yml, Provenant releasing itself, run by the workflow interpreter on a tag push of a
 * snapshot of this checkout: the draft, the signing with this commit's action (`uses: ./`), the check of the
 * attached bundle with the checked-out CLI, publishing, and moving the major tag, all against the emulator. The
 * check-dist job it calls installs from the npm registry, so its steps are skipped with that reason.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { rm } from 'node:fs/promises';
import { startGitHubEmulator, type GitHubEmulator } from '../../test-support/github-emulator/index.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';
import { runWorkflow, type WorkflowRun } from '../../test-support/workflows/interpreter.js';
import { provenantSnapshot, type SourceRepo } from '../../test-support/workflows/sources.js';
import { CHECK_DIST_SKIPS, assetNames, failures, how, notRun } from './support.js';

const REPO = 'provenant-org/provenant';
let stack: SigstoreStack;
let em: GitHubEmulator;
let snapshot: SourceRepo;
let tag: string;
let run: WorkflowRun & { cleanup(): Promise<void> };

beforeAll(async () => {
  stack = await startSigstoreStack();
  em = await startGitHubEmulator({ repository: REPO });
  em.addRepo(REPO, { visibility: 'public', immutableReleases: true });
  snapshot = await provenantSnapshot();
  const { version } = (await import('../../package.json', { with: { type: 'json' } })).default;
  tag = `v${version}`;
  em.setRef(REPO, `refs/tags/${tag}`, snapshot.sha);
  run = await runWorkflow({
    file: '.github/workflows/release.yml',
    repository: REPO,
    event: 'push',
    payload: { ref: `refs/tags/${tag}` },
    ref: `refs/tags/${tag}`,
    sha: snapshot.sha,
    sources: { [REPO]: snapshot.dir },
    skip: CHECK_DIST_SKIPS('check-dist/check-dist'),
    stack,
    emulator: em,
  });
}, 180_000);

afterAll(async () => {
  await run?.cleanup();
  await em?.stop();
  await stack?.stop();
  if (snapshot) await rm(snapshot.dir, { recursive: true, force: true });
});

describe('.github/workflows/release.yml', () => {
  it('runs every step of the release job, signing through this commit’s action', () => {
    expect(failures(run)).toEqual([]);
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
    expect(run.jobs.map((j) => [j.job, j.result])).toEqual([
      ['check-dist/check-dist', 'success'],
      ['check-dist', 'success'],
      ['release', 'success'],
    ]);
    expect(em.violations).toEqual([]);
  });

  it('attaches the bundle for the archive and dist/, verifies it, publishes, and moves the major tag', () => {
    const sign = run.step('release', "Sign the archive and dist/ with this commit's action");
    expect(Number(sign.outputs['subject-count'])).toBeGreaterThan(3);
    const r = em.releases(REPO).find((x) => x.tag === tag)!;
    expect(r.draft).toBe(false);
    expect(assetNames(em, r.id)).toEqual([`provenant-${tag}.sigstore.json`, `provenant-${tag}.tar.gz`]);
    expect(em.attestations()).toHaveLength(1);
    expect(run.step('release', 'Verify the attached bundle before publishing').log).toMatch(/verified/i);
    expect(em.refs(REPO)[`refs/tags/${tag.split('.')[0]}`]).toBe(snapshot.sha);
  });
});
