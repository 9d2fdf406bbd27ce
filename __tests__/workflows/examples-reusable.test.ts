/**
 * examples/reusable-workflow.yml, run by the workflow interpreter on a tag push: the caller builds and drafts, and
 * Provenant's reusable workflow (.github/workflows/provenance.yml of this checkout, standing for the pinned commit)
 * checks the handed-over artifact's digest, checks out Provenant at the commit its OIDC token names, signs in its
 * own job, attaches and stores the bundle; the caller publishes.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import type { WorkflowRun } from '../../test-support/workflows/interpreter.js';
import { provenantSnapshot, sourceRepo, type SourceRepo } from '../../test-support/workflows/sources.js';
import { assetNames, expectJobs, how, notRun, statementOf, workflowSuite } from './support.js';

const REPO = 'octo-org/octo-repo';
const TAG = 'v2.0.0';
const PINNED = '5c3f9e0b7a1d4e2f8b6a9c0d1e3f5a7b9c2d4e6f';
const suite = workflowSuite(REPO, { visibility: 'public', immutableReleases: true });
let provenant: SourceRepo;
let run: WorkflowRun;

beforeAll(async () => {
  const source = await sourceRepo({ 'README.md': '# octo-repo\n' }, [TAG]);
  provenant = await provenantSnapshot();
  suite.removeLater(source.dir);
  suite.removeLater(provenant.dir);
  suite.em.setRef(REPO, `refs/tags/${TAG}`, source.sha);
  run = await suite.run({
    file: 'examples/reusable-workflow.yml',
    workflowPath: '.github/workflows/release.yml',
    repository: REPO,
    event: 'push',
    payload: { ref: `refs/tags/${TAG}` },
    ref: `refs/tags/${TAG}`,
    sha: source.sha,
    sources: { [REPO]: source.dir, 'provenant-org/provenant': provenant.dir },
    provenantSha: provenant.sha,
  });
}, 180_000);

describe('examples/reusable-workflow.yml with .github/workflows/provenance.yml', () => {
  it('runs the caller and every job of the reusable workflow, signing through the checked-out action', () => {
    expectJobs(run, [
      ['build', 'success'],
      ['draft', 'success'],
      ['provenance/sign', 'success'],
      ['provenance/attach', 'success'],
      ['provenance/store', 'success'],
      ['provenance', 'success'],
      ['publish', 'success'],
    ]);
    expect(how(run).filter((s) => s.startsWith('provenance/sign'))).toEqual([
      'provenance/sign › Check the inputs: run',
      "provenance/sign › Find this workflow's repository and commit: run",
      'provenance/sign › Check out Provenant at that commit: stand-in',
      'provenance/sign › Check the handed-over artifacts against their digests: run',
      'provenance/sign › Download the subjects artifact: not-run',
      'provenance/sign › Download the artifact to hash: stand-in',
      'provenance/sign › Collect the subject inputs: run',
      'provenance/sign › Sign: action',
      'provenance/sign › List the bundles: run',
      'provenance/sign › Upload the bundles as a workflow artifact: stand-in',
    ]);
    expect(notRun(run)).toEqual({
      'provenance/sign › Download the subjects artifact': "if: inputs.subjects-artifact != ''",
    });
    expect(suite.em.violations).toEqual([]);
  });

  it('signs with the Provenant commit the token names, and the certificate names the reusable workflow', async () => {
    const self = run.step('provenance/sign', "Find this workflow's repository and commit");
    expect(self.outputs).toEqual({ repository: 'provenant-org/provenant', sha: provenant.sha });
    const sign = run.step('provenance/sign', 'Sign');
    expect(sign.uses).toBe('./.provenant');
    expect(sign.outputs['certificate-identity']).toBe(
      `https://github.com/provenant-org/provenant/.github/workflows/provenance.yml@${PINNED}`,
    );
    const statement = statementOf(JSON.parse(await readFile(sign.outputs['bundle-path']!, 'utf8')));
    expect(statement.subject.map((s: { name: string }) => s.name)).toEqual([`example-${TAG}.tar.gz`]);
  });

  it('attaches the bundle to the draft, stores it, and the caller publishes with the asset names', () => {
    const r = suite.em.releases(REPO).find((x) => x.tag === TAG)!;
    expect(r.draft).toBe(false);
    expect(assetNames(suite.em, r.id)).toEqual([`example-${TAG}.tar.gz`, 'provenance.sigstore.json']);
    expect(suite.em.attestations()).toHaveLength(1);
    expect(run.jobs.find((j) => j.job === 'provenance')?.outputs).toMatchObject({
      'asset-names': '["provenance.sigstore.json"]',
      'bundle-names': '["provenance.sigstore.json"]',
      'bundle-artifact': 'provenance-bundles-1',
    });
    expect(run.step('publish', 'Publish the release').log).toContain(
      'Provenance attached: ["provenance.sigstore.json"]',
    );
  });
});
