import { describe, expect, it } from '@jest/globals';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { listTree, type ListingLimits } from '../../../src/adapters/fs/list-tree.js';
import { scratchDir } from './support.js';

const scratch = scratchDir('list-tree');

/** Always synchronously; slow from the first listing on; fast but over budget from the first listing on. */
const WAYS: ListingLimits[] = [
  { slowMs: Infinity, syncBudgetMs: Infinity },
  { slowMs: -1, syncBudgetMs: Infinity },
  { slowMs: Infinity, syncBudgetMs: -1 },
];

describe('listing a tree', () => {
  const listed = async (dir: string, limits?: ListingLimits) =>
    (await listTree(dir, limits))
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)) + (e.isSymbolicLink() ? ' (link)' : ''))
      .sort();

  it('lists the same entries synchronously and, once a listing is slow, side by side', async () => {
    const tree = path.join(scratch(), 'tree');
    for (let d = 0; d < 70; d++) {
      await mkdir(path.join(tree, `d${d}`, 'sub'), { recursive: true });
      await writeFile(path.join(tree, `d${d}`, 'sub', 'f'), String(d));
    }
    await writeFile(path.join(tree, 'top'), 'top');
    await symlink(path.join(tree, 'd0'), path.join(tree, 'to-d0'));
    const expected = [...Array.from({ length: 70 }, (_, d) => `d${d}/sub/f`), 'to-d0 (link)', 'top'].sort();
    // More directories than are listed at once in one level, so listing side by side takes more than one batch.
    for (const limits of WAYS) expect(await listed(tree, limits)).toEqual(expected);
    expect(await listed(tree)).toEqual(expected);
  });

  it('gives nothing for a root that does not exist, either way', async () => {
    const nowhere = path.join(scratch(), 'nowhere');
    for (const limits of WAYS) expect(await listTree(nowhere, limits)).toEqual([]);
  });

  it('tells how many entries it has found after each listing that adds some', async () => {
    const tree = path.join(scratch(), 'counted');
    for (let d = 0; d < 3; d++) {
      await mkdir(path.join(tree, `d${d}`), { recursive: true });
      for (let f = 0; f <= d; f++) await writeFile(path.join(tree, `d${d}`, `f${f}`), 'x');
    }
    await mkdir(path.join(tree, 'empty'));
    for (const limits of WAYS) {
      const counts: number[] = [];
      expect(await listTree(tree, limits, (n) => counts.push(n))).toHaveLength(6);
      // The root holds directories only, and one of them is empty: three listings add entries.
      expect(counts).toHaveLength(3);
      expect(counts.at(-1)).toBe(6);
    }
  });
});
