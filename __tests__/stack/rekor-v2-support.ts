/**
 * An independent reading of what the Rekor v2 log serves: RFC 6962 hashing written out plainly (no caching, no
 * shared code with the log), the RFC 9162 §2.1.3.2 inclusion check, a C2SP signed-note parser, and signed
 * hashedrekord requests.
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export const sha256 = (...parts: (Buffer | Uint8Array | string)[]): Buffer => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};
const leaf = (entry: Buffer): Buffer => sha256(Buffer.of(0), entry);
const node = (left: Buffer, right: Buffer): Buffer => sha256(Buffer.of(1), left, right);

/** MTH(D[n]) of RFC 6962 §2.1 over leaf hashes. */
export function merkleRoot(leafHashes: readonly Buffer[]): Buffer {
  if (leafHashes.length === 0) return sha256('');
  if (leafHashes.length === 1) return leafHashes[0]!;
  let k = 1;
  while (k * 2 < leafHashes.length) k *= 2;
  return node(merkleRoot(leafHashes.slice(0, k)), merkleRoot(leafHashes.slice(k)));
}

export const leafHashOf = leaf;

/** RFC 9162 §2.1.3.2: does `proof` take the leaf at `index` to `root` in a tree of `size`? */
export function verifyInclusion(
  index: number,
  size: number,
  leafHash: Buffer,
  proof: Buffer[],
  root: Buffer,
): boolean {
  if (index >= size) return false;
  let [fn, sn, r] = [index, size - 1, leafHash];
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = node(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = node(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/** Tile indices and their paths, from C2SP tlog-tiles (`x001/x234/067`) and its edges. */
export const TILE_INDEX_PATHS: readonly (readonly [number, string])[] = [
  [0, '000'],
  [7, '007'],
  [999, '999'],
  [1000, 'x001/000'],
  [1234067, 'x001/x234/067'],
];

export interface ParsedNote {
  readonly text: string;
  readonly origin: string;
  readonly size: number;
  readonly root: Buffer;
  readonly signatures: { name: string; keyHint: Buffer; signature: Buffer }[];
}

/** Splits a C2SP signed note into its text and signature lines, and reads the checkpoint in the text. */
export function parseCheckpoint(note: string): ParsedNote {
  const split = note.lastIndexOf('\n\n');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2).split('\n');
  if (lines.pop() !== '') throw new Error('a signed note ends with a newline');
  const signatures = lines.map((line) => {
    const m = /^\u2014 (\S+) (\S+)$/.exec(line);
    if (!m) throw new Error(`not a signature line: ${line}`);
    const raw = Buffer.from(m[2]!, 'base64');
    return { name: m[1]!, keyHint: raw.subarray(0, 4), signature: raw.subarray(4) };
  });
  const [origin, size, root] = text.split('\n');
  return { text, origin: origin!, size: Number(size), root: Buffer.from(root!, 'base64'), signatures };
}

export interface SigningKey {
  readonly publicKey: KeyObject;
  readonly privateKey: KeyObject;
}

export const p256 = (): SigningKey => generateKeyPairSync('ec', { namedCurve: 'P-256' });

/** A `CreateEntryRequest` for `data`, signed with `key` (P-256 by default), as protobuf JSON. */
export function hashedRekordRequest(
  data: Buffer,
  options: {
    key?: SigningKey;
    digest?: Buffer;
    keyDetails?: string;
    verifier?: Record<string, unknown>;
  } = {},
) {
  const key = options.key ?? p256();
  const spki = key.publicKey.export({ format: 'der', type: 'spki' });
  return {
    hashedRekordRequestV002: {
      digest: (options.digest ?? sha256(data)).toString('base64'),
      signature: {
        content: sign('sha256', data, key.privateKey).toString('base64'),
        verifier: options.verifier ?? {
          publicKey: { rawBytes: spki.toString('base64') },
          keyDetails: options.keyDetails ?? 'PKIX_ECDSA_P256_SHA_256',
        },
      },
    },
  };
}

export const post = (url: string, body: unknown): Promise<Response> =>
  fetch(`${url}/api/v2/log/entries`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
