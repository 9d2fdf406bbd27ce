import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  entryFromTiles,
  tileIndexPath,
  type TileReader,
} from '../../../src/adapters/sigstore/rekor-v2-tile-proof.js';
import { UnusableResponse } from '../../../src/adapters/sigstore/retry.js';
import { startRekorV2, type RunningRekorV2 } from '../../../test-support/sigstore-stack/rekor-v2.js';
import {
  hashedRekordRequest,
  leafHashOf,
  p256,
  parseCheckpoint,
  TILE_INDEX_PATHS,
  verifyInclusion,
} from '../../stack/rekor-v2-support.js';

let log: RunningRekorV2;
const bodies: Buffer[] = [];
const paths: string[] = [];
const read: TileReader = async (path) => {
  paths.push(path);
  const res = await fetch(`${log.url}/api/v2/${path}`);
  if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
};

async function grow(to: number): Promise<void> {
  const key = p256();
  while (bodies.length < to) {
    const request = hashedRekordRequest(Buffer.from(`entry ${bodies.length}`), { key });
    const reply = await log.log.add(Buffer.from(JSON.stringify(request)));
    bodies.push(
      Buffer.from(
        (JSON.parse(String(reply.body)) as { canonicalizedBody: string }).canonicalizedBody,
        'base64',
      ),
    );
  }
}

beforeAll(async () => {
  log = await startRekorV2();
});
afterAll(() => log.close());

describe('an entry rebuilt from the log tiles', () => {
  it.each([
    [1, 0],
    [7, 3],
    [256, 255],
    [300, 0],
    [300, 255],
    [300, 256],
    [300, 299],
    [513, 512],
    [513, 100],
  ])('in a tree of %d, entry %d: the logged body and a proof to the checkpoint root', async (size, index) => {
    await grow(size);
    paths.length = 0;
    const entry = await entryFromTiles(read, index, log.log.key.keyId);
    expect(entry.canonicalizedBody).toEqual(bodies[index]);
    expect(entry).toMatchObject({
      logIndex: String(index),
      logId: { keyId: log.log.key.keyId },
      kindVersion: { kind: 'hashedrekord', version: '0.0.2' },
      integratedTime: '0',
    });
    const note = parseCheckpoint(entry.inclusionProof!.checkpoint!.envelope);
    expect(note.size).toBe(size);
    expect(entry.inclusionProof!.treeSize).toBe(String(size));
    expect(entry.inclusionProof!.rootHash).toEqual(note.root);
    const ok = verifyInclusion(
      index,
      size,
      leafHashOf(bodies[index]!),
      entry.inclusionProof!.hashes,
      note.root,
    );
    expect(ok).toBe(true);
    // Only the tiles that tree size has: a partial tile carries the width the checkpoint gives it.
    for (const p of paths.filter((p) => p.includes('.p/'))) {
      const [, level, n, width] = /^tile\/(\w+)\/([\dx/]+)\.p\/(\d+)$/.exec(p)!;
      const span = level === 'entries' ? 1 : 256 ** Number(level);
      expect(Number(width)).toBe(Math.floor(size / span) - Number(n!.replace(/x|\//g, '')) * 256);
    }
  });

  it('says when the checkpoint does not cover the entry yet (worth another try)', async () => {
    await expect(entryFromTiles(read, bodies.length, log.log.key.keyId)).rejects.toBeInstanceOf(
      UnusableResponse,
    );
  });

  it('refuses tiles that do not add up to the checkpoint root', async () => {
    const torn: TileReader = async (path) => {
      const bytes = await read(path);
      if (path.startsWith('tile/0/')) bytes[0] = bytes[0]! ^ 1;
      return bytes;
    };
    await expect(entryFromTiles(torn, 3, log.log.key.keyId)).rejects.toThrow(/do not add up/);
  });

  it.each(TILE_INDEX_PATHS)('names tile %d %s', (index, path) => {
    expect(tileIndexPath(index)).toBe(path);
  });
});
