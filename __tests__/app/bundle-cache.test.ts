import { describe, expect, it } from '@jest/globals';
import { BundleCache, ByteGate } from '../../src/app/bundle-cache.js';
import type { LoadedBundle } from '../../src/app/ports.js';

const file = (bytes: number): LoadedBundle[] => [
  { source: 'b', bundle: {} as LoadedBundle['bundle'], bytes },
];
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('bundles held within a byte budget', () => {
  it('admits loads while they fit the budget, and a big one only alone, until released', async () => {
    const gate = new ByteGate(10);
    const admitted: string[] = [];
    const admit = (name: string, bytes: number) => gate.admit(bytes).then(() => admitted.push(name));
    await admit('small', 3);
    await admit('small too', 3);
    const big = admit('big', 12);
    const third = admit('another small', 3);
    await tick();
    expect(admitted).toEqual(['small', 'small too', 'another small']);
    gate.release(3);
    gate.release(3);
    await tick();
    expect(admitted).toHaveLength(3); // still 3 held
    gate.release(3);
    await big;
    await third;
    expect(admitted).toEqual(['small', 'small too', 'another small', 'big']);
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
