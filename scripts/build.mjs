// Bundles the action (dist/index.js) and the CLI (dist/cli.js) into self-contained ESM files.
// The output is committed and checked for freshness, so the build must be deterministic.
import { build } from 'esbuild';
import { rm, mkdir, writeFile } from 'node:fs/promises';

// `--outdir DIR` builds elsewhere, so a test can compare a fresh build with the committed dist/.
const flag = process.argv.indexOf('--outdir');
const outdir = flag > 0 ? process.argv[flag + 1] : new URL('../dist/', import.meta.url).pathname;
await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  minify: true,
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
  // CommonJS dependencies inside an ESM bundle still call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);",
  },
};

await build({ ...common, entryPoints: { index: 'src/index.ts' }, outdir });
await build({ ...common, entryPoints: { verify: 'src/verify-main.ts' }, outdir });
await build({
  ...common,
  entryPoints: { cli: 'src/cli.ts' },
  outdir,
  banner: { js: '#!/usr/bin/env node\n' + common.banner.js },
});
await writeFile(`${outdir}/package.json`, '{ "type": "module" }\n');
