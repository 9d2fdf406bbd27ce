import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmod, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { withoutPermissionOverride } from '../../../test-support/action-runner.js';
import { fileSizes, makeFiles, scratchDir, sha256sums } from './support.js';

const scratch = scratchDir('hash-bundle');

describe('from a single-file bundle', () => {
  let bundle: string;
  beforeAll(async () => {
    const entry = path.join(scratch(), 'entry.ts');
    const source = path.resolve('src/adapters/fs/hash-files.ts');
    await writeFile(
      entry,
      `import { readFileSync } from 'node:fs';
import { runHashing } from ${JSON.stringify(source)};
const files = JSON.parse(readFileSync(process.argv[2], 'utf8'));
try {
  const subjects = await runHashing(files, {}, { workers: 2, mainThread: false });
  for (const [i, s] of subjects.entries()) process.stdout.write(s.digest.sha256 + '  ' + files[i].path + '\\n');
} catch (e) {
  process.stderr.write(e.code + ': ' + e.message);
  process.exitCode = 1;
}
`,
    );
    bundle = path.join(scratch(), 'bundle', 'cli.js');
    const { embedHashWorker } = await import(
      pathToFileURL(path.resolve('scripts/embed-hash-worker.mjs')).href
    );
    // What matters of scripts/build.mjs here: one minified ESM file, elsewhere than the sources, with the worker
    // embedded as the build embeds it.
    const { plugin } = embedHashWorker();
    await build({
      entryPoints: [entry],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'esm',
      minify: true,
      plugins: [plugin],
    });
  });

  it('the worker runs from esbuild output, as in dist/', async () => {
    const files = await makeFiles(
      scratch(),
      'bundled',
      fileSizes(80, (i) => i * 1000),
    );
    const list = path.join(scratch(), 'bundled.json');
    await writeFile(list, JSON.stringify(files));
    const out = execFileSync(process.execPath, [bundle, list]).toString();
    const sha256 = sha256sums(files);
    expect(out).toBe(files.map((f, i) => `${sha256[i]}  ${f.path}\n`).join(''));
  });

  // Root reads any file whatever its mode, so the bundle runs without the permission-override capabilities.
  it('a worker denied a file names it (run without permission overrides)', async () => {
    const files = await makeFiles(scratch(), 'denied', fileSizes(30, 100));
    const denied = files[17]!;
    await chmod(denied.path, 0o000);
    const list = path.join(scratch(), 'denied.json');
    await writeFile(list, JSON.stringify(files));
    for (const p of [scratch(), path.join(scratch(), 'denied'), path.join(scratch(), 'bundle')])
      await chmod(p, 0o755);
    for (const p of [list, bundle, ...files.filter((f) => f !== denied).map((f) => f.path)])
      await chmod(p, 0o644);
    const r = spawnSync(...withoutPermissionOverride(process.execPath, [bundle, list]));
    expect(r.status).toBe(1);
    expect(r.stderr.toString()).toBe(
      `FILE_UNREADABLE: cannot read ${JSON.stringify(denied.path)}: permission denied. ` +
        'Expected a readable file: fix its permissions (chmod a+r) or exclude it.',
    );
  });
});
