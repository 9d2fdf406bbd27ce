import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { hashFirstChunk } from '../../../src/adapters/fs/hash-worker.js';
import { scratchDir } from './support.js';

const scratch = scratchDir('hash-worker');

const sha = (algorithm: string, data: Buffer) => createHash(algorithm).update(data).digest('hex');

async function withFile<T>(name: string, data: Buffer, use: (fd: number) => T): Promise<T> {
  const file = path.join(scratch(), name);
  await writeFile(file, data);
  const fd = openSync(file, 'r');
  try {
    return use(fd);
  } finally {
    closeSync(fd);
  }
}

describe('the first chunk of a file', () => {
  const data = Buffer.from('0123456789abcdef');

  it('is the whole file when the file ends before the buffer is full, hashed for every algorithm', async () => {
    const first = await withFile('short', data, (fd) =>
      hashFirstChunk(fd, Buffer.alloc(data.length + 1), ['sha256', 'sha512']),
    );
    expect(first).toEqual({ size: data.length, digests: [sha('sha256', data), sha('sha512', data)] });
  });

  it('starts hashes to go on with when the file fills the buffer', async () => {
    const first = await withFile('long', data, (fd) => hashFirstChunk(fd, Buffer.alloc(10), ['sha256']));
    expect(first.size).toBe(10);
    expect(first.hashes?.map((h) => h.digest('hex'))).toEqual([sha('sha256', data.subarray(0, 10))]);
  });

  it('of an empty file is its digest', async () => {
    const first = await withFile('empty', Buffer.alloc(0), (fd) =>
      hashFirstChunk(fd, Buffer.alloc(4), ['sha256']),
    );
    expect(first).toEqual({ size: 0, digests: [sha('sha256', Buffer.alloc(0))] });
  });

  it('passes on the error of a read that fails, as Node gives it', () => {
    const fd = openSync(scratch(), 'r');
    try {
      expect(() => hashFirstChunk(fd, Buffer.alloc(4), ['sha256'])).toThrow(
        expect.objectContaining({ code: 'EISDIR' }),
      );
    } finally {
      closeSync(fd);
    }
  });
});
