/**
 * examples/release.yml, copied into a user's repository as .github/workflows/release.yml, run on a tag push by the
 * workflow interpreter; then examples/verify.yml on the release it published. Both as users copy them: only the
 * instance (the local Sigstore stack), the checkout (a small git repository) and the GitHub side (the emulator) are
 * local.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import type { WorkflowRun } from '../../test-support/workflows/interpreter.js';
import { sourceRepo } from '../../test-support/workflows/sources.js';
import { assetNames, expectJobs, how, statementOf, workflowSuite } from './support.js';

const REPO = 'octo-org/octo-repo';
const TAG = 'v1.2.3';
const suite = workflowSuite(REPO, { visibility: 'public', immutableReleases: true });
let release: WorkflowRun;
let deploy: WorkflowRun;

beforeAll(async () => {
  const source = await sourceRepo(
    { 'README.md': '# octo-repo\n', 'src/main.c': 'int main(void) { return 0; }\n' },
    [TAG],
  );
  suite.removeLater(source.dir);
  suite.em.setRef(REPO, `refs/tags/${TAG}`, source.sha);
  const common = {
    repository: REPO,
    sha: source.sha,
    sources: { [REPO]: source.dir },
    ref: `refs/tags/${TAG}`,
  };
  release = await suite.run({
    ...common,
    file: 'examples/release.yml',
    workflowPath: '.github/workflows/release.yml',
    event: 'push',
    payload: { ref: `refs/tags/${TAG}` },
  });
  const published = suite.em.releases(REPO).find((r) => r.tag === TAG);
  deploy = await suite.run({
    ...common,
    file: 'examples/verify.yml',
    workflowPath: '.github/workflows/deploy.yml',
    event: 'release',
    payload: { action: 'published', release: { id: published?.id, tag_name: TAG } },
  });
}, 180_000);

describe('examples/release.yml', () => {
  it('runs every step: the build, the draft, the signing through the action, the publishing', () => {
    expectJobs(release, [
      ['build', 'success'],
      ['release', 'success'],
    ]);
    expect(how(release)).toEqual([
      'build › actions/checkout: stand-in',
      'build › Build: run',
      'build › actions/upload-artifact: stand-in',
      'release › actions/download-artifact: stand-in',
      'release › Create the draft release with the files: run',
      'release › Sign and attach the provenance: action',
      'release › Publish the release: run',
    ]);
    expect(suite.em.violations).toEqual([]);
  });

  it('signs the built archive under its name relative to base-dir, with only the instance overridden', async () => {
    const sign = release.step('release', 'Sign and attach the provenance');
    expect(sign.overridden).toEqual(['sigstore', 'fulcio-url', 'rekor-url', 'tsa-url', 'trusted-root']);
    expect(sign.inputs).toMatchObject({ 'subject-path': 'dist/*', 'base-dir': 'dist', 'release-tag': TAG });
    expect(sign.outputs['subject-count']).toBe('1');
    const statement = statementOf(JSON.parse(await readFile(sign.outputs['bundle-path']!, 'utf8')));
    expect(statement.subject.map((s: { name: string }) => s.name)).toEqual([`example-${TAG}.tar.gz`]);
    expect(sign.outputs['certificate-identity']).toBe(
      `https://github.com/${REPO}/.github/workflows/release.yml@refs/tags/${TAG}`,
    );
  });

  it('leaves a published release with the archive, its bundle, and the attestation stored', () => {
    const r = suite.em.releases(REPO).find((x) => x.tag === TAG)!;
    expect(r.draft).toBe(false);
    expect(assetNames(suite.em, r.id)).toEqual([`example-${TAG}.tar.gz`, 'provenance.sigstore.json']);
    expect(suite.em.attestations()).toHaveLength(1);
    expect(suite.em.artifacts().map((a) => a.name)).toEqual(['dist']);
  });
});

describe('examples/verify.yml on the published release', () => {
  it('downloads the release, verifies it through the verify action, then deploys', () => {
    expect(how(deploy)).toEqual([
      'deploy › Download the release and its provenance: run',
      'deploy › Verify the provenance: action',
      'deploy › Deploy: run',
    ]);
    const verify = deploy.step('deploy', 'Verify the provenance');
    expect(verify.overridden).toEqual(['trusted-root']);
    expect(verify.outputs['verified']).toBe('true');
    const results = JSON.parse(verify.outputs['results']!) as unknown[];
    expect(results).toHaveLength(1);
    expectJobs(deploy, [['deploy', 'success']]);
  });
});
