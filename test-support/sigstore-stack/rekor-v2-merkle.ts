/**
 * The Rekor v2 log's Merkle tree, hashed as RFC 6962 §2.1 says (SHA-256, 0x00 before a leaf, 0x01 before two
 * children). Every complete, aligned subtree is kept as it is built, so the root of any size, an inclusion proof
 * and every tile hash are a logarithmic number of lookups and hashes.
 */
import { createHash } from 'node:crypto';

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

export const hashLeaf = (entry: Uint8Array): Buffer => sha256(Uint8Array.of(0x00), entry);
export const hashChildren = (left: Uint8Array, right: Uint8Array): Buffer =>
  sha256(Uint8Array.of(0x01), left, right);

/** The largest power of two strictly below n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export class MerkleTree {
  /** levels[h][i] is the hash of leaves [i·2^h, (i+1)·2^h), present once that subtree is complete. */
  readonly #levels: Buffer[][] = [[]];

  get size(): number {
    return this.#levels[0]!.length;
  }

  /** Appends a leaf hash and returns its index. */
  append(leafHash: Buffer): number {
    const index = this.size;
    this.#levels[0]!.push(leafHash);
    for (let h = 0, n = index + 1; n % 2 === 0; h++, n /= 2) {
      const level = this.#levels[h]!;
      const above = (this.#levels[h + 1] ??= []);
      above.push(hashChildren(level[level.length - 2]!, level[level.length - 1]!));
    }
    return index;
  }

  /** The hash of the complete subtree of 2^height leaves at `index` on that level, if it is complete. */
  subtree(height: number, index: number): Buffer | undefined {
    return this.#levels[height]?.[index];
  }

  /** MTH(D[start:end]) of RFC 6962, for ranges that the tree's own decomposition produces (start aligned). */
  rangeHash(start: number, end: number): Buffer {
    const n = end - start;
    if (n === 0) return sha256();
    if ((n & (n - 1)) === 0 && start % n === 0) {
      const hash = this.subtree(Math.log2(n), start / n);
      if (hash) return hash;
    }
    if (n === 1) throw new Error(`no leaf ${start}`);
    const k = splitPoint(n);
    return hashChildren(this.rangeHash(start, start + k), this.rangeHash(start + k, end));
  }

  root(size: number = this.size): Buffer {
    if (size > this.size) throw new Error(`tree has ${this.size} leaves, not ${size}`);
    return this.rangeHash(0, size);
  }

  /** RFC 6962 §2.1.1 PATH(index, D[0:size]), lowest level first (the order Sigstore's bundles carry). */
  inclusionProof(index: number, size: number): Buffer[] {
    if (index < 0 || index >= size || size > this.size) {
      throw new Error(`no inclusion proof for ${index} in a tree of ${size}`);
    }
    let [start, end, m] = [0, size, index];
    const siblings: Buffer[] = [];
    while (end - start > 1) {
      const k = splitPoint(end - start);
      if (m < k) {
        siblings.push(this.rangeHash(start + k, end));
        end = start + k;
      } else {
        siblings.push(this.rangeHash(start, start + k));
        start += k;
        m -= k;
      }
    }
    // Collected from the root down; the proof lists them from the leaf up.
    return siblings.reverse();
  }
}
