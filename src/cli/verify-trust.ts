import type { TrustedRoot } from '@sigstore/protobuf-specs';
import { fetchTrustedRoot, loadTrustedRootFile, parseInstance } from '../adapters/sigstore/trust.js';
import { inputError } from '../core/errors.js';

export interface TrustOptions {
  trustedRoot?: string;
  instance?: string;
  tufCacheDir?: string;
  tufRoot?: string;
}

/** --trusted-root FILE (offline) wins; otherwise the instance's root through TUF, cached on disk. */
export async function resolveTrustedRoot(
  options: TrustOptions,
  resolvePath: (p: string) => string,
): Promise<TrustedRoot> {
  if (options.trustedRoot !== undefined && options.trustedRoot !== '') {
    if (options.instance !== undefined && options.instance !== '' && options.instance !== 'public-good') {
      throw inputError(
        'USAGE',
        `expected either --trusted-root or --instance, got both (--instance ${options.instance}). A trusted root file already names the instance it trusts.`,
      );
    }
    return loadTrustedRootFile(resolvePath(options.trustedRoot));
  }
  const instance = parseInstance(options.instance || 'public-good');
  return fetchTrustedRoot({
    instance,
    ...(options.tufCacheDir ? { cacheDir: resolvePath(options.tufCacheDir) } : {}),
    ...(options.tufRoot ? { tufRoot: resolvePath(options.tufRoot) } : {}),
  });
}
