import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HASH_CHUNK_SIZE } from '../../../src/adapters/fs/hash-file.js';
import { hashFiles, runHashing } from '../../../src/adapters/fs/hash-files.js';
import type { HashProgress } from '../../../src/core/files.js';
import { coreutils, fileSizes, makeFiles, recorder, scratchDir, sha256sums } from './support.js';

const scratch = scratchDir('hash-files');

/** Every file goes through the worker threads: the main thread does not help while they start. */
const poolOnly = { workers: 2, mainThread: false };

describe('hashing through the worker pool agrees with coreutils', () => {
  const C = HASH_CHUNK_SIZE;
  const sizes = [0, 1, C - 1, C, C + 1, 2 * C, 5 * C + 7, 17 * C + 3];

  it('at and around chunk boundaries, with two algorithms', async () => {
    const files = await makeFiles(scratch(), 'boundaries', sizes);
    const subjects = await runHashing(files, { algorithms: ['sha256', 'sha512'] }, poolOnly);
    const paths = files.map((f) => f.path);
    const sha256 = coreutils('sha256sum', paths);
    const sha512 = coreutils('sha512sum', paths);
    expect(subjects.map((s) => s.name)).toEqual(files.map((f) => f.name));
    for (const [i, s] of subjects.entries()) {
      expect(s.size).toBe(sizes[i]);
      expect(s.digest).toEqual({ sha256: sha256.get(files[i]!.path), sha512: sha512.get(files[i]!.path) });
    }
  });

  it('for many files spread over the workers, keeping their order and reporting progress to the totals', async () => {
    const count = 617;
    const files = await makeFiles(
      scratch(),
      'many',
      fileSizes(count, (i) => (i * 7919) % (70 * 1024)),
    );
    const { seen, onProgress } = recorder();
    const subjects = await hashFiles(files, { onProgress, workers: 2 });
    expect(subjects.map((s) => s.name)).toEqual(files.map((f) => f.name));
    expect(subjects.map((s) => s.digest.sha256)).toEqual(sha256sums(files));

    const bytesTotal = files.reduce((sum, f) => sum + f.size!, 0);
    expect(seen.at(-1)).toEqual({ filesDone: count, filesTotal: count, bytesDone: bytesTotal, bytesTotal });
    for (const [k, p] of seen.entries()) {
      expect(p.filesTotal).toBe(count);
      if (k > 0) {
        expect(p.filesDone).toBeGreaterThanOrEqual(seen[k - 1]!.filesDone);
        expect(p.bytesDone).toBeGreaterThanOrEqual(seen[k - 1]!.bytesDone);
      }
    }
  });

  it('for many files on the planned threads, keeping their order and reporting progress to the end', async () => {
    const files = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const p = path.join(scratch(), `many${i}`);
        await writeFile(p, randomBytes(1000 * i));
        return { name: `many${i}`, path: p, pattern: '*', size: 1000 * i };
      }),
    );
    let last: HashProgress = { filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0 };
    const subjects = await hashFiles(files, { onProgress: (p) => (last = { ...p }) });
    expect(subjects.map((s) => s.name)).toEqual(files.map((f) => f.name));
    expect(subjects.map((s) => s.digest.sha256)).toEqual(sha256sums(files));
    expect(last).toEqual({ filesDone: 40, filesTotal: 40, bytesDone: last.bytesTotal, bytesTotal: 780000 });
  });

  it('with large files first and small ones after, whichever thread takes them', async () => {
    const files = await makeFiles(scratch(), 'mixed', [3, 9 * C, 100, 20 * C + 1, 0, 9 * C]);
    const sha256 = sha256sums(files);
    for (const plan of [
      poolOnly,
      { workers: 2, mainThread: true },
      { workers: 1, mainThread: false },
      { workers: 0, mainThread: true },
    ]) {
      const subjects = await runHashing(files, {}, plan);
      expect(subjects.map((s) => [s.name, s.digest.sha256])).toEqual(
        files.map((f, i) => [f.name, sha256[i]]),
      );
    }
  });

  it('reports bytes while a worker is still reading one large file', async () => {
    const files = await makeFiles(scratch(), 'large', [40 * C]);
    const { seen, onProgress } = recorder();
    await runHashing(files, { onProgress }, { workers: 1, mainThread: false });
    expect(seen.some((p) => p.filesDone === 0 && p.bytesDone > 0)).toBe(true);
    expect(seen.at(-1)).toEqual({ filesDone: 1, filesTotal: 1, bytesDone: 40 * C, bytesTotal: 40 * C });
  });

  it('with sizes unknown before hashing (a big walk), on every thread, learning them as it goes', async () => {
    const sizes = [3, 9 * C, 100, 0, C, C + 1, 5 * C + 7, 2];
    const files = (await makeFiles(scratch(), 'unsized', sizes)).map(({ size: _size, ...f }) => f);
    const sha256 = sha256sums(files);
    for (const plan of [poolOnly, { workers: 1, mainThread: true }, { workers: 0, mainThread: true }]) {
      const { seen, onProgress } = recorder();
      const subjects = await runHashing(files, { onProgress }, plan);
      expect(subjects.map((s) => [s.name, s.size, s.digest.sha256])).toEqual(
        files.map((f, i) => [f.name, sizes[i], sha256[i]]),
      );
      const total = sizes.reduce((a, b) => a + b, 0);
      expect(seen.slice(0, -1).every((p) => p.bytesTotal === undefined)).toBe(true);
      expect(seen.at(-1)).toEqual({ filesDone: 8, filesTotal: 8, bytesDone: total, bytesTotal: total });
    }
  });

  it('keeps the main thread responsive on a large file of unknown size, reporting its bytes as they come', async () => {
    const [big] = await makeFiles(scratch(), 'unsized-large', [24 * C + 3]);
    const { size: _size, ...file } = big!;
    const { seen, onProgress } = recorder();
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    try {
      const [subject] = await runHashing([file], { onProgress }, { workers: 0, mainThread: true });
      expect(subject!.digest.sha256).toBe(sha256sums([file])[0]);
    } finally {
      clearInterval(ticker);
    }
    // Asynchronous past the first chunk: progress before the end, and timers ran while it was read.
    expect(seen.some((p) => p.filesDone === 0 && p.bytesDone > 0)).toBe(true);
    expect(turns).toBeGreaterThan(0);
  });

  it('returns nothing for no files, without starting a worker', async () => {
    await expect(runHashing([], {}, poolOnly)).resolves.toEqual([]);
    await expect(hashFiles([])).resolves.toEqual([]);
  });
});

