import type { TrustMaterial } from '@sigstore/verify';
import { basename, resolve } from 'node:path';
import type { VerifyPorts } from '../../app/ports.js';
import { hashFile } from '../fs/hash-file.js';
import { collectGarbage } from '../process/collect-garbage.js';
import { findArtifacts, listBundleFiles, pathKind } from '../fs/verify-files.js';
import { loadBundles } from './bundle-loader.js';
import { algorithmsFor, verifyBundleCrypto } from './verifier.js';

/** Past this size a bundle's parse leaves enough garbage to collect at once (see collectGarbage). */
const BIG_BUNDLE_BYTES = 4 * 1024 * 1024;

/** The real filesystem and sigstore-js behind the verify use case (shared by the CLI and the verify action). */
export function nodeVerifyPorts(trust: TrustMaterial, cwd: string): VerifyPorts {
  return {
    kind: pathKind,
    findArtifacts: (pattern, excludes) => findArtifacts(pattern, excludes, cwd),
    hashFile: async (path, algorithms) => (await hashFile(path, algorithms)).digest,
    loadBundles,
    listBundleFiles,
    resolve: (...parts) => resolve(cwd, ...parts),
    basename: (path) => basename(path),
    // A throw becomes a rejection, as the port promises.
    verifyCrypto: (loaded, artifact) =>
      new Promise((resolve) => {
        try {
          resolve(verifyBundleCrypto(loaded.bundle, { source: loaded.source, trust, artifact }));
        } finally {
          if ((loaded.bytes ?? 0) > BIG_BUNDLE_BYTES) collectGarbage();
        }
      }),
    algorithmsFor,
  };
}
