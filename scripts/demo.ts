/**
 * `npm run demo`: the whole release flow on this machine. It starts the local Sigstore stack (Fulcio, Rekor, TSA, a
 * GitHub-shaped OIDC issuer) and the GitHub API emulator on 127.0.0.1, creates a draft release, runs the action's
 * entry (dist/index.js) exactly as the Actions runner would, publishes the release, then downloads the artifacts and
 * their bundles from the release like a user would and verifies them with the CLI (dist/cli.js).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runAction, runCliProcess } from '../test-support/action-runner.js';
import { startGitHubEmulator } from '../test-support/github-emulator/index.js';
import { startSigstoreStack } from '../test-support/sigstore-stack/index.js';
import { startStackTufRepo } from '../test-support/tuf-repo/stack-instance.js';

const say = (s: string) => process.stdout.write(`${s}\n`);
const indent = (s: string) => s.trimEnd().replace(/^/gm, '  | ');
const REPO = 'octo-org/octo-repo';

const ws = await mkdtemp(path.join(tmpdir(), 'provenant-demo-'));
const stack = await startSigstoreStack();
const github = await startGitHubEmulator({ repository: REPO });
// The instance is described the way a foundation publishes its own: a TUF repository whose signing config names
// Fulcio, a Rekor v2 log and a timestamp authority, and whose trusted root checks what they sign.
const tuf = await startStackTufRepo(stack);
try {
  github.addRepo(REPO, { visibility: 'public', immutableReleases: true });
  const files: Record<string, string> = {
    'dist/linux-amd64/provenant-demo': 'ELF pretend binary for linux/amd64\n',
    'dist/darwin-arm64/provenant-demo': 'Mach-O pretend binary for darwin/arm64\n',
    'dist/provenant-demo-1.0.0.tar.gz': 'pretend source archive\n',
    'dist/sbom.spdx.json': '{"spdxVersion":"SPDX-2.3","name":"provenant-demo"}\n',
  };
  for (const [name, body] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(ws, name)), { recursive: true });
    await writeFile(path.join(ws, name), body);
  }
  say(`Sample build outputs: ${ws}/dist (${Object.keys(files).length} files)`);
  say(
    `Local Sigstore stack: Fulcio ${stack.urls.fulcio}, Rekor v2 ${stack.urls.rekorV2}, TSA ${stack.urls.tsa}, ` +
      `described by the TUF repository ${tuf.url}`,
  );
  const tufRoot = path.join(ws, 'tuf-root.json');
  await writeFile(tufRoot, tuf.rootJson());
  say(`GitHub API emulator: ${github.apiUrl} (uploads ${github.uploadUrl})`);

  // Immutable releases refuse assets once published: the release job works on a draft.
  const release = github.addRelease(REPO, {
    tag: 'v1.0.0',
    draft: true,
    assets: [{ name: 'provenant-demo-1.0.0.tar.gz', bytes: files['dist/provenant-demo-1.0.0.tar.gz']! }],
  });
  say(`Draft release v1.0.0 created (immutable releases on), with one asset`);

  say('\n== 1. The action (dist/index.js), run as the Actions runner runs it ==');
  const run = await runAction({
    workspace: ws,
    inputs: {
      'subject-path': 'dist/**',
      'tuf-mirror': tuf.url,
      'tuf-root': tufRoot,
      'github-token': github.token,
      'release-tag': 'v1.0.0',
      'upload-artifact': 'true',
    },
    env: {
      ...stack.env,
      ...github.env,
      RUNNER_TOOL_CACHE: path.join(ws, 'tool-cache'),
      GITHUB_SHA: '5f7b2e1c9a3d4b6e8f0a1c2e3d4f5a6b7c8d9e0f',
      GITHUB_REF: 'refs/tags/v1.0.0',
    },
  });
  say(
    indent(
      run.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::') && !l.startsWith('::debug::'))
        .join('\n'),
    ),
  );
  if (run.code !== 0) {
    process.stderr.write(run.stderr);
    throw new Error(`the action failed with exit code ${run.code}`);
  }
  say('\n== Outputs ==');
  for (const [k, v] of Object.entries(run.outputs))
    say(`  ${k} = ${v.length > 100 ? `${v.slice(0, 97)}...` : v}`);
  const bundle = JSON.parse(await readFile(run.outputs['bundle-path']!, 'utf8')) as {
    dsseEnvelope: { payload: string };
  };
  say('\n== The signed statement (from the bundle) ==');
  say(
    indent(
      JSON.stringify(JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString()), null, 2),
    ),
  );

  say('\n== 2. Publish the release (the bundle is already attached) ==');
  const published = await fetch(`${github.apiUrl}/repos/${REPO}/releases/${release.id}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${github.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ draft: false }),
  });
  if (!published.ok) throw new Error(`publishing the release failed: HTTP ${published.status}`);
  say(
    `  release v1.0.0 published; assets: ${github
      .assets(release.id)
      .map((a) => a.name)
      .join(', ')}`,
  );

  say('\n== 3. A user downloads the release and verifies it (dist/cli.js verify) ==');
  const download = path.join(ws, 'downloaded');
  await mkdir(download, { recursive: true });
  const list = (await (
    await fetch(`${github.apiUrl}/repos/${REPO}/releases/${release.id}/assets`, {
      headers: { authorization: `Bearer ${github.token}` },
    })
  ).json()) as { name: string; browser_download_url: string; url: string }[];
  for (const asset of list) {
    const r = await fetch(asset.url, {
      headers: { authorization: `Bearer ${github.token}`, accept: 'application/octet-stream' },
    });
    if (!r.ok) throw new Error(`download of ${asset.name} failed: HTTP ${r.status}`);
    await writeFile(path.join(download, asset.name), Buffer.from(await r.arrayBuffer()));
    say(`  downloaded ${asset.name}`);
  }
  const verify = await runCliProcess(
    [
      'verify',
      'provenant-demo-1.0.0.tar.gz',
      '--bundle',
      'provenance.sigstore.json',
      '--repo',
      REPO,
      '--tuf-mirror',
      tuf.url,
      '--tuf-root',
      tufRoot,
      '--tuf-cache-dir',
      path.join(ws, 'verify-tuf-cache'),
    ],
    { cwd: download },
  );
  say(indent(verify.stdout + verify.stderr));
  if (verify.code !== 0) throw new Error(`verification failed with exit code ${verify.code}`);

  say('\n== 4. A tampered download is refused ==');
  await writeFile(path.join(download, 'provenant-demo-1.0.0.tar.gz'), 'tampered archive\n');
  const tampered = await runCliProcess(
    [
      'verify',
      'provenant-demo-1.0.0.tar.gz',
      '--bundle',
      'provenance.sigstore.json',
      '--repo',
      REPO,
      '--tuf-mirror',
      tuf.url,
      '--tuf-root',
      tufRoot,
      '--tuf-cache-dir',
      path.join(ws, 'verify-tuf-cache'),
    ],
    { cwd: download },
  );
  say(indent(tampered.stdout + tampered.stderr));
  if (tampered.code !== 1)
    throw new Error(`expected the tampered artifact to fail verification (exit 1), got ${tampered.code}`);

  say('\n== Job summary ==');
  say(indent(run.summary));
  if (github.violations.length > 0)
    throw new Error(
      `the GitHub emulator saw requests off GitHub's API: ${JSON.stringify(github.violations)}`,
    );
  say(
    '\nDemo finished: signed against the local Sigstore stack, attached to a draft release, published, downloaded, verified, and a tampered file refused.',
  );
} finally {
  await tuf.stop();
  await github.stop();
  await stack.stop();
  await rm(ws, { recursive: true, force: true });
}
