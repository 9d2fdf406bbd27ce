import type { TrustedRoot } from '@sigstore/protobuf-specs';
import type { TrustMaterial } from '@sigstore/verify';
import { open } from 'node:fs/promises';
import type { LayoutVerifyPorts } from '../../app/verify-layout.js';
import { inputError, quote } from '../../core/errors.js';
import { publicKeyFromPem, trustMaterial } from './trust.js';
import { verifyBundleCrypto } from './verifier.js';
import { nodeVerifyPorts } from './verify-ports.js';

async function readBytes(path: string, maxBytes: number): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    throw inputError(
      'FILE_NOT_FOUND',
      `--layout: expected a readable file, got ${quote(path)} (${(e as NodeJS.ErrnoException).code ?? ''}).`,
    );
  }
  try {
    const { size } = await handle.stat();
    if (size > maxBytes)
      throw inputError('LAYOUT_INVALID', `${path}: expected at most ${maxBytes} bytes, got ${size}.`);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** The verify ports plus what a layout needs: its bytes, per-key trust for key functionaries, and the clock. */
export function nodeLayoutPorts(root: TrustedRoot, cwd: string): LayoutVerifyPorts {
  const keyed = new Map<string, TrustMaterial>();
  const trustFor = (pem: string) => {
    let trust = keyed.get(pem);
    if (!trust) {
      trust = trustMaterial(root, publicKeyFromPem(pem, 'a public_key functionary'));
      keyed.set(pem, trust);
    }
    return trust;
  };
  return {
    ...nodeVerifyPorts(trustMaterial(root), cwd),
    readBytes,
    verifyWithKey: (loaded, artifact, pem) =>
      verifyBundleCrypto(loaded.bundle, { source: loaded.source, trust: trustFor(pem), artifact }),
    now: () => new Date(),
  };
}
