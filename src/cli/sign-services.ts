/**
 * Where `provenant sign` sends a signature when it is told by a signing config: a file (`--signing-config`), or the
 * `signing_config.v0.2.json` of a TUF repository (`--tuf-mirror` with `--tuf-root`), whose trusted root then also
 * checks the fresh bundle. Service URL flags still override what the config selects.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../app/ports.js';
import { endpointsFor, SUPPORTED_VERSIONS } from '../adapters/sigstore/signing-config.js';
import { defaultTufCacheDir } from '../adapters/sigstore/trust.js';
import { tufInstance } from '../adapters/sigstore/tuf-instance.js';
import { inputError } from '../core/errors.js';
import { selectSigningServices } from '../core/signing-config.js';
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

export interface ConfiguredInstance {
  sigstore: 'custom';
  fulcioUrl: string;
  rekorUrl?: string;
  rekorApiVersion?: 1 | 2;
  tsaUrl?: string;
  trustedRoot?: string;
}

const flag = (values: Record<string, unknown>, name: string): string | undefined =>
  typeof values[name] === 'string' ? values[name] : undefined;

/** The instance a signing config names, or undefined when neither a config nor a TUF repository was given. */
export async function configuredInstance(
  values: Record<string, unknown>,
  io: CliIO,
  log: Logger,
): Promise<ConfiguredInstance | undefined> {
  const file = flag(values, 'signing-config');
  const mirror = flag(values, 'tuf-mirror');
  if (!file && !mirror) return undefined;
  if (flag(values, 'sigstore') !== undefined) {
    throw inputError(
      'USAGE',
      '--sigstore names a known instance; --signing-config and --tuf-mirror describe one: give one of them.',
    );
  }
  const here = (p: string) => path.resolve(io.cwd, p);
  let trustedRoot = flag(values, 'trusted-root') ? here(flag(values, 'trusted-root')!) : undefined;
  let text: string | undefined;
  let source = file ? here(file) : '';
  if (mirror) {
    const rootPath = flag(values, 'tuf-root');
    if (!rootPath)
      throw inputError(
        'USAGE',
        `--tuf-mirror ${mirror}: expected --tuf-root FILE too (the repository's initial root.json), got none.`,
      );
    const cacheDir = flag(values, 'tuf-cache-dir')
      ? here(flag(values, 'tuf-cache-dir')!)
      : path.join(defaultTufCacheDir(io.env), createHash('sha256').update(mirror).digest('hex').slice(0, 16));
    const tuf = await tufInstance({ mirror, rootPath: here(rootPath), cacheDir });
    log.info(`TUF repository ${mirror}: trusted root and signing config verified, cached in ${cacheDir}`);
    trustedRoot ??= tuf.trustedRootPath;
    if (!file) {
      text = tuf.signingConfig;
      source = `${mirror}/signing_config.v0.2.json`;
    }
  }
  text ??= await readFile(source, 'utf8');
  const endpoints = endpointsFor(selectSigningServices(text, source, SUPPORTED_VERSIONS, Date.now()), source);
  const fulcioUrl = flag(values, 'fulcio-url') ?? endpoints.fulcioUrl;
  const rekorUrl = flag(values, 'rekor-url') ?? endpoints.rekorUrl;
  const tsaUrl = flag(values, 'tsa-url') ?? endpoints.tsaUrl;
  const rekorApiVersion = flag(values, 'rekor-url') ? 1 : endpoints.rekorApiVersion;
  return {
    sigstore: 'custom',
    fulcioUrl,
    ...(rekorUrl ? { rekorUrl } : {}),
    ...(rekorUrl && rekorApiVersion ? { rekorApiVersion } : {}),
    ...(tsaUrl ? { tsaUrl } : {}),
    ...(trustedRoot ? { trustedRoot } : {}),
  };
}
