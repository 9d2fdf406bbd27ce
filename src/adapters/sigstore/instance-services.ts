/**
 * A known instance's services as its operators publish them today: the `signing_config.v0.2.json` TUF target of
 * its repository, selected by the spec's rules. Public-good lists a Rekor v2 log and a timestamp authority there,
 * and its Rekor v1 write path is being turned down: the built-in table is only what we fall back to when the TUF
 * repository cannot be read (say, a runner without access to it), with a warning that says so.
 */
import { initTUF } from '@sigstore/tuf';
import type { Logger, SigstoreInstance } from '../../app/ports.js';
import { KNOWN_INSTANCES } from './instances.js';
import { signingEndpoints } from './signing-config.js';
import { defaultTufCacheDir } from './trust.js';

/** Reads the signing config target of a TUF repository (sigstore-js embeds the public-good and staging roots). */
export type SigningConfigSource = (mirror: string, cacheDir: string) => Promise<string>;

export const tufSigningConfig: SigningConfigSource = async (mirror, cacheDir) => {
  const tuf = await initTUF({ mirrorURL: mirror, cachePath: cacheDir });
  return tuf.getTarget('signing_config.v0.2.json');
};

/** Instances whose TUF root sigstore-js embeds and whose repositories publish a signing config. */
const PUBLISHING = new Set<SigstoreInstance['name']>(['public-good', 'staging']);

export async function currentServices(
  instance: SigstoreInstance,
  options: { env: NodeJS.ProcessEnv; log: Logger; source?: SigningConfigSource; now?: number },
): Promise<SigstoreInstance> {
  if (instance.name === 'custom' || !PUBLISHING.has(instance.name)) return instance;
  const mirror = KNOWN_INSTANCES[instance.name].tufMirror;
  const origin = `${mirror}/signing_config.v0.2.json`;
  let text: string;
  try {
    text = await (options.source ?? tufSigningConfig)(mirror, defaultTufCacheDir(options.env));
  } catch (e) {
    options.log.warn(
      `Could not read the ${instance.name} signing config through TUF (${origin}: ${(e as Error).message}); ` +
        `signing with the built-in services (Fulcio ${instance.fulcioUrl}${instance.rekorUrl ? `, Rekor ${instance.rekorUrl}` : ''}).`,
    );
    return instance;
  }
  // A config that cannot be satisfied is an error, as for a config the user gives: never a weaker signature.
  const selected = signingEndpoints(text, origin, options.now);
  const { rekorUrl: _r, rekorApiVersion: _v, tsaUrl: _t, ...rest } = instance;
  return {
    ...rest,
    fulcioUrl: selected.fulcioUrl,
    ...(selected.rekorUrl ? { rekorUrl: selected.rekorUrl } : {}),
    ...(selected.rekorUrl && selected.rekorApiVersion === 2 ? { rekorApiVersion: 2 as const } : {}),
    ...(selected.tsaUrl ? { tsaUrl: selected.tsaUrl } : {}),
  };
}
