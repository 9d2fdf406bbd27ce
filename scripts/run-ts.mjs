// Runs a TypeScript dev script (demo, stack, bench) on the project's Node: bundles it with esbuild into .tmp/,
// leaving npm packages external, then imports it. Keeps dev tooling in TypeScript without a second toolchain.
import { build } from 'esbuild';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs FILE.ts [args...]');
  process.exit(2);
}
const root = path.resolve(import.meta.dirname, '..');
const outdir = path.join(root, '.tmp', 'run-ts');
await mkdir(outdir, { recursive: true });
const outfile = path.join(outdir, `${path.basename(entry, '.ts')}.mjs`);
await build({
  entryPoints: [path.resolve(entry)],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
  define: { 'import.meta.dirname': JSON.stringify(path.dirname(path.resolve(entry))) },
});
process.argv = [process.argv[0], path.resolve(entry), ...args];
await import(pathToFileURL(outfile).href);
