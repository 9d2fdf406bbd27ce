import { createHash } from 'node:crypto';

/** The SHA-256 of some bytes, hex: what a signature over a file of those bytes signs. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
