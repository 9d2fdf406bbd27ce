import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { MerkleTree } from '../../test-support/sigstore-stack/rekor-v2-merkle.js';
import {
  encodeTileIndex,
  parseTilePath,
  tileBytes,
  tilePath,
} from '../../test-support/sigstore-stack/rekor-v2-tiles.js';
import { merkleRoot, TILE_INDEX_PATHS, verifyInclusion } from './rekor-v2-support.js';

function treeOf(size: number): { tree: MerkleTree; leaves: Buffer[] } {
  const tree = new MerkleTree();
  const leaves = Array.from({ length: size }, () => randomBytes(32));
  for (const leaf of leaves) tree.append(leaf);
  return { tree, leaves };
}

describe('the log tree against a plain RFC 6962 reading', () => {
  it('has the same root at every size, and every proof verifies (sizes 1 to 70)', () => {
    const { tree, leaves } = treeOf(70);
    for (let size = 1; size <= 70; size++) {
      const root = merkleRoot(leaves.slice(0, size));
      expect(tree.root(size)).toEqual(root);
      for (let index = 0; index < size; index++) {
        expect(verifyInclusion(index, size, leaves[index]!, tree.inclusionProof(index, size), root)).toBe(
          true,
        );
      }
    }
  });

  it('gives the empty tree the hash of the empty string', () => {
    expect(new MerkleTree().root()).toEqual(merkleRoot([]));
  });

  it('has no proof for an index outside the tree', () => {
    const { tree } = treeOf(3);
    expect(() => tree.inclusionProof(3, 3)).toThrow();
    expect(() => tree.inclusionProof(0, 4)).toThrow();
  });
});

describe('tile paths (C2SP tlog-tiles)', () => {
  it.each(TILE_INDEX_PATHS)('writes index %d as %s', (index, path) => {
    expect(encodeTileIndex(index)).toBe(path);
    expect(parseTilePath(`0/${path}`)).toEqual({ level: 0, index, width: 256 });
  });

  it('reads and writes partial tiles and entry bundles', () => {
    expect(parseTilePath('entries/x001/234.p/17')).toEqual({ level: 'entries', index: 1234, width: 17 });
    expect(tilePath({ level: 2, index: 1234, width: 17 })).toBe('tile/2/x001/234.p/17');
    expect(tilePath({ level: 'entries', index: 3, width: 256 })).toBe('tile/entries/003');
  });

  it("matches the spec's example: a tree of 70,000 entries", () => {
    const { tree, leaves } = treeOf(70_000);
    const has = (level: number, index: number, width: number) =>
      tileBytes(tree, level, index, width) !== undefined;
    // 273 full level-0 tiles, a partial one of width 112.
    expect(has(0, 272, 256)).toBe(true);
    expect(has(0, 273, 256)).toBe(false);
    expect(has(0, 273, 112)).toBe(true);
    expect(has(0, 273, 113)).toBe(false);
    // One full level-1 tile, a partial one of width 17; a partial level-2 tile of width 1.
    expect(has(1, 0, 256)).toBe(true);
    expect(has(1, 1, 17)).toBe(true);
    expect(has(1, 1, 18)).toBe(false);
    expect(has(2, 0, 1)).toBe(true);
    expect(has(2, 0, 2)).toBe(false);
    // A level-1 hash is the root of one full level-0 tile; a level-2 hash the root of 65,536 leaves.
    expect(tileBytes(tree, 1, 1, 17)!.subarray(32 * 16)).toEqual(
      merkleRoot(leaves.slice(272 * 256, 273 * 256)),
    );
    expect(tileBytes(tree, 2, 0, 1)).toEqual(merkleRoot(leaves.slice(0, 65_536)));
  });
});