describe('failures in the pool', () => {
  it('names a file that vanished before it was read', async () => {
    const files = await makeFiles(scratch(), 'vanished', fileSizes(50, 10));
    const gone = files[37]!;
    await rm(gone.path);
    await expect(runHashing(files, {}, poolOnly)).rejects.toMatchObject({
      code: 'FILE_UNREADABLE',
      message: expect.stringContaining(gone.path),
    });
  });

  it('names a directory given as a file', async () => {
    const files = await makeFiles(scratch(), 'directory', [5, 6, 7]);
    const bad = { name: 'directory/sub', path: path.join(scratch(), 'directory'), pattern: '*', size: 0 };
    await expect(runHashing([...files, bad], {}, poolOnly)).rejects.toMatchObject({
      code: 'FILE_UNREADABLE',
      message: expect.stringMatching(/directory.*EISDIR/),
    });
  });

  it('ends the job when a progress callback throws', async () => {
    const files = await makeFiles(scratch(), 'callback', [1, 2, 3, 4]);
    const onProgress = () => {
      throw new Error('listener broke');
    };
    await expect(runHashing(files, { onProgress }, poolOnly)).rejects.toThrow('listener broke');
    await expect(runHashing(files, { onProgress }, { workers: 0, mainThread: true })).rejects.toThrow(
      'listener broke',
    );
  });
});
