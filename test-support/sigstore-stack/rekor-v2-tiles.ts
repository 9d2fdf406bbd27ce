/**
 * The log's read side, C2SP tlog-tiles: `tile/<L>/<N>[.p/<W>]` holds 256 (or, partial, W) consecutive Merkle
 * tree hashes at tile level L (hash i of tile N is the root of the subtree of 256^L leaves starting at
 * (N·256 + i)·256^L), and `tile/entries/<N>[.p/<W>]` the matching entries, each prefixed by its length as a
 * big-endian uint16. N is written in zero-padded three-digit path elements, all but the last prefixed `x`.
 */
import type { MerkleTree } from './rekor-v2-merkle.js';

export const TILE_WIDTH = 256;

export interface TileAddress {
  /** The tile level, or `entries` for an entry bundle. */
  readonly level: number | 'entries';
  readonly index: number;
  /** The width of a partial tile; 256 for a full one. */
  readonly width: number;
}

/** `x001/x234/067` for 1234067. */
export function encodeTileIndex(index: number): string {
  const groups: string[] = [];
  let rest = index;
  do {
    groups.unshift(String(rest % 1000).padStart(3, '0'));
    rest = Math.floor(rest / 1000);
  } while (rest > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

export function tilePath(address: TileAddress): string {
  const width = address.width === TILE_WIDTH ? '' : `.p/${address.width}`;
  return `tile/${address.level}/${encodeTileIndex(address.index)}${width}`;
}

/** Parses what follows `<prefix>/tile/`; undefined for anything the spec does not allow. */
export function parseTilePath(rest: string): TileAddress | undefined {
  const match = /^(entries|0|[1-9]\d?)\/((?:x\d{3}\/)*\d{3})(?:\.p\/([1-9]\d{0,2}))?$/.exec(rest);
  if (!match) return undefined;
  const level = match[1] === 'entries' ? 'entries' : Number(match[1]);
  if (level !== 'entries' && level > 63) return undefined;
  const index = Number(match[2]!.replace(/x|\//g, ''));
  const width = match[3] === undefined ? TILE_WIDTH : Number(match[3]);
  if (width >= TILE_WIDTH && match[3] !== undefined) return undefined;
  // One spelling per index: `x000/001` is not 1.
  if (!Number.isSafeInteger(index) || encodeTileIndex(index) !== match[2]) return undefined;
  return { level, index, width };
}

/** The tile's bytes, or undefined when the tree has not grown to cover it. */
export function tileBytes(tree: MerkleTree, level: number, index: number, width: number): Buffer | undefined {
  const span = TILE_WIDTH ** level;
  if ((index * TILE_WIDTH + width) * span > tree.size) return undefined;
  const hashes: Buffer[] = [];
  for (let i = 0; i < width; i++) {
    const hash = tree.subtree(8 * level, index * TILE_WIDTH + i);
    if (!hash) return undefined;
    hashes.push(hash);
  }
  return Buffer.concat(hashes);
}

/** The entry bundle's bytes, or undefined when the log does not hold that many entries yet. */
export function entryBundleBytes(
  entries: readonly Buffer[],
  index: number,
  width: number,
): Buffer | undefined {
  const start = index * TILE_WIDTH;
  if (start + width > entries.length) return undefined;
  const parts: Buffer[] = [];
  for (const entry of entries.slice(start, start + width)) {
    const length = Buffer.alloc(2);
    length.writeUInt16BE(entry.length);
    parts.push(length, entry);
  }
  return Buffer.concat(parts);
}
