import type { TrustedRoot } from '@sigstore/protobuf-specs';
import type { TrustMaterial } from '@sigstore/verify';
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { LoadedBundle, VerifiedBundle, VerifyPorts } from '../../app/ports.js';
import type { DigestSet } from '../../core/digest.js';
import { hashFile } from '../fs/hash-file.js';
import { collectGarbage } from '../process/collect-garbage.js';
import { findArtifacts, listBundleFiles, pathKind } from '../fs/verify-files.js';
import { loadBundles } from './bundle-loader.js';
import { algorithmsFor, verifyBundleCrypto } from './verifier.js';
import { ThreadLost, VerifyPool, workerScript } from './verify-pool.js';

/** Past this size a bundle's parse leaves enough garbage to collect at once (see collectGarbage). */
const BIG_BUNDLE_BYTES = 4 * 1024 * 1024;

/** Bundles checked in-process before threads are worth starting: a few verify faster than threads start. */
const POOL_AFTER = 16;
/** Bigger bundles stay in-process: copying them to a thread costs more memory than it saves time. */
const POOL_MAX_BYTES = 1024 * 1024;

/**
 * The cryptography of a run: in-process for the first bundles and big ones; once a run has many, on worker threads
 * (one per core), when the trusted root is known to send them and the worker script is there.
 */
function cryptoOf(
  inProcessCheck: VerifyPorts['verifyCrypto'],
  root: TrustedRoot | undefined,
): NonNullable<VerifyPorts['verifyCryptoAsync']> {
  let seen = 0;
  let pool: VerifyPool | undefined;
  const script = root ? workerScript() : undefined;
  // A throw becomes a rejection, as the port promises.
  const inProcess = (loaded: LoadedBundle, artifact: DigestSet): Promise<VerifiedBundle> =>
    new Promise((resolve) => resolve(inProcessCheck(loaded, artifact)));
  return (loaded, artifact) => {
    if (!root || !script || ++seen <= POOL_AFTER || (loaded.bytes ?? 0) > POOL_MAX_BYTES)
      return inProcess(loaded, artifact);
    pool ??= new VerifyPool(script, root);
    // A thread that could not start or died decided nothing: the bundle is checked here instead.
    return pool.verify(loaded.bundle, loaded.source, artifact).catch((e: unknown) => {
      if (e instanceof ThreadLost) return inProcess(loaded, artifact);
      throw e;
    });
  };
}

/**
 * The real filesystem and sigstore-js behind the verify use case (shared by the CLI and the verify action). Given the
 * trusted root the trust material came from, a run of many bundles spreads their cryptography over every core.
 */
export function nodeVerifyPorts(trust: TrustMaterial, cwd: string, root?: TrustedRoot): VerifyPorts {
  const verifyCrypto: VerifyPorts['verifyCrypto'] = (loaded, artifact) => {
    try {
      return verifyBundleCrypto(loaded.bundle, { source: loaded.source, trust, artifact });
    } finally {
      if ((loaded.bytes ?? 0) > BIG_BUNDLE_BYTES) collectGarbage();
    }
  };
  return {
    kind: pathKind,
    findArtifacts: (pattern, excludes) => findArtifacts(pattern, excludes, cwd),
    hashFile: async (path, algorithms) => (await hashFile(path, algorithms)).digest,
    // The parse of a big file leaves its text and JSON behind: collected at once, not left to pile up.
    loadBundles: async (path) => {
      const loaded = await loadBundles(path);
      if (loaded.reduce((n, b) => n + (b.bytes ?? 0), 0) > BIG_BUNDLE_BYTES) collectGarbage();
      return loaded;
    },
    fileSize: (path) =>
      stat(path).then(
        (info) => info.size,
        () => 0,
      ),
    listBundleFiles,
    resolve: (...parts) => resolve(cwd, ...parts),
    basename: (path) => basename(path),
    verifyCrypto,
    verifyCryptoAsync: cryptoOf(verifyCrypto, root),
    algorithmsFor,
  };
}
