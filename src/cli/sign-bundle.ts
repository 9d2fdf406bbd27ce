import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { writeFileAtomic } from '../adapters/fs/write-file.js';
import { KNOWN_INSTANCES } from '../adapters/sigstore/instances.js';
import { loadSigningConfig } from '../adapters/sigstore/signing-config.js';
import { signStatement, type SigningEndpoints } from '../adapters/sigstore/signer.js';
import { loadTrustedRootFile } from '../adapters/sigstore/trust.js';
import { verifyAfterSign } from '../adapters/sigstore/verify-after-sign.js';
import { inputError } from '../core/errors.js';
import { parseCommandArgs } from './args.js';
import type { CliCommand } from './command.js';

/** The public-good instance, used when no signing config names another. */
const PUBLIC_GOOD: SigningEndpoints = KNOWN_INSTANCES['public-good'];

export const command: CliCommand = {
  name: 'sign-bundle',
  summary: 'sign one file into a Sigstore bundle (the conformance suite protocol)',
  usage: `Usage: provenant sign-bundle [--in-toto] --identity-token TOKEN --bundle FILE [--trusted-root FILE] [--signing-config FILE] FILE

The Sigstore conformance suite's signing protocol: signs FILE with a Fulcio certificate for TOKEN and writes the
bundle to --bundle. With --in-toto, FILE is an in-toto statement signed as a DSSE envelope; otherwise FILE's
bytes get a message signature. --signing-config chooses Fulcio, Rekor and TSA (default: the public-good instance);
--trusted-root makes the fresh bundle be verified before it is written. For releases, use \`provenant sign\`.`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs('sign-bundle', argv, {
      'in-toto': { type: 'boolean' },
      'identity-token': { type: 'string' },
      bundle: { type: 'string' },
      'trusted-root': { type: 'string' },
      'signing-config': { type: 'string' },
    });
    if (positionals.length !== 1)
      throw inputError('USAGE', `sign-bundle: expected exactly one FILE, got ${positionals.length}.`);
    if (!values.bundle)
      throw inputError('USAGE', 'sign-bundle: expected --bundle FILE (where to write the bundle), got none.');
    const token = values['identity-token'] ?? io.env.SIGSTORE_ID_TOKEN;
    if (!token)
      throw inputError(
        'USAGE',
        'sign-bundle: expected --identity-token TOKEN (or SIGSTORE_ID_TOKEN), got none.',
      );
    const here = (p: string) => resolve(io.cwd, p);
    const endpoints = values['signing-config']
      ? await loadSigningConfig(here(values['signing-config']))
      : PUBLIC_GOOD;
    const data = await readFile(here(positionals[0]!));
    if (values['in-toto'] === true) {
      try {
        JSON.parse(data.toString('utf8'));
      } catch {
        throw inputError(
          'INPUT_INVALID',
          `sign-bundle --in-toto: expected ${positionals[0]!} to be an in-toto statement (JSON), got something else.`,
        );
      }
    }
    const signed = await signStatement(new Uint8Array(data), {
      endpoints,
      identityToken: token,
      messageSignature: values['in-toto'] !== true,
    });
    // Written first: a bundle that then fails verification is kept for inspection, and the exit code says so.
    await writeFileAtomic(here(values.bundle), signed.bundleJson);
    if (values['trusted-root']) {
      verifyAfterSign(signed.bundle, {
        trustedRoot: await loadTrustedRootFile(here(values['trusted-root'])),
        expectTlogEntry: endpoints.rekorUrl !== undefined,
        ...(values['in-toto'] === true ? {} : { artifact: data }),
      });
    }
    return 0;
  },
};
