import { describe, expect, it } from '@jest/globals';
import { WarmWorkers } from '../../../src/adapters/fs/hash-pool.js';
import { createNodeFileSystem } from '../../../src/adapters/fs/index.js';
import { fileSizes, makeFiles, scratchDir, sha256sums, watchedWarmWorkers } from './support.js';

const scratch = scratchDir('fs-adapter');

describe('the filesystem adapter starts hashing workers', () => {
  it('once collecting passes its threshold, and hashes what it finds with them', async () => {
    await makeFiles(
      scratch(),
      'adapter',
      fileSizes(50, (i) => i * 100),
    );
    const started: ReturnType<typeof watchedWarmWorkers>[] = [];
    const fs = createNodeFileSystem({
      warmAfterFiles: 20,
      workers: 1,
      startWorkers: () => {
        started.push(watchedWarmWorkers(1));
        return started.at(-1)!.warm;
      },
    });
    const counts: number[] = [];
    const found = await fs.collectFiles(['adapter'], {
      cwd: scratch(),
      baseDir: scratch(),
      onFound: (n) => counts.push(n),
    });
    expect(found).toHaveLength(50);
    // Started once, while collecting, and the caller's own count still arrives.
    expect(started).toHaveLength(1);
    expect(counts.at(-1)).toBe(50);
    const subjects = await fs.hashFiles(found, {});
    // The job took the started worker.
    expect(started[0]!.threads.map((t) => t.jobs())).toEqual([1]);
    expect(started[0]!.warm.take()).toBeUndefined();
    expect(subjects.map((s) => s.digest.sha256)).toEqual(sha256sums(found));
  });

  it('not for a directory or glob of few files, which the main thread hashes alone', async () => {
    await makeFiles(scratch(), 'adapter-few', [1, 2, 3]);
    let starts = 0;
    const fs = createNodeFileSystem({
      startWorkers: () => {
        starts++;
        return new WarmWorkers(0);
      },
    });
    for (const pattern of ['adapter-few', 'adapter-few/*.bin']) {
      const found = await fs.collectFiles([pattern], { cwd: scratch(), baseDir: scratch() });
      expect((await fs.hashFiles(found, {})).map((s) => s.size)).toEqual([1, 2, 3]);
    }
    expect(starts).toBe(0);
  });

  it('and stops them when collecting fails after they started', async () => {
    await makeFiles(scratch(), 'adapter-then-fail', [1, 2, 3]);
    let watched: ReturnType<typeof watchedWarmWorkers> | undefined;
    const fs = createNodeFileSystem({
      warmAfterFiles: 0,
      startWorkers: () => (watched = watchedWarmWorkers(1)).warm,
    });
    await expect(
      fs.collectFiles(['adapter-then-fail', 'nothing-here/*'], { cwd: scratch(), baseDir: scratch() }),
    ).rejects.toMatchObject({ code: 'NO_FILES_FOUND' });
    // Started by the first pattern, and stopped: nothing is left to hand over.
    expect(watched).toBeDefined();
    expect(watched!.warm.take()).toBeUndefined();
    await watched!.threads[0]!.exited;
    expect(watched!.threads[0]!.jobs()).toBe(0);
  });
});
