// What every bundle of Provenant shares, whatever its format: Node 24, minified with names kept (error classes and
// stack traces stay readable), no legal comments.
export const bundleOptions = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  minify: true,
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
  // minipass-fetch's optional text decoding: sigstore-js never calls it, and it is half a megabyte.
  external: ['iconv-lite'],
};
