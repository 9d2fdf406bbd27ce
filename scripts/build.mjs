// Bundles the action (dist/index.js), the verify action (dist/verify.js), the approve action (dist/approve.js), the
// encrypt and decrypt step actions (dist/encrypt.js, dist/decrypt.js) and the CLI (dist/cli.js) as ESM, with the code
// they share and the parts loaded on demand in dist/chunks/. The output is committed and checked for freshness, so
// the build must be deterministic.
import { build } from 'esbuild';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { embedHashWorker } from './embed-hash-worker.mjs';
import { bundleOptions } from './esbuild-options.mjs';

// `--outdir DIR` builds elsewhere, so a test can compare a fresh build with the committed dist/.
const flag = process.argv.indexOf('--outdir');
const outdir = (flag > 0 ? process.argv[flag + 1] : new URL('../dist', import.meta.url).pathname).replace(
  /\/+$/,
  '',
);
// Build beside the target and swap it in, so a process running dist/ never sees it half-written.
const staging = `${outdir}.building`;
await rm(staging, { recursive: true, force: true });

const common = {
  ...bundleOptions,
  outdir: staging,
  format: 'esm',
  banner: {
    // The shebang makes dist/cli.js runnable as the package's bin; CommonJS dependencies inside an ESM bundle
    // still call require() for Node built-ins.
    js:
      '#!/usr/bin/env node\n' +
      "import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);",
  },
};

// `provenant hash` is the command people time, run on every release, and it is small: it gets its own file
// (dist/chunks/hash-command.js, some of it also in the shared chunks), and the glob matcher its own, loaded only for a
// glob, because resolving, compiling and linking each of a dozen shared chunks would add to every start (README,
// Performance). Errors still cross between the copies: isProvenantError does not rely on `instanceof`.
const HASH_COMMAND = './chunks/hash-command.js';
const hashCommandApart = {
  name: 'hash-command-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/hash\.js$/ }, (args) =>
      args.importer.endsWith('src/cli/registry.ts') ? { path: HASH_COMMAND, external: true } : undefined,
    );
  },
};

// Both builds contain the hashing worker pool, whose worker script is bundled and embedded as text.
const hashWorker = embedHashWorker();

await build({
  ...common,
  entryPoints: {
    index: 'src/index.ts',
    verify: 'src/verify-main.ts',
    approve: 'src/approve-main.ts',
    cli: 'src/cli.ts',
    step: 'src/step.ts',
    encrypt: 'src/encrypt-action.ts',
    decrypt: 'src/decrypt-action.ts',
  },
  // Dynamic imports become separate chunks: an entry parses only what its run needs, which keeps start-up short.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [hashCommandApart, hashWorker.plugin],
});
await build({
  ...common,
  entryPoints: { [HASH_COMMAND.replace(/^\.\/|\.js$/g, '')]: 'src/cli/hash.ts' },
  // The glob matcher stays apart (with a few helpers it shares with the command), loaded only for a glob.
  splitting: true,
  chunkNames: 'chunks/hash-command-[name]-[hash]',
  plugins: [hashWorker.plugin],
});
// The command table is part of cli.js, at the root of dist/, so the path the hash command is imported by must hold
// from there.
const cli = await readFile(`${staging}/cli.js`, 'utf8');
if (!cli.includes(`import("${HASH_COMMAND}")`)) {
  throw new Error(
    `dist/cli.js does not import ${HASH_COMMAND}: the command table moved, fix scripts/build.mjs`,
  );
}
// The sources' worker script names hash-worker.ts, which is not in dist/: every build must have embedded the bundled one.
const leaked = [];
for (const file of await readdir(staging, { recursive: true })) {
  if (file.endsWith('.js') && (await readFile(`${staging}/${file}`, 'utf8')).includes('hash-worker.ts'))
    leaked.push(file);
}
if (hashWorker.embedded() < 2 || leaked.length > 0) {
  throw new Error(
    `the hashing worker was not embedded (${leaked.join(', ') || 'not loaded'}): fix scripts/embed-hash-worker.mjs`,
  );
}
await writeFile(`${staging}/package.json`, '{ "type": "module" }\n');
await rm(outdir, { recursive: true, force: true });
await rename(staging, outdir);
