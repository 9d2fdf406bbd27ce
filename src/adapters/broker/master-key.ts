/**
 * The operator's master key as the broker's key-encryption key: data keys are sealed with AES-256-GCM under it, bound
 * to their artifact, before they touch the database. The key comes from PROVENANT_BROKER_MASTER_KEY or a file
 * (`--master-key-file`), as 64 hexadecimal characters or 32 bytes in base64; it is never written anywhere.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { KeyEncryptionKey } from '../../app/broker/ports.js';
import { ProvenantError } from '../../core/errors.js';

function configError(message: string, cause?: unknown): ProvenantError {
  return new ProvenantError('BROKER_CONFIG_INVALID', message, { cause });
}

export function parseMasterKey(text: string, source: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t)
    ? Buffer.from(t, 'hex')
    : /^[A-Za-z0-9+/_-]{43}=?$/.test(t)
      ? Buffer.from(t, 'base64')
      : undefined;
  if (!key || key.length !== 32)
    throw configError(
      `${source}: expected a 256-bit master key (64 hexadecimal characters, or 32 bytes in base64), got ${t.length} characters that are neither. Make one with \`openssl rand -hex 32\`.`,
    );
  return key;
}

/** --master-key-file wins over PROVENANT_BROKER_MASTER_KEY; one of them is required. */
export async function loadMasterKey(file: string | undefined, env: NodeJS.ProcessEnv): Promise<Buffer> {
  if (file) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      throw configError(
        `--master-key-file ${file}: expected a readable file, got ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`,
        e,
      );
    }
    return parseMasterKey(text, `--master-key-file ${file}`);
  }
  const value = env.PROVENANT_BROKER_MASTER_KEY;
  if (!value)
    throw configError(
      'expected a master key in PROVENANT_BROKER_MASTER_KEY or --master-key-file FILE, got neither. Data keys are sealed under it at rest.',
    );
  return parseMasterKey(value, 'PROVENANT_BROKER_MASTER_KEY');
}

const VERSION = 'v1';

export function localKeyEncryptionKey(masterKey: Buffer): KeyEncryptionKey {
  const key = Buffer.from(masterKey);
  // The id tells which master key sealed a row without revealing anything about the key.
  const id = `local:${createHash('sha256').update('provenant master key id\n').update(key).digest('hex').slice(0, 16)}`;
  return {
    id,
    seal: (dataKey, artifact) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(artifact, 'utf8'));
      const sealed = Buffer.concat([cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
      return Promise.resolve(`${VERSION}.${iv.toString('base64')}.${sealed.toString('base64')}`);
    },
    open: (sealed, artifact) => {
      const [version, iv, body] = sealed.split('.');
      if (version !== VERSION || !iv || !body)
        return Promise.reject(
          configError(`${artifact}: the stored key is in an unknown format (${version ?? 'none'}).`),
        );
      const bytes = Buffer.from(body, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAAD(Buffer.from(artifact, 'utf8'));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      try {
        return Promise.resolve(
          Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]),
        );
      } catch (e) {
        return Promise.reject(
          configError(
            `${artifact}: the stored key does not open under this master key (${id}): the broker was started with another master key, or the row was altered.`,
            e,
          ),
        );
      }
    },
  };
}
