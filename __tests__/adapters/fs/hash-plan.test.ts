import { describe, expect, it } from '@jest/globals';
import {
  hashingOrder,
  knownBytes,
  MAX_WORKERS,
  planHashing,
  POOL_MIN_BYTES,
  POOL_MIN_FILES,
  workersFor,
} from '../../../src/adapters/fs/hash-plan.js';

const sized = (n: number, size: number) => Array.from({ length: n }, () => ({ size }));

describe('planning', () => {
  it('keeps one file, and small jobs, on the main thread', () => {
    expect(planHashing(sized(1, 4 * 2 ** 30), undefined, 2).workers).toBe(0);
    expect(planHashing(sized(POOL_MIN_FILES / 2, 1024), undefined, 2).workers).toBe(0);
    expect(planHashing(sized(10_000, 1024), undefined, 1).workers).toBe(0);
  });

  it('adds a worker per extra core for many files, many bytes or enough of both', () => {
    expect(planHashing(sized(POOL_MIN_FILES, 1), undefined, 2)).toEqual({ workers: 1, mainThread: true });
    expect(planHashing(sized(2, POOL_MIN_BYTES / 2), undefined, 16).workers).toBe(1);
    expect(
      planHashing(sized(POOL_MIN_FILES / 2, Math.ceil(POOL_MIN_BYTES / POOL_MIN_FILES)), undefined, 4)
        .workers,
    ).toBe(3);
    expect(planHashing(sized(10_000, 1024), undefined, 64).workers).toBe(MAX_WORKERS);
  });

  it('plans workers for files of unknown size, which only a big walk gives', () => {
    expect(planHashing([{}, {}], undefined, 2).workers).toBe(1);
    expect(planHashing([{}], undefined, 2).workers).toBe(0);
  });

  it('honours an explicit worker count, 0 meaning the main thread only', () => {
    expect(planHashing(sized(10_000, 1024), 0, 2).workers).toBe(0);
    expect(planHashing(sized(3, 1), 5, 2)).toEqual({ workers: 3, mainThread: true });
  });

  it('starts nothing for no files', () => {
    expect(planHashing([])).toEqual({ workers: 0, mainThread: true });
  });

  it('counts one worker per extra core, none on a single core, and no more than wanted', () => {
    expect(workersFor(1)).toBe(0);
    expect(workersFor(2)).toBe(1);
    expect(workersFor(64)).toBe(MAX_WORKERS);
    expect(workersFor(64, 2)).toBe(2);
  });
});

describe('the order files are claimed in', () => {
  const MiB = 1024 * 1024;

  it('puts the largest files first, then the rest as given, sizes unknown among the rest', () => {
    const files = [
      { size: 3 },
      { size: 64 * MiB },
      {},
      { size: 512 * MiB },
      { size: 10 },
      { size: 64 * MiB },
    ];
    expect([...hashingOrder(files)]).toEqual([3, 1, 5, 0, 2, 4]);
  });

  it('keeps small files in the order given', () => {
    expect([...hashingOrder(sized(5, 1))]).toEqual([0, 1, 2, 3, 4]);
  });

  it('adds up the sizes it knows', () => {
    expect(knownBytes([{ size: 3 }, {}, { size: 4 }])).toBe(7);
  });
});
