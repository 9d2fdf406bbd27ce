/** The cipher port: fresh data keys, files through the stream cipher, one-time keys for key requests. */
import { createHash, randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { CipherPort } from '../../app/encryption/ports.js';
import { KEY_BYTES } from '../../core/encryption/stream-format.js';
import { decryptFile, encryptFile } from './encrypt-file.js';
import { oneTimeKey, unwrapWithOwnKey } from './key-wrap.js';

export const nodeCipher: CipherPort = {
  newDataKey: () => randomBytes(KEY_BYTES),
  encryptFile,
  decryptFile,
  oneTimeKey: () => {
    const own = oneTimeKey();
    return {
      publicKey: own.publicKey,
      open: (wrapped, artifact) => unwrapWithOwnKey(wrapped, own, artifact),
    };
  },
  sha256: (data) => createHash('sha256').update(data).digest('hex'),
  remove: (path) => rm(path, { force: true }),
};
