// Builds dist-sea/provenant-linux-x64: the CLI as one executable with Node inside (Node's single executable
// applications), so a verifier needs nothing installed. Steps: bundle the CLI as one CommonJS script, turn it into a
// SEA blob with the Node that runs this script, copy that Node and inject the blob with postject.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmod, copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { embedHashWorker } from './embed-hash-worker.mjs';
import { bundleOptions } from './esbuild-options.mjs';

if (process.platform !== 'linux' || process.arch !== 'x64') {
  console.error(
    `build:sea builds the linux-x64 executable; this machine is ${process.platform}-${process.arch}.`,
  );
  process.exit(2);
}
const root = new URL('..', import.meta.url).pathname;
// `--outdir DIR` builds elsewhere, so tests running side by side never share (and remove) one another's output.
const flag = process.argv.indexOf('--outdir');
const out = flag > 0 ? path.resolve(process.argv[flag + 1]) : path.join(root, 'dist-sea');
const script = path.join(out, 'provenant.cjs');
const blob = path.join(out, 'provenant.blob');
const executable = path.join(out, 'provenant-linux-x64');
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });

const hashWorker = embedHashWorker();
await build({
  ...bundleOptions,
  entryPoints: [path.join(root, 'src/sea.ts')],
  outfile: script,
  format: 'cjs',
  // `import.meta.url` has no meaning in the executable: the entry starts the CLI itself.
  define: { 'import.meta.url': 'undefined' },
  plugins: [hashWorker.plugin],
});
if (hashWorker.embedded() < 1)
  throw new Error('the hashing worker was not embedded: fix scripts/embed-hash-worker.mjs');

const config = path.join(out, 'sea-config.json');
await writeFile(
  config,
  JSON.stringify({ main: script, output: blob, disableExperimentalSEAWarning: true, useSnapshot: false }),
);
execFileSync(process.execPath, ['--experimental-sea-config', config], { stdio: 'inherit' });
await copyFile(process.execPath, executable);
await chmod(executable, 0o755);
execFileSync(
  process.execPath,
  [
    path.join(root, 'node_modules/postject/dist/cli.js'),
    executable,
    'NODE_SEA_BLOB',
    blob,
    '--sentinel-fuse',
    'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2',
  ],
  { stdio: 'inherit' },
);
await rm(blob);
await rm(config);
console.log(`Built ${path.relative(root, executable)} (Node ${process.versions.node}, linux-x64)`);
