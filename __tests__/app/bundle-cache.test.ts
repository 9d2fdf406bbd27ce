import { describe, expect, it } from '@jest/globals';
import { BundleCache, ByteGate } from '../../src/app/bundle-cache.js';
import type { LoadedBundle } from '../../src/app/ports.js';

const file = (bytes: number): LoadedBundle[] => [
  { source: 'b', bundle: {} as LoadedBundle['bundle'], bytes },
];
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('bundles held within a byte budget', () => {
  it('loads one file at a time, and none while held bytes are at the budget, until released', async () => {
    const gate = new ByteGate(10);
    const started: number[] = [];
    const load = (i: number, bytes: number) =>
      gate.admit(
        async () => {
          started.push(i);
          await tick();
          return bytes;
        },
        (b) => b,
      );
    const first = load(1, 12); // bigger than the budget: let through alone
    const second = load(2, 3);
    await first;
    await tick();
    expect(started).toEqual([1]);
    gate.release(12);
    expect(await second).toBe(3);
    expect(started).toEqual([1, 2]);
  });

  it('keeps recently used files within its budget, and never one too big to share it', async () => {
    const cache = new BundleCache(100);
    for (const [path, bytes] of [
      ['a', 20],
      ['b', 20],
      ['big', 30],
    ] as const) {
      cache.set(path, Promise.resolve(file(bytes)));
      await tick();
    }
    expect(cache.get('big')).toBeUndefined(); // over a quarter of the budget
    expect(cache.get('a')).toBeDefined();
    for (const path of ['c', 'd', 'e', 'f']) cache.set(path, Promise.resolve(file(20)));
    await tick();
    // 6 × 20 > 100: the least recently used (b, since a was read) goes.
    expect(cache.get('b')).toBeUndefined();
    expect(['a', 'c', 'd', 'e', 'f'].every((p) => cache.get(p) !== undefined)).toBe(true);
  });
});
