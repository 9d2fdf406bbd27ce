/**
 * examples/resign.yml, run by the workflow interpreter as a workflow_dispatch on a draft release that already has
 * assets: once, and again, as the example's comment says users may.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import type { WorkflowRun } from '../../test-support/workflows/interpreter.js';
import { assetNames, expectJobs, how, statementOf, workflowSuite } from './support.js';

const REPO = 'octo-org/octo-repo';
const TAG = 'v0.9.0';
const suite = workflowSuite(REPO);
let releaseId: number;
const runs: WorkflowRun[] = [];
/** The bundles the first run attached, by name. */
const firstBundles = new Map<string, string>();

const dispatch = () =>
  suite.run({
    file: 'examples/resign.yml',
    workflowPath: '.github/workflows/resign.yml',
    repository: REPO,
    event: 'workflow_dispatch',
    payload: { inputs: { tag: TAG } },
    inputs: { tag: TAG },
    ref: 'refs/heads/main',
    sha: '1'.repeat(40),
    sources: {},
  });

beforeAll(async () => {
  const assets = [
    { name: 'app-linux.tar.gz', bytes: 'linux build' },
    { name: 'app-darwin.tar.gz', bytes: 'darwin build' },
    { name: 'NOTES.txt', bytes: 'notes' },
  ];
  releaseId = suite.em.addRelease(REPO, { tag: TAG, draft: true, assets }).id;
  runs.push(await dispatch());
  for (const a of suite.em.assets(releaseId).filter((x) => x.name.endsWith('.sigstore.json')))
    firstBundles.set(a.name, Buffer.from(a.bytes).toString());
  runs.push(await dispatch());
}, 120_000);

describe('examples/resign.yml', () => {
  it('signs the matching assets through the action and attaches a bundle beside each', async () => {
    const [first] = runs;
    expectJobs(first!, [['resign', 'success']]);
    expect(how(first!)).toEqual(["resign › Sign the release's assets: action"]);
    const sign = first!.step('resign', "Sign the release's assets");
    expect(sign.inputs).toMatchObject({ 'release-tag': TAG, 'subject-release-assets': '*.tar.gz' });
    expect(assetNames(suite.em, releaseId)).toEqual([
      'NOTES.txt',
      'app-darwin.tar.gz',
      'app-darwin.tar.gz.sigstore.json',
      'app-linux.tar.gz',
      'app-linux.tar.gz.sigstore.json',
    ]);
    const statement = statementOf(JSON.parse(await readFile(sign.outputs['bundle-path']!, 'utf8')));
    expect(statement.predicate.buildDefinition.externalParameters.resign).toBeDefined();
    expect(suite.em.violations).toEqual([]);
  });

  it('run again, keeps the bundles the first run attached and replaces nothing, as the example says', () => {
    const second = runs[1]!;
    expect(second.jobs.map((j) => j.result)).toEqual(['success']);
    const log = second.step('resign', "Sign the release's assets").log;
    expect(log).not.toContain('::error::');
    expect(log).toContain('Release asset app-linux.tar.gz.sigstore.json: kept');
    expect(log).toContain('Release asset app-darwin.tar.gz.sigstore.json: kept');
    expect(assetNames(suite.em, releaseId)).toHaveLength(5);
    expect(firstBundles.size).toBe(2);
    for (const [name, bytes] of firstBundles) {
      const asset = suite.em.assets(releaseId).find((a) => a.name === name)!;
      expect(Buffer.from(asset.bytes).toString()).toBe(bytes);
    }
  });
});
