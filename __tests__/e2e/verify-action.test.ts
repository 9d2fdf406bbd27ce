import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signStatement } from '../../src/adapters/sigstore/signer.js';
import { repoRoot, runAction } from '../../test-support/action-runner.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';

let stack: SigstoreStack;
let workspace: string;
let entry: string;

const REPO = 'octo-org/octo-repo';

beforeAll(async () => {
  stack = await startSigstoreStack();
  workspace = await mkdtemp(join(tmpdir(), 'provenant-verify-action-'));
  await mkdir(join(workspace, 'dist'));
  const bytes = 'release bytes\n';
  await writeFile(join(workspace, 'dist', 'app.tgz'), bytes);
  const digest = createHash('sha256').update(bytes).digest('hex');
  const repository = `https://github.com/${REPO}`;
  const statement = {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: 'app.tgz', digest: { sha256: digest } }],
    predicateType: 'https://slsa.dev/provenance/v1',
    predicate: {
      buildDefinition: {
        buildType: 'https://actions.github.io/buildtypes/workflow/v1',
        externalParameters: {
          workflow: { ref: 'refs/tags/v1.0.0', repository, path: '.github/workflows/release.yml' },
        },
        resolvedDependencies: [
          {
            uri: `git+${repository}@refs/tags/v1.0.0`,
            digest: { gitCommit: '5f7b2e1c9a3d4b6e8f0a1c2e3d4f5a6b7c8d9e0f' },
          },
        ],
      },
    },
  };
  // Rekor only: the verify action's behaviour does not depend on the witness, and the mock TSA is occasionally flaky.
  const signed = await signStatement(statement, {
    endpoints: { fulcioUrl: stack.urls.fulcio, rekorUrl: stack.urls.rekor },
    identityToken: stack.issueToken({
      repository: REPO,
      ref: 'refs/tags/v1.0.0',
      sha: '5f7b2e1c9a3d4b6e8f0a1c2e3d4f5a6b7c8d9e0f',
    }),
    timeoutMs: 5000,
  });
  await writeFile(join(workspace, 'dist', 'app.tgz.sigstore.json'), signed.bundleJson);
  // The runner starts `node <entry>`; this entry lets it run the TypeScript sources without a build.
  entry = join(workspace, 'verify-entry.mjs');
  await writeFile(
    entry,
    `await import(${JSON.stringify(join(repoRoot, 'test-support', 'sigstore-stack', 'ts-resolve.mjs'))});\n` +
      `const { run } = await import(${JSON.stringify(join(repoRoot, 'src', 'verify-main.ts'))});\nawait run();\n`,
  );
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  if (workspace) await rm(workspace, { recursive: true, force: true });
});

describe('the verify action', () => {
  it('verifies a release directory (skipping the bundles in it) and writes a summary table', async () => {
    const run = await runAction({
      workspace,
      entry,
      inputs: {
        artifacts: 'dist/*',
        repo: REPO,
        'trusted-root': stack.trustedRootPath,
        'deny-self-hosted-runners': 'true',
      },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs.verified).toBe('true');
    expect(JSON.parse(run.outputs.results!)).toHaveLength(1);
    expect(run.summary).toContain('### Provenant verification: 1 of 1 verified');
    expect(run.summary).toMatch(
      /\| .*app\.tgz \| verified \| https:\/\/github\.com\/octo-org\/octo-repo\/\.github\/workflows\/release\.yml@refs\/tags\/v1\.0\.0 \|/,
    );
  }, 60_000);

  it('fails the job on a policy mismatch, saying why in the summary', async () => {
    const run = await runAction({
      workspace,
      entry,
      inputs: { artifacts: 'dist/app.tgz', repo: 'octo-org/other', 'trusted-root': stack.trustedRootPath },
    });
    expect(run.code).toBe(1);
    expect(run.outputs.verified).toBe('false');
    expect(run.stdout).toMatch(
      /::error::1 of 1 artifact\(s\) failed verification: .*app\.tgz \[SOURCE_REPO_MISMATCH\]/,
    );
    expect(run.summary).toContain('failed: SOURCE_REPO_MISMATCH');
    expect(run.summary).toContain('#### Why not');
  }, 60_000);

  it('escapes an artifact name that carries Markdown and HTML in the summary', async () => {
    // File names are anyone's choice (a contributor's, an upstream tarball's): the summary must show them, not run them.
    const name = '<img src=x onerror=alert(1)> `*bold*` [link](https:x) |.tgz';
    await mkdir(join(workspace, 'evil'), { recursive: true });
    await writeFile(join(workspace, 'evil', name), 'no bundle beside this one\n');
    const run = await runAction({
      workspace,
      entry,
      inputs: { artifacts: 'evil/*', repo: REPO, 'trusted-root': stack.trustedRootPath },
    });
    expect(run.code).toBe(1);
    const summary = run.summary;
    const row = summary.split('\n').find((l) => l.includes('failed: BUNDLE_NOT_FOUND'))!;
    // Six cells, however many pipes the name holds.
    expect(row.split(/(?<!\\)\|/).slice(1, -1)).toHaveLength(6);
    expect(row).toContain(
      '\\<img src=x onerror=alert\\(1\\)\\> \\`\\*bold\\*\\` \\[link\\]\\(https:x\\) \\|.tgz',
    );
    // Outside code spans, no markup character of the name may stand unescaped.
    const prose = summary.replace(/(?<![\\`])(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
    expect(prose).not.toMatch(/(^|[^\\])[<>*[\]]/m);
    // The list of reasons shows the name as code, fenced past the backticks it contains.
    expect(summary).toContain(`- \`\`evil/${name}\`\`: `);
  }, 60_000);

  it('fails the job without a policy', async () => {
    const run = await runAction({
      workspace,
      entry,
      inputs: { artifacts: 'dist/app.tgz', 'trusted-root': stack.trustedRootPath },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::[POLICY_MISSING]');
  }, 60_000);
});
