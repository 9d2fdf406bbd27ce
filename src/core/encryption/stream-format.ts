/**
 * The layout of an encrypted artifact (`<file>.enc`): a header, then the plaintext in chunks, each sealed with
 * AES-256-GCM under the artifact's data key. The construction is the STREAM scheme of Hoang, Reyhanitabar, Rogaway
 * and Vizár (what age and Tink use): every chunk's nonce is the file's random prefix, the chunk's index and a flag
 * that is set on the last chunk only, and every chunk authenticates the header. So a changed byte anywhere, chunks
 * swapped, dropped or duplicated, a file cut at a chunk boundary, or bytes after the last chunk all fail
 * authentication. Pure: the cipher itself is the adapter's.
 */
import { ProvenantError } from '../errors.js';

export const MAGIC = Buffer.from('PROVENC1', 'ascii');
export const FORMAT_VERSION = 1;
/** Plaintext bytes per chunk: memory stays bounded by a few chunks whatever the artifact's size. */
export const DEFAULT_CHUNK_SIZE = 64 * 1024;
export const MAX_CHUNK_SIZE = 16 * 1024 * 1024;
export const TAG_BYTES = 16;
export const NONCE_PREFIX_BYTES = 7;
export const KEY_BYTES = 32;
/** magic (8) · version (1) · chunk size (4, big-endian) · nonce prefix (7). */
export const HEADER_BYTES = MAGIC.length + 1 + 4 + NONCE_PREFIX_BYTES;
/** Chunk indexes are 32-bit: 2^32 chunks of 64 KiB is 256 TiB. */
const MAX_CHUNKS = 2 ** 32;

export interface StreamHeader {
  chunkSize: number;
  noncePrefix: Buffer;
  /** The header's bytes, authenticated by every chunk. */
  bytes: Buffer;
}

function invalid(detail: string): ProvenantError {
  return new ProvenantError(
    'CIPHERTEXT_INVALID',
    `expected a Provenant encrypted file (${MAGIC.toString('ascii')} version ${FORMAT_VERSION}), got ${detail}. ` +
      'Pass the .enc file that provenant encrypt wrote, unaltered.',
  );
}

export function encodeHeader(chunkSize: number, noncePrefix: Buffer): StreamHeader {
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE)
    throw new ProvenantError(
      'INPUT_INVALID',
      `chunk size: expected 1 to ${MAX_CHUNK_SIZE}, got ${chunkSize}.`,
    );
  if (noncePrefix.length !== NONCE_PREFIX_BYTES)
    throw new ProvenantError(
      'INTERNAL',
      `nonce prefix: expected ${NONCE_PREFIX_BYTES} bytes, got ${noncePrefix.length}.`,
    );
  const bytes = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(bytes, 0);
  bytes.writeUInt8(FORMAT_VERSION, MAGIC.length);
  bytes.writeUInt32BE(chunkSize, MAGIC.length + 1);
  noncePrefix.copy(bytes, MAGIC.length + 5);
  return { chunkSize, noncePrefix: Buffer.from(noncePrefix), bytes };
}

export function parseHeader(bytes: Buffer): StreamHeader {
  if (bytes.length < HEADER_BYTES) throw invalid(`${bytes.length} bytes, too short for its header`);
  if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) throw invalid('another kind of file');
  const version = bytes.readUInt8(MAGIC.length);
  if (version !== FORMAT_VERSION) throw invalid(`format version ${version}`);
  const chunkSize = bytes.readUInt32BE(MAGIC.length + 1);
  if (chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) throw invalid(`a chunk size of ${chunkSize}`);
  const noncePrefix = Buffer.from(bytes.subarray(MAGIC.length + 5, HEADER_BYTES));
  return { chunkSize, noncePrefix, bytes: Buffer.from(bytes.subarray(0, HEADER_BYTES)) };
}

/** The 12-byte GCM nonce of chunk `index`: prefix · index (big-endian) · 1 on the last chunk, else 0. */
export function chunkNonce(header: StreamHeader, index: number, last: boolean): Buffer {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_CHUNKS)
    throw new ProvenantError(
      'INPUT_INVALID',
      `expected at most ${MAX_CHUNKS} chunks, got more: the file is too large.`,
    );
  const nonce = Buffer.alloc(12);
  header.noncePrefix.copy(nonce, 0);
  nonce.writeUInt32BE(index, NONCE_PREFIX_BYTES);
  nonce.writeUInt8(last ? 1 : 0, 11);
  return nonce;
}

/** The size of the encrypted file for a plaintext of `size` bytes (one tag per chunk, and always a last chunk). */
export function encryptedSize(size: number, chunkSize = DEFAULT_CHUNK_SIZE): number {
  const chunks = Math.max(1, Math.ceil(size / chunkSize));
  return HEADER_BYTES + size + chunks * TAG_BYTES;
}

export function authenticationFailed(index: number, last: boolean): ProvenantError {
  return new ProvenantError(
    'CIPHERTEXT_INVALID',
    `chunk ${index}${last ? ' (the last)' : ''}: expected it to authenticate under the released key, got a failure. ` +
      'The file was altered, truncated or reordered, or it is not the artifact the key was registered for; nothing was written.',
  );
}

export function truncated(size: number): ProvenantError {
  return invalid(`a body of ${size} bytes, shorter than one authentication tag (the file is truncated)`);
}
