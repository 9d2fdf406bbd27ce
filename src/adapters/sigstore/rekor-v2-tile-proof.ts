/**
 * Rebuilds a Rekor v2 log entry from what the log publishes (C2SP tlog-tiles): its latest checkpoint, the entry
 * bundle that holds the entry, and the tiles an RFC 6962 inclusion proof needs. A write whose answer was lost is
 * refused on retry with 409 and the entry's index; this gives the bundle the same entry the first answer would have
 * carried, against the newest checkpoint. Nothing here is trusted: the proof is checked against the checkpoint's root
 * to catch a torn read, and the checkpoint's signature is the verifier's job, as for any entry.
 */
import type { TransparencyLogEntry } from '@sigstore/bundle';
import { createHash } from 'node:crypto';
import { UnusableResponse } from './retry.js';

/** Reads `<base>/api/v2/<path>` (`checkpoint`, `tile/…`). */
export type TileReader = (path: string) => Promise<Buffer>;

const WIDTH = 256;
const sha256 = (...parts: Uint8Array[]): Buffer => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};
const parent = (left: Uint8Array, right: Uint8Array) => sha256(Uint8Array.of(1), left, right);

/** `x001/x234/067` for 1234067: three-digit groups, all but the last marked `x`. */
export function tileIndexPath(index: number): string {
  const digits = String(index);
  const groups = digits.padStart(Math.ceil(digits.length / 3) * 3, '0').match(/\d{3}/g) ?? [];
  return groups.map((group, i) => (i === groups.length - 1 ? group : `x${group}`)).join('/');
}

/** The largest power of two below n (n ≥ 2). */
const split = (n: number): number => 2 ** Math.floor(Math.log2(n - 1));

class Tiles {
  readonly #cache = new Map<string, Promise<Buffer>>();
  readonly #read: TileReader;
  readonly #size: number;

  constructor(read: TileReader, size: number) {
    this.#read = read;
    this.#size = size;
  }

  /** Tile `n` at `level` as the tree of `size` has it: full, or partial with the width that size gives. */
  tile(level: number | 'entries', n: number): Promise<Buffer> {
    const available = Math.floor(this.#size / WIDTH ** (level === 'entries' ? 0 : level)) - n * WIDTH;
    const width = Math.min(WIDTH, available);
    const path = `tile/${level}/${tileIndexPath(n)}${width === WIDTH ? '' : `.p/${width}`}`;
    let tile = this.#cache.get(path);
    if (!tile) this.#cache.set(path, (tile = this.#read(path)));
    return tile;
  }

  /** The root of the complete subtree of 2^height leaves at `index`, from the tile level that holds it. */
  async node(height: number, index: number): Promise<Buffer> {
    const level = Math.floor(height / 8);
    const count = 2 ** (height % 8);
    const first = index * count;
    const tile = await this.tile(level, Math.floor(first / WIDTH));
    const at = (first % WIDTH) * 32;
    if (tile.length < at + count * 32) throw new UnusableResponse(`tile at level ${level} is too short`);
    let hashes = Array.from({ length: count }, (_, i) => tile.subarray(at + i * 32, at + (i + 1) * 32));
    while (hashes.length > 1) {
      const above: Buffer[] = [];
      for (let i = 0; i < hashes.length; i += 2) above.push(parent(hashes[i]!, hashes[i + 1]!));
      hashes = above;
    }
    return Buffer.from(hashes[0]!);
  }

  /** MTH(D[start:end]) for the ranges an inclusion proof is made of. */
  async range(start: number, end: number): Promise<Buffer> {
    const n = end - start;
    if ((n & (n - 1)) === 0 && start % n === 0) return this.node(Math.log2(n), start / n);
    const k = split(n);
    return parent(await this.range(start, start + k), await this.range(start + k, end));
  }

  /** The entry at `index`, from its entry bundle (uint16 big-endian lengths). */
  async entry(index: number): Promise<Buffer> {
    const bundle = await this.tile('entries', Math.floor(index / WIDTH));
    let at = 0;
    for (let i = 0; i < index % WIDTH; i++) at += 2 + bundle.readUInt16BE(at);
    if (at + 2 > bundle.length) throw new UnusableResponse('entry bundle is too short');
    return bundle.subarray(at + 2, at + 2 + bundle.readUInt16BE(at));
  }
}

/** RFC 6962 PATH(index, D[0:size]), lowest level first, and the root it leads to from `leaf`. */
async function inclusion(tiles: Tiles, index: number, size: number, leaf: Buffer) {
  const steps: { sibling: Buffer; left: boolean }[] = [];
  let [start, end] = [0, size];
  while (end - start > 1) {
    const k = split(end - start);
    const goLeft = index - start < k;
    steps.push({
      sibling: await (goLeft ? tiles.range(start + k, end) : tiles.range(start, start + k)),
      left: !goLeft,
    });
    [start, end] = goLeft ? [start, start + k] : [start + k, end];
  }
  steps.reverse();
  const root = steps.reduce((acc, s) => (s.left ? parent(s.sibling, acc) : parent(acc, s.sibling)), leaf);
  return { hashes: steps.map((s) => s.sibling), root };
}

/** Reads `<origin>\n<size>\n<base64 root>\n` from the signed note. */
function checkpointOf(note: string): { size: number; root: Buffer } {
  const [, size, root] = note.split('\n');
  if (!size || !/^\d+$/.test(size) || !root)
    throw new UnusableResponse('checkpoint is not a C2SP checkpoint');
  return { size: Number(size), root: Buffer.from(root, 'base64') };
}

/** The entry at `index` with an inclusion proof against the log's current checkpoint. */
export async function entryFromTiles(
  read: TileReader,
  index: number,
  logId: Uint8Array,
): Promise<TransparencyLogEntry> {
  const note = (await read('checkpoint')).toString('utf8');
  const checkpoint = checkpointOf(note);
  if (index >= checkpoint.size) {
    throw new UnusableResponse(`checkpoint of size ${checkpoint.size} does not cover index ${index} yet`);
  }
  const tiles = new Tiles(read, checkpoint.size);
  const body = await tiles.entry(index);
  const { hashes, root } = await inclusion(tiles, index, checkpoint.size, sha256(Uint8Array.of(0), body));
  if (!root.equals(checkpoint.root)) throw new UnusableResponse('tiles do not add up to the checkpoint root');
  return {
    logIndex: String(index),
    logId: { keyId: Buffer.from(logId) },
    kindVersion: { kind: 'hashedrekord', version: '0.0.2' },
    integratedTime: '0',
    inclusionPromise: undefined,
    inclusionProof: {
      logIndex: String(index),
      rootHash: checkpoint.root,
      treeSize: String(checkpoint.size),
      hashes,
      checkpoint: { envelope: note },
    },
    canonicalizedBody: Buffer.from(body),
  };
}
