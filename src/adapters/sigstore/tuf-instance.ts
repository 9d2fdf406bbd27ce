/**
 * A Sigstore instance described by its TUF repository (a foundation's own, or any other): the trusted root and the
 * signing config are TUF targets, fetched and checked by the TUF client (signatures, versions, expiry), cached where
 * the caller says. Signing then goes to the services the signing config names, and verification uses the root.
 */
import { initTUF } from '@sigstore/tuf';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ProvenantError, quote } from '../../core/errors.js';

export interface TufSource {
  /** The repository's URL (`tuf-mirror`). */
  mirror: string;
  /** Its initial root.json (`tuf-root`): required for any repository whose root sigstore-js does not embed. */
  rootPath: string;
  /** Where verified metadata and targets are kept between runs; a kept cache is what refuses rollbacks. */
  cacheDir: string;
  /** Also fetch signing_config.v0.2.json (signing needs it; verifying needs only the root). Default true. */
  signingConfig?: boolean;
}

export interface TufInstance {
  /** The trusted root, written into the cache directory, for the signer's check and for verification. */
  trustedRootPath: string;
  signingConfig: string;
}

/** The first message in a cause chain that says which metadata failed (the TUF client wraps it in a generic one). */
function innermost(e: unknown): string {
  const parts: string[] = [];
  for (let c: unknown = e, depth = 0; c instanceof Error && depth < 6; c = c.cause, depth++)
    parts.push(c.message);
  return parts.join(': ');
}

export async function tufInstance(source: TufSource): Promise<TufInstance> {
  await mkdir(source.cacheDir, { recursive: true });
  let trustedRoot: string;
  let signingConfig: string;
  try {
    const tuf = await initTUF({
      mirrorURL: source.mirror,
      rootPath: source.rootPath,
      cachePath: source.cacheDir,
    });
    trustedRoot = await tuf.getTarget('trusted_root.json');
    signingConfig = source.signingConfig === false ? '' : await tuf.getTarget('signing_config.v0.2.json');
  } catch (e) {
    throw new ProvenantError(
      'TRUST_ROOT_INVALID',
      `TUF repository ${quote(source.mirror)}: expected current, signed ${source.signingConfig === false ? 'trusted_root.json' : 'trusted_root.json and signing_config.v0.2.json'}, ` +
        `got ${innermost(e)}. An expired role or a version older than the cached one is refused on purpose: ask the ` +
        `instance's operators to re-sign their metadata; if the root changed, get its new root.json out of band for ` +
        `tuf-root. The cache is ${source.cacheDir}.`,
      { cause: e },
    );
  }
  const trustedRootPath = path.join(source.cacheDir, 'trusted_root.json');
  await writeFile(trustedRootPath, trustedRoot);
  return { trustedRootPath, signingConfig };
}
