/**
 * examples/pipeline.yml, copied into a user's repository as .github/workflows/pipeline.yml with
 * examples/pipeline-layout.json committed as layout.json (and its signature, made as docs/layouts.md says), run on a
 * tag push by the workflow interpreter: build → test → package, each job in its own environment and attested by the
 * step action, then the verify job checking every link against the layout through the verify action.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot, runCliProcess } from '../../test-support/action-runner.js';
import type { WorkflowRun } from '../../test-support/workflows/interpreter.js';
import { sourceRepo } from '../../test-support/workflows/sources.js';
import { expectJobs, how, statementOf, workflowSuite } from './support.js';

const REPO = 'octo-org/octo-repo';
const TAG = 'v1.2.3';
const suite = workflowSuite(REPO, { visibility: 'public' });
let run: WorkflowRun;

/** The layout signed as the project would: from its sign-layout workflow on the default branch. */
async function signedLayout(): Promise<{ layout: string; bundle: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'provenant-layout-sign-'));
  suite.removeLater(dir);
  const layout = await readFile(path.join(repoRoot, 'examples', 'pipeline-layout.json'), 'utf8');
  await writeFile(path.join(dir, 'layout.json'), layout);
  const s = suite.stack;
  const r = await runCliProcess(
    [
      'sign-layout',
      'layout.json',
      '--quiet',
      '--fulcio-url',
      s.urls.fulcio,
      '--rekor-url',
      s.urls.rekor,
      '--trusted-root',
      s.trustedRootPath,
    ],
    {
      cwd: dir,
      env: {
        SIGSTORE_ID_TOKEN: s.issueToken({
          job_workflow_ref: `${REPO}/.github/workflows/sign-layout.yml@refs/heads/main`,
        }),
      },
    },
  );
  expect(r.code).toBe(0);
  return { layout, bundle: await readFile(path.join(dir, 'layout.json.sigstore.json'), 'utf8') };
}

beforeAll(async () => {
  const { layout, bundle } = await signedLayout();
  const source = await sourceRepo(
    {
      'src/main.c': 'int main(void) { return 0; }\n',
      'layout.json': layout,
      'layout.json.sigstore.json': bundle,
    },
    [TAG],
  );
  suite.removeLater(source.dir);
  suite.em.setRef(REPO, `refs/tags/${TAG}`, source.sha);
  run = await suite.run({
    repository: REPO,
    sha: source.sha,
    sources: { [REPO]: source.dir },
    ref: `refs/tags/${TAG}`,
    file: 'examples/pipeline.yml',
    workflowPath: '.github/workflows/pipeline.yml',
    event: 'push',
    payload: { ref: `refs/tags/${TAG}` },
  });
}, 240_000);

describe('examples/pipeline.yml', () => {
  it('runs every job: three attested steps, then the verification of the pipeline', () => {
    expectJobs(run, [
      ['build', 'success'],
      ['test', 'success'],
      ['package', 'success'],
      ['verify', 'success'],
    ]);
    expect(how(run).filter((h) => h.endsWith(': action'))).toEqual([
      'build › provenant-org/provenant/step: action',
      'test › provenant-org/provenant/step: action',
      'package › provenant-org/provenant/step: action',
      'verify › Verify every step against the layout: action',
    ]);
    expect(suite.em.violations).toEqual([]);
  });

  it('signs each step as its job environment, with the command it ran', async () => {
    for (const job of ['build', 'test', 'package']) {
      const step = run.step(job, 'provenant-org/provenant/step');
      expect(step.overridden).toEqual(['sigstore', 'fulcio-url', 'rekor-url', 'tsa-url', 'trusted-root']);
      expect(step.outputs['exit-code']).toBe('0');
      const statement = statementOf(JSON.parse(await readFile(step.outputs['bundle-path']!, 'utf8')));
      expect(statement.predicate.name).toBe(job);
    }
    const build = statementOf(
      JSON.parse(
        await readFile(run.step('build', 'provenant-org/provenant/step').outputs['bundle-path']!, 'utf8'),
      ),
    );
    expect(build.subject.map((s: { name: string }) => s.name)).toEqual(['out/app.tar']);
  });

  it('verifies the pipeline against the signed layout, naming each step and its environment', () => {
    const verify = run.step('verify', 'Verify every step against the layout');
    expect(verify.outputs['verified']).toBe('true');
    expect(verify.log).toContain('step build: verified, signed by build-job');
    expect(verify.log).toContain('(environment test)');
    expect(verify.log).toContain('OK dist/app.tar.gz: product dist/app.tar.gz of the final step');
  });
});
