/**
 * Where the broker and `decrypt` take their trusted root from: a file (`--trusted-root`), a TUF repository
 * (`--tuf-mirror` with `--tuf-root`, as `sign` takes them), or a known instance's root through TUF (`--instance`).
 */
import type { TrustedRoot } from '@sigstore/protobuf-specs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { defaultTufCacheDir, loadTrustedRootFile, resolveTrustedRoot } from '../adapters/sigstore/trust.js';
import { tufInstance } from '../adapters/sigstore/tuf-instance.js';
import { inputError } from '../core/errors.js';

export const TRUST_SOURCE_USAGE = `  --trusted-root FILE          the Sigstore instance's trusted_root.json
  --tuf-mirror URL --tuf-root FILE
                               or its TUF repository and initial root.json (cached in --tuf-cache-dir)
  --instance NAME              or a known instance's root through TUF (public-good, staging, github)`;

const str = (values: Record<string, unknown>, name: string) =>
  typeof values[name] === 'string' ? values[name] : undefined;

export async function trustedRootFrom(
  values: Record<string, unknown>,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<TrustedRoot> {
  const here = (p: string) => path.resolve(cwd, p);
  const mirror = str(values, 'tuf-mirror');
  const file = str(values, 'trusted-root');
  if (mirror) {
    if (file)
      throw inputError(
        'USAGE',
        'expected one of --trusted-root and --tuf-mirror, got both: the TUF repository already serves a trusted root.',
      );
    const rootPath = str(values, 'tuf-root');
    if (!rootPath)
      throw inputError(
        'USAGE',
        `--tuf-mirror ${mirror}: expected --tuf-root FILE too (the repository's initial root.json), got none.`,
      );
    const cache = str(values, 'tuf-cache-dir');
    const cacheDir = cache
      ? here(cache)
      : path.join(defaultTufCacheDir(env), createHash('sha256').update(mirror).digest('hex').slice(0, 16));
    const tuf = await tufInstance({ mirror, rootPath: here(rootPath), cacheDir });
    return loadTrustedRootFile(tuf.trustedRootPath);
  }
  if (file) return loadTrustedRootFile(here(file));
  const instance = str(values, 'instance');
  if (!instance)
    throw inputError(
      'USAGE',
      'expected a trusted root: --trusted-root FILE, --tuf-mirror URL with --tuf-root FILE, or --instance NAME; got none.',
    );
  const cache = str(values, 'tuf-cache-dir');
  return resolveTrustedRoot({ instance, ...(cache ? { tufCacheDir: cache } : {}) }, here);
}
