import type { TrustMaterial } from '@sigstore/verify';
import { readdir, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { hashFile } from '../adapters/fs/hash-file.js';
import { loadBundles } from '../adapters/sigstore/bundle-loader.js';
import { algorithmsFor, verifyBundleCrypto } from '../adapters/sigstore/verifier.js';
import type { VerifyPorts } from '../app/verify.js';
import { ProvenantError, quote } from '../core/errors.js';

/** The real filesystem and sigstore-js behind the verify use case (shared by the CLI and the verify action). */
export function nodeVerifyPorts(trust: TrustMaterial, cwd: string): VerifyPorts {
  return {
    async kind(path) {
      try {
        const info = await stat(path);
        return info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other';
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR')
          return 'missing';
        throw e;
      }
    },
    hashFile: async (path, algorithms) => (await hashFile(path, algorithms)).digest,
    loadBundles,
    async listBundleFiles(dir) {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch (e) {
        throw new ProvenantError(
          'BUNDLE_NOT_FOUND',
          `--bundle-dir ${quote(dir)}: expected a readable directory, got ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`,
          { exitCode: 2 },
        );
      }
      return names
        .filter((n) => n.endsWith('.sigstore.json') || n.endsWith('.jsonl'))
        .sort()
        .map((n) => resolve(dir, n));
    },
    resolve: (...parts) => resolve(cwd, ...parts),
    basename: (path) => basename(path),
    verifyCrypto: (record, artifact) =>
      verifyBundleCrypto(record.bundle, { source: record.source, trust, artifact }),
    algorithmsFor,
  };
}
