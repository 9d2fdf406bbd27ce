import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  HASH_CHUNK_SIZE,
  hashFile,
  hashFileAdaptive,
  STREAM_CHUNK_SIZE,
} from '../../../src/adapters/fs/hash-file.js';
import { hashFiles, type HashProgress } from '../../../src/adapters/fs/hash-files.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'provenant-hash-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

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
    const file = path.join(dir, `f${size}`);
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

  it('hashes many files concurrently, keeping their order and reporting progress to the end', async () => {
    const files = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const p = path.join(dir, `many${i}`);
        await writeFile(p, randomBytes(1000 * i));
        return { name: `many${i}`, path: p, pattern: '*', size: 1000 * i };
      }),
    );
    let last: HashProgress = { filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0 };
    const subjects = await hashFiles(files, { onProgress: (p) => (last = { ...p }) });
    expect(subjects.map((s) => s.name)).toEqual(files.map((f) => f.name));
    for (const [i, s] of subjects.entries())
      expect(s.digest.sha256).toBe(coreutils('sha256sum', files[i]!.path));
    expect(last).toEqual({ filesDone: 40, filesTotal: 40, bytesDone: last.bytesTotal, bytesTotal: 780000 });
  });

  it('names the file it cannot read', async () => {
    const unreadable = { code: 'FILE_UNREADABLE', message: expect.stringContaining('absent') };
    await expect(hashFile(path.join(dir, 'absent'))).rejects.toMatchObject(unreadable);
    expect(() => hashFileAdaptive(path.join(dir, 'absent'))).toThrow(expect.objectContaining(unreadable));
    await expect(hashFile(dir)).rejects.toMatchObject({ code: 'FILE_UNREADABLE', message: /EISDIR/ });
    expect(() => hashFileAdaptive(dir)).toThrow(/EISDIR/);
  });

  it('reuses its buffers safely when a progress callback throws mid-file', async () => {
    const file = path.join(dir, 'callback');
    await writeFile(file, randomBytes(3 * STREAM_CHUNK_SIZE));
    await expect(
      hashFile(file, ['sha256'], () => {
        throw new Error('listener broke');
      }),
    ).rejects.toThrow('listener broke');
    const others = await Promise.all(
      [1, 2, 3].map(async (k) => {
        const p = path.join(dir, `after${k}`);
        await writeFile(p, randomBytes(k * STREAM_CHUNK_SIZE + k));
        return [(await hashFile(p)).digest.sha256, coreutils('sha256sum', p)];
      }),
    );
    for (const [ours, theirs] of others) expect(ours).toBe(theirs);
  });
});
