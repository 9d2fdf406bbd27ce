import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { decryptFile, encryptFile } from '../../../src/adapters/encryption/encrypt-file.js';
import { decryptStream, encryptStream } from '../../../src/adapters/encryption/stream-cipher.js';
import { encryptedSize, HEADER_BYTES, TAG_BYTES } from '../../../src/core/encryption/stream-format.js';

const CHUNK = 16;

async function through(stream: NodeJS.ReadWriteStream, input: Buffer, pieces = 7): Promise<Buffer> {
  const parts: Buffer[] = [];
  // Odd-sized writes: chunk boundaries must not depend on how the bytes arrive.
  const source = Readable.from(
    Array.from({ length: Math.ceil(input.length / pieces) }, (_, i) =>
      input.subarray(i * pieces, (i + 1) * pieces),
    ),
  );
  for await (const chunk of source.pipe(stream) as AsyncIterable<Buffer>) parts.push(chunk);
  return Buffer.concat(parts);
}

const key = randomBytes(32);
const seal = (plain: Buffer) => through(encryptStream(key, CHUNK), plain);
const open = (sealed: Buffer, k = key) => through(decryptStream(k), sealed, 5);

describe('the chunked AES-256-GCM stream', () => {
  it.each([0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 5])(
    'round-trips %i bytes',
    async (size) => {
      const plain = randomBytes(size);
      const sealed = await seal(plain);
      expect(sealed.length).toBe(encryptedSize(size, CHUNK));
      expect(await open(sealed)).toEqual(plain);
    },
  );

  const plain = randomBytes(4 * CHUNK + 3);
  const sealedChunk = CHUNK + TAG_BYTES;
  const tampered: [string, (s: Buffer) => Buffer][] = [
    [
      'a flipped byte in the second chunk',
      (s) => {
        const c = Buffer.from(s);
        c[HEADER_BYTES + sealedChunk + 2]! ^= 1;
        return c;
      },
    ],
    [
      'a flipped tag byte of the last chunk',
      (s) => {
        const c = Buffer.from(s);
        c[c.length - 1]! ^= 0x80;
        return c;
      },
    ],
    [
      "the header's nonce prefix changed",
      (s) => {
        const c = Buffer.from(s);
        c[HEADER_BYTES - 1]! ^= 1;
        return c;
      },
    ],
    [
      'two chunks swapped',
      (s) => {
        const h = s.subarray(0, HEADER_BYTES);
        const a = s.subarray(HEADER_BYTES, HEADER_BYTES + sealedChunk);
        const b = s.subarray(HEADER_BYTES + sealedChunk, HEADER_BYTES + 2 * sealedChunk);
        return Buffer.concat([h, b, a, s.subarray(HEADER_BYTES + 2 * sealedChunk)]);
      },
    ],
    ['cut at a chunk boundary', (s) => s.subarray(0, HEADER_BYTES + 2 * sealedChunk)],
    ['cut inside a chunk', (s) => s.subarray(0, s.length - 4)],
    ['bytes appended after the last chunk', (s) => Buffer.concat([s, Buffer.from('x')])],
    [
      'a chunk duplicated',
      (s) => Buffer.concat([s.subarray(0, HEADER_BYTES + sealedChunk), s.subarray(HEADER_BYTES)]),
    ],
    ['only the header', (s) => s.subarray(0, HEADER_BYTES)],
  ];
  it.each(tampered)('refuses %s', async (_label, change) => {
    const sealed = await seal(plain);
    await expect(open(change(sealed))).rejects.toMatchObject({ code: 'CIPHERTEXT_INVALID' });
  });

  it('refuses another key', async () => {
    await expect(open(await seal(plain), randomBytes(32))).rejects.toMatchObject({
      code: 'CIPHERTEXT_INVALID',
    });
  });

  it('refuses a file of another kind before reading on', async () => {
    await expect(open(Buffer.from('not an encrypted file at all, but long enough'))).rejects.toThrow(
      /expected a Provenant encrypted file/,
    );
  });
});

describe('encrypting and decrypting files', () => {
  it('hashes both sides and writes nothing when a chunk fails, or when the check refuses', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'provenant-cipher-'));
    try {
      const plain = randomBytes(200_000);
      await writeFile(path.join(dir, 'a.bin'), plain);
      const enc = await encryptFile(path.join(dir, 'a.bin'), path.join(dir, 'a.bin.enc'), key);
      const sealed = await readFile(path.join(dir, 'a.bin.enc'));
      expect(enc.outputBytes).toBe(sealed.length);
      const seen: string[] = [];
      const dec = await decryptFile(
        path.join(dir, 'a.bin.enc'),
        path.join(dir, 'out.bin'),
        key,
        (p) => void seen.push(p.inputSha256, p.outputSha256),
      );
      expect(seen).toEqual([enc.outputSha256, enc.inputSha256]);
      expect(dec.outputSha256).toBe(enc.inputSha256);
      expect(await readFile(path.join(dir, 'out.bin'))).toEqual(plain);

      sealed[sealed.length - 100]! ^= 1;
      await writeFile(path.join(dir, 'bad.enc'), sealed);
      await expect(
        decryptFile(path.join(dir, 'bad.enc'), path.join(dir, 'bad.out'), key, () => {}),
      ).rejects.toMatchObject({ code: 'CIPHERTEXT_INVALID' });
      await expect(
        decryptFile(path.join(dir, 'a.bin.enc'), path.join(dir, 'refused.out'), key, () => {
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect((await readdir(dir)).sort()).toEqual(['a.bin', 'a.bin.enc', 'bad.enc', 'out.bin']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
