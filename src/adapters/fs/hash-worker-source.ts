/**
 * The script a hashing worker thread starts with (`new Worker(script, { eval: true })`). From these sources it imports
 * hash-worker.ts where it lies, which Node runs after stripping its types. The build puts a module in place of this
 * one that returns hash-worker.ts bundled into a single script (scripts/embed-hash-worker.mjs), so the bundles in
 * dist/ need no file beside them.
 */
export function hashWorkerScript(): string {
  const worker = new URL('./hash-worker.ts', import.meta.url).href;
  return `import(${JSON.stringify(worker)}).then((worker) => worker.serveHashJob());`;
}
