/**
 * The instance a signing config describes: a file, or the `signing_config.v0.2.json` of a TUF repository (a
 * foundation's own), whose trusted root then also checks the fresh bundle. The action and the CLI both come here;
 * they differ only in how they name their options in messages. Service URLs given beside a config still win.
 */
import { readFile } from 'node:fs/promises';
import type { Logger } from '../../app/ports.js';
import { inputError } from '../../core/errors.js';
import { signingEndpoints } from './signing-config.js';
import { tufCacheFor } from './trust.js';
import { tufInstance } from './tuf-instance.js';

export interface InstanceSource {
  /** Absolute paths; URLs as given. */
  signingConfig?: string;
  tufMirror?: string;
  tufRoot?: string;
  tufCacheDir?: string;
  trustedRoot?: string;
  sigstore?: string;
  fulcioUrl?: string;
  rekorUrl?: string;
  tsaUrl?: string;
}

/** How the entry point spells each option: `--tuf-root` on the command line, `tuf-root` as an action input. */
export interface SourceLabels {
  signingConfig: string;
  tufMirror: string;
  tufRoot: string;
  sigstore: string;
}

export const CLI_SOURCE_LABELS: SourceLabels = {
  signingConfig: '--signing-config',
  tufMirror: '--tuf-mirror',
  tufRoot: '--tuf-root FILE',
  sigstore: '--sigstore',
};

export const ACTION_SOURCE_LABELS: SourceLabels = {
  signingConfig: 'input signing-config',
  tufMirror: 'input tuf-mirror',
  tufRoot: 'input tuf-root',
  sigstore: 'input sigstore',
};

export interface ConfiguredInstance {
  sigstore: 'custom';
  fulcioUrl: string;
  rekorUrl?: string;
  rekorApiVersion?: 1 | 2;
  tsaUrl?: string;
  trustedRoot?: string;
  tufMirror?: string;
}

/** Undefined when neither a config nor a TUF repository was given: the caller then uses its other options. */
export async function configuredInstance(
  source: InstanceSource,
  labels: SourceLabels,
  env: NodeJS.ProcessEnv,
  log: Logger,
): Promise<ConfiguredInstance | undefined> {
  const { signingConfig: file, tufMirror: mirror } = source;
  if (!file && !mirror) return undefined;
  if (source.sigstore && source.sigstore !== 'custom') {
    throw inputError(
      'USAGE',
      `${labels.sigstore} ${source.sigstore} names a known instance; ${labels.signingConfig} and ${labels.tufMirror} ` +
        'describe one: give one of them.',
    );
  }
  let trustedRoot = source.trustedRoot;
  let text: string | undefined;
  let origin = file ?? '';
  if (mirror) {
    if (!source.tufRoot)
      throw inputError(
        'USAGE',
        `${labels.tufMirror} ${mirror}: expected ${labels.tufRoot} too (the repository's initial root.json), got none.`,
      );
    const cacheDir = source.tufCacheDir ?? tufCacheFor(mirror, env);
    const tuf = await tufInstance({ mirror, rootPath: source.tufRoot, cacheDir });
    log.info(`TUF repository ${mirror}: trusted root and signing config verified, cached in ${cacheDir}`);
    trustedRoot ??= tuf.trustedRootPath;
    if (!file) {
      text = tuf.signingConfig;
      origin = `${mirror}/signing_config.v0.2.json`;
    }
  }
  text ??= await readFile(origin, 'utf8');
  const endpoints = signingEndpoints(text, origin);
  const rekorUrl = source.rekorUrl || endpoints.rekorUrl;
  const rekorApiVersion = source.rekorUrl ? 1 : endpoints.rekorApiVersion;
  const tsaUrl = source.tsaUrl || endpoints.tsaUrl;
  return {
    sigstore: 'custom',
    fulcioUrl: source.fulcioUrl || endpoints.fulcioUrl,
    ...(rekorUrl ? { rekorUrl } : {}),
    ...(rekorUrl && rekorApiVersion ? { rekorApiVersion } : {}),
    ...(tsaUrl ? { tsaUrl } : {}),
    ...(trustedRoot ? { trustedRoot } : {}),
    ...(mirror ? { tufMirror: mirror } : {}),
  };
}
