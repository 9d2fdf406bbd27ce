/**
 * `--key FILE`: sign with a PEM private key instead of a keyless identity (a layout's `public_key` functionaries, and
 * layouts signed as classic in-toto projects do). The signature is still witnessed by the instance's Rekor and/or
 * TSA (`--sigstore NAME`, or `--rekor-url` / `--tsa-url`); `--trusted-root` checks the fresh bundle.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { StepSigningPort } from '../app/attest-step.js';
import type { Logger, SigstoreInstance } from '../app/ports.js';
import { KNOWN_INSTANCES, type KnownInstanceName } from '../adapters/sigstore/instances.js';
import { inputError, quote } from '../core/errors.js';
import type { CliIO } from './command.js';
import { instanceFlags } from './signing-options.js';

export const KEY_FLAGS = { key: { type: 'string' } } as const;

export const KEY_USAGE = `Key (instead of a keyless identity):
  --key FILE                   a PEM private key (ECDSA P-256 or Ed25519); the signature is still logged and/or
                               timestamped by --sigstore NAME or --rekor-url / --tsa-url (Fulcio is not used)`;

type Values = Record<string, unknown>;

function witnessInstance(values: Values, io: CliIO, trustedRoot: string | undefined): SigstoreInstance {
  const flags = instanceFlags(values, io.env, trustedRoot);
  if (flags.sigstore && flags.sigstore !== 'custom') {
    if (!Object.hasOwn(KNOWN_INSTANCES, flags.sigstore))
      throw inputError(
        'USAGE',
        `--sigstore: expected ${Object.keys(KNOWN_INSTANCES).join(', ')} or custom, got ${quote(flags.sigstore)}.`,
      );
    const {
      tufMirror: _t,
      statusPage: _s,
      entryViewer: _e,
      ...known
    } = KNOWN_INSTANCES[flags.sigstore as KnownInstanceName];
    return known;
  }
  if (!flags.rekorUrl && !flags.tsaUrl)
    throw inputError(
      'USAGE',
      '--key: expected --rekor-url and/or --tsa-url (or --sigstore NAME) to witness the signature, got neither.',
    );
  return {
    name: 'custom',
    fulcioUrl: '',
    ...(flags.rekorUrl ? { rekorUrl: flags.rekorUrl } : {}),
    ...(flags.tsaUrl ? { tsaUrl: flags.tsaUrl } : {}),
    publicLog: false,
  };
}

/** The key signing `--key` asks for, or undefined for keyless signing. */
export async function keySigning(
  values: Values,
  io: CliIO,
  log: Logger,
): Promise<StepSigningPort | undefined> {
  if (typeof values.key !== 'string') return undefined;
  if (typeof values['identity-token'] === 'string')
    throw inputError(
      'USAGE',
      'expected --key or --identity-token, got both: a key signature has no identity token.',
    );
  const source = values.key;
  const trustedRoot =
    typeof values['trusted-root'] === 'string' ? path.resolve(io.cwd, values['trusted-root']) : undefined;
  const instance = witnessInstance(values, io, trustedRoot);
  let pem: string;
  try {
    pem = await readFile(path.resolve(io.cwd, source), 'utf8');
  } catch (e) {
    throw inputError(
      'FILE_NOT_FOUND',
      `--key: expected a readable key file, got ${quote(source)} (${(e as NodeJS.ErrnoException).code ?? ''}).`,
    );
  }
  const { openKeySession } = await import('../adapters/sigstore/key-session.js');
  const verifyAfterSign = values['no-verify-after-sign'] !== true;
  return {
    open: async () => ({
      session: await openKeySession({
        instance,
        privateKeyPem: pem,
        source,
        ...(verifyAfterSign && trustedRoot ? { trustedRootPath: trustedRoot } : {}),
        log,
      }),
    }),
  };
}
