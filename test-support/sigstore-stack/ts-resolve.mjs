// Lets Node run this repository's TypeScript sources directly (Node 24 strips types itself): the sources import
// siblings with `.js` suffixes, as the compiler wants, so a relative `.js` that does not exist resolves to `.ts`.
// Used by `npm run stack` and the benchmarks: node --import ./test-support/sigstore-stack/ts-resolve.mjs FILE.ts
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      const relative = specifier.startsWith('./') || specifier.startsWith('../');
      if (!relative || !specifier.endsWith('.js') || error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
      return nextResolve(specifier.slice(0, -3) + '.ts', context);
    }
  },
});
