/**
 * AES-256-GCM over the chunked layout of src/core/encryption/stream-format.ts, as Node transform streams. Each keeps
 * at most one chunk and a partial one in memory, so files of any size go through in bounded memory. The decrypting
 * side holds a chunk back until it knows whether more follow (only then is its last-chunk flag known), and releases
 * a chunk's plaintext only after the chunk authenticated.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import {
  authenticationFailed,
  chunkNonce,
  DEFAULT_CHUNK_SIZE,
  encodeHeader,
  HEADER_BYTES,
  KEY_BYTES,
  NONCE_PREFIX_BYTES,
  parseHeader,
  TAG_BYTES,
  truncated,
  type StreamHeader,
} from '../../core/encryption/stream-format.js';
import { ProvenantError } from '../../core/errors.js';

function checkKey(key: Buffer): void {
  if (key.length !== KEY_BYTES)
    throw new ProvenantError('INTERNAL', `data key: expected ${KEY_BYTES} bytes, got ${key.length}.`);
}

export function sealChunk(
  key: Buffer,
  header: StreamHeader,
  index: number,
  last: boolean,
  plain: Buffer,
): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, chunkNonce(header, index, last), {
    authTagLength: TAG_BYTES,
  });
  cipher.setAAD(header.bytes);
  return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

export function openChunk(
  key: Buffer,
  header: StreamHeader,
  index: number,
  last: boolean,
  sealed: Buffer,
): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, chunkNonce(header, index, last), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(header.bytes);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw authenticationFailed(index, last);
  }
}

/**
 * Collects incoming buffers and hands out exact-size pieces, copying only when a piece spans two of them (the
 * buffers a stream delivers are never written to again, so views of them are safe to hand on).
 */
class Pending {
  private parts: Buffer[] = [];
  length = 0;
  push(b: Buffer): void {
    this.parts.push(b);
    this.length += b.length;
  }
  take(n: number): Buffer {
    const first = this.parts[0];
    let out: Buffer;
    if (first && first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.parts.shift();
      else this.parts[0] = first.subarray(n);
    } else {
      const all = Buffer.concat(this.parts, this.length);
      out = all.subarray(0, n);
      this.parts = all.length > n ? [all.subarray(n)] : [];
    }
    this.length -= n;
    return out;
  }
}

/** Encrypts a plaintext stream into the chunked format with `key` (fresh per artifact). */
export function encryptStream(key: Buffer, chunkSize = DEFAULT_CHUNK_SIZE): Transform {
  checkKey(key);
  const header = encodeHeader(chunkSize, randomBytes(NONCE_PREFIX_BYTES));
  const pending = new Pending();
  let index = 0;
  let started = false;
  const start = (t: Transform) => {
    if (!started) t.push(header.bytes);
    started = true;
  };
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      start(this);
      pending.push(chunk);
      // Strictly more than a chunk: only then is it certain this chunk is not the last.
      while (pending.length > chunkSize)
        this.push(sealChunk(key, header, index++, false, pending.take(chunkSize)));
      done();
    },
    flush(done: TransformCallback) {
      start(this);
      this.push(sealChunk(key, header, index, true, pending.take(pending.length)));
      done();
    },
  });
}

/** Decrypts the chunked format; fails (and emits nothing more) at the first chunk that does not authenticate. */
export function decryptStream(key: Buffer): Transform {
  checkKey(key);
  const pending = new Pending();
  let header: StreamHeader | undefined;
  let index = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      try {
        pending.push(chunk);
        if (!header) {
          if (pending.length < HEADER_BYTES) return done();
          header = parseHeader(pending.take(HEADER_BYTES));
        }
        const sealed = header.chunkSize + TAG_BYTES;
        while (pending.length > sealed)
          this.push(openChunk(key, header, index++, false, pending.take(sealed)));
        done();
      } catch (e) {
        done(e as Error);
      }
    },
    flush(done: TransformCallback) {
      try {
        if (!header) header = parseHeader(pending.take(pending.length));
        if (pending.length < TAG_BYTES) throw truncated(pending.length);
        this.push(openChunk(key, header, index, true, pending.take(pending.length)));
        done();
      } catch (e) {
        done(e as Error);
      }
    },
  });
}
