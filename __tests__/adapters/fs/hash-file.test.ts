import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  HASH_CHUNK_SIZE,
  hashFile,
  hashFileAdaptive,
  STREAM_CHUNK_SIZE,
} from '../../../src/adapters/fs/hash-file.js';
import { scratchDir } from './support.js';

const scratch = scratchDir('hash');

const coreutils = (tool: string, file: string) => execFileSync(tool, [file]).toString().split(' ')[0];

describe('streaming hashes agree with coreutils at every chunk boundary', () => {
  const sizes = [
    0,
    1,
    HASH_CHUNK_SIZE - 1,
    HASH_CHUNK_SIZE,
    HASH_CHUNK_SIZE + 1,
    2 * HASH_CHUNK_SIZE,
    5 * HASH_CHUNK_SIZE + 7,
    // Past the first chunk, files are streamed in larger chunks: their boundaries too.
    STREAM_CHUNK_SIZE - 1,
    STREAM_CHUNK_SIZE + 1,
    3 * STREAM_CHUNK_SIZE,
    3 * STREAM_CHUNK_SIZE + 5,
  ];
  it.each(sizes)('%d bytes', async (size) => {
    const file = path.join(scratch(), `f${size}`);
    await writeFile(file, randomBytes(size));
    const expected = {
      size,
      digest: { sha256: coreutils('sha256sum', file), sha512: coreutils('sha512sum', file) },
    };
    expect(await hashFile(file, ['sha256', 'sha512'])).toEqual(expected);
    // Synchronous exactly for the files that end within the first chunk.
    const adaptive = hashFileAdaptive(file, ['sha256', 'sha512']);
    expect(adaptive instanceof Promise).toBe(size >= HASH_CHUNK_SIZE);
    expect(await adaptive).toEqual(expected);
  });

  it('names the file it cannot read', async () => {
    const unreadable = { code: 'FILE_UNREADABLE', message: expect.stringContaining('absent') };
    await expect(hashFile(path.join(scratch(), 'absent'))).rejects.toMatchObject(unreadable);
    expect(() => hashFileAdaptive(path.join(scratch(), 'absent'))).toThrow(
      expect.objectContaining(unreadable),
    );
    await expect(hashFile(scratch())).rejects.toMatchObject({ code: 'FILE_UNREADABLE', message: /EISDIR/ });
    expect(() => hashFileAdaptive(scratch())).toThrow(/EISDIR/);
  });

  it('reuses its buffers safely when a progress callback throws mid-file', async () => {
    const file = path.join(scratch(), 'callback');
    await writeFile(file, randomBytes(3 * STREAM_CHUNK_SIZE));
    await expect(
      hashFile(file, ['sha256'], () => {
        throw new Error('listener broke');
      }),
    ).rejects.toThrow('listener broke');
    const others = await Promise.all(
      [1, 2, 3].map(async (k) => {
        const p = path.join(scratch(), `after${k}`);
        await writeFile(p, randomBytes(k * STREAM_CHUNK_SIZE + k));
        return [(await hashFile(p)).digest.sha256, coreutils('sha256sum', p)];
      }),
    );
    for (const [ours, theirs] of others) expect(ours).toBe(theirs);
  });
});
