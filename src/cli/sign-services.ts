/**
 * `provenant sign`'s signing-config options: a file (`--signing-config`), or a TUF repository (`--tuf-mirror` with
 * `--tuf-root`) whose signing config chooses the services and whose trusted root checks the fresh bundle.
 */
import path from 'node:path';
import type { Logger } from '../app/ports.js';
import {
  CLI_SOURCE_LABELS,
  configuredInstance as instanceFrom,
  type ConfiguredInstance,
} from '../adapters/sigstore/configured-instance.js';
import type { CliIO } from './command.js';

export const SIGNING_CONFIG_FLAGS = {
  'signing-config': { type: 'string' },
  'tuf-mirror': { type: 'string' },
  'tuf-root': { type: 'string' },
  'tuf-cache-dir': { type: 'string' },
} as const;

export const SIGNING_CONFIG_USAGE = `  --signing-config FILE        a Sigstore signing_config.v0.2.json: its Fulcio, Rekor (v1 or v2) and TSA, chosen
                               by the spec's rules (--fulcio-url, --rekor-url, --tsa-url override its choice)
  --tuf-mirror URL --tuf-root FILE
                               a Sigstore instance's TUF repository (a foundation's own): its signing config and
                               trusted root, verified by TUF and cached (--tuf-cache-dir, default ~/.cache/provenant/tuf)`;

/** The instance a signing config names, or undefined when neither a config nor a TUF repository was given. */
export async function configuredInstance(
  values: Record<string, unknown>,
  io: CliIO,
  log: Logger,
): Promise<ConfiguredInstance | undefined> {
  const text = (name: string): string | undefined =>
    typeof values[name] === 'string' ? values[name] : undefined;
  const file = (name: string): string | undefined => {
    const v = text(name);
    return v === undefined ? undefined : path.resolve(io.cwd, v);
  };
  const source = {
    signingConfig: file('signing-config'),
    tufMirror: text('tuf-mirror'),
    tufRoot: file('tuf-root'),
    tufCacheDir: file('tuf-cache-dir'),
    trustedRoot: file('trusted-root'),
    sigstore: text('sigstore'),
    fulcioUrl: text('fulcio-url'),
    rekorUrl: text('rekor-url'),
    tsaUrl: text('tsa-url'),
  };
  const defined = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined));
  return instanceFrom(defined, CLI_SOURCE_LABELS, io.env, log);
}
