// Runs a TypeScript dev script (demo, stack, bench) on the project's Node: bundles it with esbuild into .tmp/,
// leaving npm packages external, then imports it. Keeps dev tooling in TypeScript without a second toolchain.
import { build } from 'esbuild';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// Bundled modules would all see the bundle's location: give each its own directory back, so dev tooling can find
// files next to its sources (the emulator's OpenAPI fixture, the repository root).
const sourceLocation = {
  name: 'source-location',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const text = await readFile(args.path, 'utf8');
      const dir = JSON.stringify(path.dirname(args.path));
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return {
        contents: text.replaceAll('import.meta.dirname', dir).replaceAll('import.meta.url', url),
        loader: 'ts',
      };
    });
  },
};

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
  plugins: [sourceLocation],
});
process.argv = [process.argv[0], path.resolve(entry), ...args];
await import(pathToFileURL(outfile).href);
