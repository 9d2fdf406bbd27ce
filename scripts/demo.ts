/**
 * `npm run demo`: builds a small sample release, starts the local Sigstore stack (Fulcio, Rekor, TSA, a GitHub-shaped
 * OIDC issuer) on 127.0.0.1, runs the action's entry (dist/index.js) exactly as the Actions runner would, then
 * verifies every artifact with the CLI (dist/cli.js verify).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runAction, runCliProcess } from '../test-support/action-runner.js';
import { startSigstoreStack } from '../test-support/sigstore-stack/index.js';

const say = (s: string) => process.stdout.write(`${s}\n`);
const indent = (s: string) => s.trimEnd().replace(/^/gm, '  | ');

const ws = await mkdtemp(path.join(tmpdir(), 'provenant-demo-'));
const stack = await startSigstoreStack();
try {
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
  say(`Sample release tree: ${ws}/dist (${Object.keys(files).length} files)`);
  say(
    `Local Sigstore stack: Fulcio ${stack.urls.fulcio}, Rekor ${stack.urls.rekor}, TSA ${stack.urls.tsa}, OIDC ${stack.urls.oidc}`,
  );

  say('\n== The action (dist/index.js), run as the Actions runner runs it ==');
  const run = await runAction({
    workspace: ws,
    inputs: {
      'subject-path': 'dist/**',
      sigstore: 'custom',
      'fulcio-url': stack.urls.fulcio,
      'rekor-url': stack.urls.rekor,
      'tsa-url': `${stack.urls.tsa}/api/v1/timestamp`,
      'trusted-root': stack.trustedRootPath,
    },
    // The job's OIDC endpoint, and the run the token describes.
    env: {
      ...stack.env,
      GITHUB_REPOSITORY: 'octo-org/octo-repo',
      GITHUB_SHA: '5f7b2e1c9a3d4b6e8f0a1c2e3d4f5a6b7c8d9e0f',
      GITHUB_REF: 'refs/tags/v1.0.0',
    },
  });
  say(
    indent(
      run.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
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
  const bundlePath = run.outputs['bundle-path']!;
  const bundle = JSON.parse(await readFile(bundlePath, 'utf8')) as { dsseEnvelope: { payload: string } };
  say('\n== The signed statement (from the bundle) ==');
  say(
    indent(
      JSON.stringify(JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString()), null, 2),
    ),
  );

  say("\n== provenant verify (dist/cli.js), offline with the stack's trusted root ==");
  const verify = await runCliProcess(
    [
      'verify',
      ...Object.keys(files),
      '--bundle',
      bundlePath,
      '--repo',
      'octo-org/octo-repo',
      '--trusted-root',
      stack.trustedRootPath,
    ],
    { cwd: ws },
  );
  say(indent(verify.stdout + verify.stderr));
  if (verify.code !== 0) throw new Error(`verification failed with exit code ${verify.code}`);

  say('\n== And a tampered artifact is refused ==');
  await writeFile(path.join(ws, 'dist/sbom.spdx.json'), '{"tampered":true}\n');
  const tampered = await runCliProcess(
    [
      'verify',
      'dist/sbom.spdx.json',
      '--bundle',
      bundlePath,
      '--repo',
      'octo-org/octo-repo',
      '--trusted-root',
      stack.trustedRootPath,
    ],
    { cwd: ws },
  );
  say(indent(tampered.stdout + tampered.stderr));
  if (tampered.code !== 1)
    throw new Error(`expected the tampered artifact to fail verification (exit 1), got ${tampered.code}`);

  say('\n== Job summary ==');
  say(indent(run.summary));
  say('\nDemo finished: signed with the local Sigstore stack, verified, and a tampered file refused.');
} finally {
  await stack.stop();
  await rm(ws, { recursive: true, force: true });
}
