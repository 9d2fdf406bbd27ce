/**
 * `npm run demo`: builds a small sample release, then runs the action's entry (dist/index.js) exactly as the Actions
 * runner would, and shows what it produced.
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runAction } from '../test-support/action-runner.js';

const say = (s: string) => process.stdout.write(`${s}\n`);

const ws = await mkdtemp(path.join(tmpdir(), 'provenant-demo-'));
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

say('\n== Running the action (dist/index.js) as the Actions runner does, dry run ==');
const run = await runAction({
  workspace: ws,
  inputs: { 'subject-path': 'dist/**', 'dry-run': 'true' },
  env: { GITHUB_EVENT_NAME: 'workflow_dispatch' },
  event: { inputs: { version: '1.0.0' } },
});
process.stdout.write(run.stdout.replace(/^/gm, '  | '));
if (run.code !== 0) {
  process.stderr.write(run.stderr);
  throw new Error(`the action failed with exit code ${run.code}`);
}

say('\n== Outputs ==');
for (const [k, v] of Object.entries(run.outputs)) say(`  ${k} = ${v}`);
say('\n== Subjects (decoded from the `subjects` output) ==');
say(
  Buffer.from(run.outputs.subjects ?? '', 'base64')
    .toString()
    .trimEnd(),
);
say('\n== Statement ==');
say((await readFile(run.outputs['statement-path']!, 'utf8')).trimEnd());
say('\n== Job summary ==');
say(run.summary.trimEnd());
say('\nDemo finished: the action hashed the sample release and built its provenance statement.');
