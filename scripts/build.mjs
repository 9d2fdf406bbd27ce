// Bundles the action (dist/index.js), the verify action (dist/verify.js) and the CLI (dist/cli.js) as ESM, with
// the code they share and the parts loaded on demand in dist/chunks/. The output is committed and checked for
// freshness, so the build must be deterministic.
import { build } from 'esbuild';
import { rename, rm, writeFile } from 'node:fs/promises';

// `--outdir DIR` builds elsewhere, so a test can compare a fresh build with the committed dist/.
const flag = process.argv.indexOf('--outdir');
const outdir = (flag > 0 ? process.argv[flag + 1] : new URL('../dist', import.meta.url).pathname).replace(
  /\/+$/,
  '',
);
// Build beside the target and swap it in, so a process running dist/ never sees it half-written.
const staging = `${outdir}.building`;
await rm(staging, { recursive: true, force: true });

await build({
  entryPoints: { index: 'src/index.ts', verify: 'src/verify-main.ts', cli: 'src/cli.ts' },
  outdir: staging,
  bundle: true,
  // Dynamic imports become separate chunks: an entry parses only what its run needs, which keeps start-up short.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node24',
  minify: true,
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
  // minipass-fetch's optional text decoding: sigstore-js never calls it, and it is half a megabyte.
  external: ['iconv-lite'],
  banner: {
    // The shebang makes dist/cli.js runnable as the package's bin; CommonJS dependencies inside an ESM bundle
    // still call require() for Node built-ins.
    js:
      '#!/usr/bin/env node\n' +
      "import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);",
  },
});
await writeFile(`${staging}/package.json`, '{ "type": "module" }\n');
await rm(outdir, { recursive: true, force: true });
await rename(staging, outdir);
