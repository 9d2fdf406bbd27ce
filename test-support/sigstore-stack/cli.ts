/**
 * `npm run stack`: starts the local Sigstore stack (Fulcio, Rekor v1 and v2, TSA, OIDC) and a TUF repository that
 * describes it, in the foreground, and prints what to export or pass. Ctrl-C stops it. `--dir DIR` keeps
 * trusted_root.json and the TUF repository's root.json in DIR instead of a temporary directory.
 */
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { startStackTufRepo } from '../tuf-repo/stack-instance.js';
import { startSigstoreStack } from './index.js';

const dirFlag = process.argv.indexOf('--dir');
const dir = dirFlag >= 0 ? process.argv[dirFlag + 1] : undefined;
const stack = await startSigstoreStack(dir === undefined ? {} : { dir });
const tuf = await startStackTufRepo(stack);
const tufRoot = join(dirname(stack.trustedRootPath), 'tuf-root.json');
await writeFile(tufRoot, tuf.rootJson());

const lines = [
  'Local Sigstore stack is up (Ctrl-C to stop).',
  '',
  `  Fulcio        ${stack.urls.fulcio}`,
  `  Rekor v1      ${stack.urls.rekor}`,
  `  Rekor v2      ${stack.urls.rekorV2}`,
  `  TSA           ${stack.urls.tsa}/api/v1/timestamp`,
  `  OIDC issuer   ${stack.urls.tokenRequest}`,
  `  trusted root  ${stack.trustedRootPath}`,
  `  TUF mirror    ${tuf.url} (initial root ${tufRoot})`,
  '',
  '# sign and verify through the TUF repository (Rekor v2 and a timestamp):',
  `#   provenant sign dist/ --tuf-mirror ${tuf.url} --tuf-root ${tufRoot}`,
  `#   provenant verify FILE --bundle provenant-out/provenance.sigstore.json --repo OWNER/REPO --tuf-mirror ${tuf.url} --tuf-root ${tufRoot}`,
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
  void Promise.all([tuf.stop(), stack.stop()]).then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
