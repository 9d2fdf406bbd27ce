import { describe, expect, it } from '@jest/globals';
import { HASH_CHUNK_SIZE } from '../../../src/adapters/fs/hash-file.js';
import { hashFiles, runHashing } from '../../../src/adapters/fs/hash-files.js';
import { startHashWorkers, WarmWorkers } from '../../../src/adapters/fs/hash-pool.js';
import { fileSizes, makeFiles, scratchDir, sha256sums, watchedWarmWorkers } from './support.js';

const scratch = scratchDir('hash-pool');

describe('workers started before the files are known', () => {
  it('take the job, and give the same digests as coreutils', async () => {
    const { warm, threads } = watchedWarmWorkers(2);
    const files = await makeFiles(
      scratch(),
      'warm',
      fileSizes(300, (i) => (i * 4099) % (3 * HASH_CHUNK_SIZE)),
    );
    const subjects = await runHashing(files, { warm }, { workers: 2, mainThread: false });
    expect(subjects.map((s) => s.digest.sha256)).toEqual(sha256sums(files));
    // Both were handed over, each with the job (none left to stop).
    expect(threads.map((t) => t.jobs())).toEqual([1, 1]);
    expect(warm.take()).toBeUndefined();
  });

  it('that the plan does not need are stopped', async () => {
    const { warm, threads } = watchedWarmWorkers(2);
    const [file] = await makeFiles(scratch(), 'warm-unused', [10]);
    await hashFiles([file!], { warm });
    // An idle worker waits for a job forever: these end only because they were stopped.
    await Promise.all(threads.map((t) => t.exited));
    expect(threads.map((t) => t.jobs())).toEqual([0, 0]);
    expect(warm.take()).toBeUndefined();
  });

  it('that ended before their job are not handed over; the job starts its own', async () => {
    const { warm, threads } = watchedWarmWorkers(1);
    await threads[0]!.worker.terminate();
    await threads[0]!.exited;
    expect(warm.take()).toBeUndefined();
    const files = await makeFiles(scratch(), 'warm-dead', [1, 2, 3]);
    const subjects = await runHashing(files, { warm }, { workers: 1, mainThread: false });
    expect(subjects.map((s) => s.size)).toEqual([1, 2, 3]);
  });

  it('number one per extra core, none on a single core', () => {
    const one = startHashWorkers(1);
    expect(one.take()).toBeUndefined();
    const two = startHashWorkers(2);
    const taken = two.take();
    expect(taken).toBeDefined();
    expect(two.take()).toBeUndefined();
    void taken?.terminate();
  });

  it('are not started when starting a thread fails; a job then starts its own', async () => {
    const warm = new WarmWorkers(2, () => {
      throw new Error('no threads here');
    });
    expect(warm.take()).toBeUndefined();
    const files = await makeFiles(scratch(), 'warm-none', [4, 5]);
    const subjects = await runHashing(files, { warm }, { workers: 1, mainThread: false });
    expect(subjects.map((s) => s.size)).toEqual([4, 5]);
  });
});
