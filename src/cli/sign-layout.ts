import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../adapters/fs/write-file.js';
import { keylessStepSigning } from '../app/attest-step.js';
import { inputError, quote } from '../core/errors.js';
import { parseLayoutText } from '../core/layout/layout-file.js';
import { lintLayout } from '../core/layout/lint.js';
import { printable } from '../core/verify-report.js';
import { jsonFormat, parseCommandArgs } from './args.js';
import type { CliCommand, CliIO } from './command.js';
import { keySigning, KEY_FLAGS, KEY_USAGE } from './key-options.js';
import { keylessSigning, SIGNING_FLAGS, SIGNING_USAGE } from './signing-options.js';
import { stderrLogger } from './subject-options.js';

const usage = `Usage: provenant sign-layout LAYOUT [signing options] [--output-dir DIR]

Checks LAYOUT (as \`provenant layout check\` does, refusing an invalid one) and signs the file's bytes, writing
the bundle to DIR/<LAYOUT's name>.sigstore.json (default: beside LAYOUT). Verifiers name who may have signed it:
\`provenant verify --layout LAYOUT --layout-cert-identity SAN --layout-cert-oidc-issuer URL\` (or --layout-key).

${SIGNING_USAGE}
${KEY_USAGE}
Output:
  --output-dir DIR             where the bundle goes (default: LAYOUT's directory)
  --format text|json           json prints the result as JSON on stdout (--json is the same)
  --quiet                      no progress on stderr`;

const flags = {
  ...SIGNING_FLAGS,
  ...KEY_FLAGS,
  'output-dir': { type: 'string' },
  json: { type: 'boolean' },
  format: { type: 'string' },
  quiet: { type: 'boolean' },
} as const;

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('sign-layout', argv, flags);
  if (positionals.length !== 1)
    throw inputError('USAGE', `sign-layout: expected exactly one LAYOUT file, got ${positionals.length}.`);
  const file = positionals[0]!;
  const json = jsonFormat(values);
  const log = stderrLogger(io, values.quiet === true);
  const layoutPath = path.resolve(io.cwd, file);
  let bytes: Buffer;
  try {
    bytes = await readFile(layoutPath);
  } catch (e) {
    throw inputError(
      'FILE_NOT_FOUND',
      `sign-layout: expected a readable layout file, got ${quote(file)} (${(e as NodeJS.ErrnoException).code ?? ''}).`,
    );
  }
  const layout = parseLayoutText(bytes.toString('utf8'), file);
  for (const w of lintLayout(layout, new Date())) log.warn(printable(w));
  const signing =
    (await keySigning(values, io, log)) ??
    keylessStepSigning(
      await keylessSigning(values, io, log),
      io.env.GITHUB_SERVER_URL ?? 'https://github.com',
    );
  const { session } = await signing.open();
  const signed = await session.signMessage!(new Uint8Array(bytes));
  const out = path.join(
    path.resolve(io.cwd, values['output-dir'] ?? path.dirname(layoutPath)),
    `${path.basename(layoutPath)}.sigstore.json`,
  );
  const written = await writeFileAtomic(out, signed.bundleJson);
  log.info(`Layout signature written to ${written}`);
  if (session.verifyAfterSign) await session.verifyAfterSign(signed.bundle, new Uint8Array(bytes));
  io.stdout(
    json
      ? `${JSON.stringify({ bundlePath: written, ...signed.facts }, null, 2)}\n`
      : `${written}\n  signed by: ${signed.facts.certificateIdentity}\n`,
  );
  return 0;
}

export const command: CliCommand = {
  name: 'sign-layout',
  summary: 'check and sign a pipeline layout (keyless, or with --key)',
  usage,
  run,
};
