// The hashing worker thread starts from a script given as text (`new Worker(text, { eval: true })`), so the bundles
// in dist/ need no file beside them. This esbuild plugin bundles src/adapters/fs/hash-worker.ts into one script and
// puts a module returning it in place of hash-worker-source.ts, whose own version loads the worker from the sources.
// scripts/build.mjs uses it, and so does the test that runs the worker from a bundle.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const worker = fileURLToPath(new URL('../src/adapters/fs/hash-worker.ts', import.meta.url));
const SOURCE_MODULE = /[\\/]src[\\/]adapters[\\/]fs[\\/]hash-worker-source\.ts$/;

/** hash-worker.ts as one script that serves a job once started: Node's built-ins are all it needs. */
export async function hashWorkerScript() {
  const result = await build({
    stdin: {
      contents: `import { serveHashJob } from ${JSON.stringify(worker)};\nserveHashJob();\n`,
      loader: 'ts',
      resolveDir: fileURLToPath(new URL('.', import.meta.url)),
    },
    bundle: true,
    write: false,
    platform: 'node',
    format: 'iife',
    target: 'node24',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

/** The plugin, and a count of the builds it has put the script into, so a build can check that it did. */
export function embedHashWorker() {
  let script;
  let count = 0;
  const plugin = {
    name: 'embed-hash-worker',
    setup(b) {
      b.onLoad({ filter: SOURCE_MODULE }, async () => {
        script ??= hashWorkerScript();
        count++;
        return {
          contents: `export function hashWorkerScript() {\n  return ${JSON.stringify(await script)};\n}\n`,
          loader: 'js',
        };
      });
    },
  };
  return { plugin, embedded: () => count };
}
