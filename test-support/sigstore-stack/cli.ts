/**
 * `npm run stack`: starts the local Sigstore stack in the foreground and prints what to export.
 * Ctrl-C stops it. `--dir DIR` keeps trusted_root.json in DIR instead of a temporary directory.
 */
import { startSigstoreStack } from './index.js';

const dirFlag = process.argv.indexOf('--dir');
const dir = dirFlag >= 0 ? process.argv[dirFlag + 1] : undefined;
const stack = await startSigstoreStack(dir === undefined ? {} : { dir });

const lines = [
  'Local Sigstore stack is up (Ctrl-C to stop).',
  '',
  `  Fulcio        ${stack.urls.fulcio}`,
  `  Rekor v1      ${stack.urls.rekor}`,
  `  TSA           ${stack.urls.tsa}/api/v1/timestamp`,
  `  OIDC issuer   ${stack.urls.tokenRequest}`,
  `  trusted root  ${stack.trustedRootPath}`,
  '',
  '# export these to sign against the stack:',
  ...Object.entries(stack.env).map(([k, v]) => `export ${k}='${v}'`),
  `export SIGSTORE_FULCIO_URL='${stack.urls.fulcio}'`,
  `export SIGSTORE_REKOR_URL='${stack.urls.rekor}'`,
  `export SIGSTORE_TSA_URL='${stack.urls.tsa}'`,
  `export SIGSTORE_TRUSTED_ROOT='${stack.trustedRootPath}'`,
  '',
];
process.stdout.write(lines.join('\n'));

const stop = (): void => {
  void stack.stop().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
