/**
 * Files through the stream cipher: the plaintext and the ciphertext are both hashed on the way (one pass, bounded
 * memory), and the output appears under its final name only once everything it holds is authentic. A decryption that
 * fails anywhere, or whose plaintext the caller's check refuses, leaves nothing behind.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ProvenantError, quote } from '../../core/errors.js';
import { trackTemporaryFile } from '../fs/temp-files.js';
import { decryptStream, encryptStream } from './stream-cipher.js';

function tap(hash: Hash): PassThrough {
  return new PassThrough({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
}

export interface Transformed {
  /** sha256 hex of what was read, and of what was written. */
  inputSha256: string;
  outputSha256: string;
  outputBytes: number;
}

function unreadable(file: string, e: unknown): ProvenantError {
  const code = (e as NodeJS.ErrnoException).code;
  return new ProvenantError(
    code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE',
    `${quote(file)}: expected a readable file, got ${code ?? (e as Error).message}.`,
    { cause: e },
  );
}

/**
 * Streams `input` through `transform` into a temporary file beside `output`, then lets `accept` look at the digests
 * before the file takes its name. Any failure (the transform's, the check's, the disk's) removes the temporary file.
 */
async function transformFile(
  input: string,
  output: string,
  transform: Transform,
  accept: (t: Transformed) => void | Promise<void> = () => {},
): Promise<Transformed> {
  const target = path.resolve(output);
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.${Date.now()}.partial`;
  const done = trackTemporaryFile(tmp);
  const inHash = createHash('sha256');
  const outHash = createHash('sha256');
  let outputBytes = 0;
  const count = new PassThrough({
    transform(chunk: Buffer, _e, cb) {
      outputBytes += chunk.length;
      cb(null, chunk);
    },
  });
  try {
    const source = createReadStream(input);
    await new Promise<void>((resolve, reject) => {
      source.once('open', () => resolve());
      source.once('error', (e) => reject(unreadable(input, e)));
    });
    await pipeline(
      source,
      tap(inHash),
      transform,
      tap(outHash),
      count,
      createWriteStream(tmp, { mode: 0o600 }),
    );
    const result = { inputSha256: inHash.digest('hex'), outputSha256: outHash.digest('hex'), outputBytes };
    await accept(result);
    await rename(tmp, target);
    return result;
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  } finally {
    done();
  }
}

/** Encrypts `input` to `output` with `key`; the digests are the plaintext's and the ciphertext's. */
export async function encryptFile(input: string, output: string, key: Buffer): Promise<Transformed> {
  return transformFile(input, output, encryptStream(key));
}

/** Decrypts `input` to `output`; `accept` sees the ciphertext's and the plaintext's digests before `output` exists. */
export async function decryptFile(
  input: string,
  output: string,
  key: Buffer,
  accept: (t: Transformed) => void | Promise<void>,
): Promise<Transformed> {
  return transformFile(input, output, decryptStream(key), accept);
}

/** sha256 hex of a file, streamed. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  const source = createReadStream(file);
  try {
    await pipeline(source, tap(hash), new PassThrough().resume());
  } catch (e) {
    throw unreadable(file, e);
  }
  return hash.digest('hex');
}
