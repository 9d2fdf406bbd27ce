import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, verify } from 'node:crypto';
import { startRekorV2, type RunningRekorV2 } from '../../test-support/sigstore-stack/rekor-v2.js';
import {
  hashedRekordRequest,
  leafHashOf,
  merkleRoot,
  p256,
  parseCheckpoint,
  post,
  sha256,
  verifyInclusion,
} from './rekor-v2-support.js';

interface Entry {
  logIndex: string;
  logId: { keyId: string };
  kindVersion: { kind: string; version: string };
  integratedTime: string;
  inclusionPromise: null;
  inclusionProof: {
    logIndex: string;
    rootHash: string;
    treeSize: string;
    hashes: string[];
    checkpoint: { envelope: string };
  };
  canonicalizedBody: string;
}

const b64 = (s: string) => Buffer.from(s, 'base64');
const get = (log: RunningRekorV2, path: string) => fetch(`${log.url}/api/v2/${path}`);
const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());

/** Ed25519: SHA-256(origin || 0x0A || 0x01 || key); ECDSA: SHA-256(SPKI), as rekor-tiles names its keys. */
function expectedKeyId(log: RunningRekorV2): Buffer {
  const spki = log.log.key.publicKey.export({ format: 'der', type: 'spki' });
  return log.log.key.type === 'ed25519'
    ? sha256(`${log.host}\n`, Buffer.of(1), spki.subarray(-32))
    : sha256(spki);
}

describe('Rekor v2 log: writes', () => {
  let log: RunningRekorV2;
  beforeAll(async () => {
    log = await startRekorV2();
  });
  afterAll(() => log.close());

  it('logs a hashedrekord 0.0.2 entry and answers the TransparencyLogEntry with a proof to a signed checkpoint', async () => {
    const key = p256();
    const data = Buffer.from('hello, log');
    const request = hashedRekordRequest(data, { key });
    const res = await post(log.url, request);
    expect(res.status).toBe(201);
    const entry = (await res.json()) as Entry;
    expect(entry).toMatchObject({
      logIndex: '0',
      kindVersion: { kind: 'hashedrekord', version: '0.0.2' },
      integratedTime: '0',
      inclusionPromise: null,
      inclusionProof: { logIndex: '0', treeSize: '1', hashes: [] },
    });
    expect(b64(entry.logId.keyId)).toEqual(expectedKeyId(log));

    const body = b64(entry.canonicalizedBody);
    const digest = sha256(data).toString('base64');
    const { content } = request.hashedRekordRequestV002.signature;
    const spki = key.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    // RFC 8785: keys sorted, no white space; the signature as sent, with its verifier.
    expect(body.toString()).toBe(
      '{"apiVersion":"0.0.2","kind":"hashedrekord","spec":{"hashedRekordV002":{' +
        `"data":{"algorithm":"SHA2_256","digest":"${digest}"},"signature":{"content":"${content}",` +
        `"verifier":{"keyDetails":"PKIX_ECDSA_P256_SHA_256","publicKey":{"rawBytes":"${spki}"}}}}}}`,
    );

    const note = parseCheckpoint(entry.inclusionProof.checkpoint.envelope);
    expect(note).toMatchObject({ origin: log.host, size: 1 });
    expect(note.root).toEqual(b64(entry.inclusionProof.rootHash));
    expect(note.root).toEqual(leafHashOf(body));
  });

  it('refuses a signature that does not verify over the digest, as the real log does (400)', async () => {
    const res = await post(log.url, hashedRekordRequest(Buffer.from('a'), { digest: sha256('b') }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 3, message: expect.stringMatching(/invalid signature/) });
  });

  it.each([
    [
      'a DSSE request (Rekor v2 logs hashedrekord only)',
      { dsseRequestV002: { envelope: {}, verifiers: [] } },
      /must be hashedrekord/,
    ],
    ['a body that is not JSON', 'not json', /not JSON/],
    [
      'key details naming another key',
      hashedRekordRequest(Buffer.from('a'), { keyDetails: 'PKIX_ECDSA_P384_SHA_384' }),
      /not a PKIX_ECDSA_P384/,
    ],
    [
      'pure Ed25519, which signs no digest',
      hashedRekordRequest(Buffer.from('a'), { keyDetails: 'PKIX_ED25519' }),
      /unsupported key details/,
    ],
    [
      'a digest of the wrong length',
      hashedRekordRequest(Buffer.from('a'), { digest: Buffer.alloc(20) }),
      /digest length \(20\)/,
    ],
    [
      'no verifier key',
      hashedRekordRequest(Buffer.from('a'), { verifier: { keyDetails: 'PKIX_ECDSA_P256_SHA_256' } }),
      /either a public key or an X.509/,
    ],
  ])('refuses %s', async (_label, body, message) => {
    const res = await post(log.url, body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(message);
  });

  it('refuses a certificate verifier it cannot parse', async () => {
    // Certificates from the stack's Fulcio are logged end to end in the witness tests.
    const res = await post(
      log.url,
      hashedRekordRequest(Buffer.from('cert'), {
        verifier: { x509Certificate: { rawBytes: 'AAAA' }, keyDetails: 'PKIX_ECDSA_P256_SHA_256' },
      }),
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/parsing verifier/);
  });

  it('refuses an entry it already holds with 409 and its index in x-log-index', async () => {
    const request = hashedRekordRequest(Buffer.from('twice'));
    const first = (await (await post(log.url, request)).json()) as Entry;
    const again = await post(log.url, request);
    expect(again.status).toBe(409);
    expect(again.headers.get('x-log-index')).toBe(first.logIndex);
    expect(((await again.json()) as { code: number }).code).toBe(6);
  });
});

describe('Rekor v2 log: write latency', () => {
  it('holds writes until the next checkpoint, and writes in one window share it', async () => {
    const log = await startRekorV2({ writeLatencyMs: 300 });
    try {
      const started = Date.now();
      const answers = await Promise.all(
        ['x', 'y', 'z'].map(async (d) => (await post(log.url, hashedRekordRequest(Buffer.from(d)))).json()),
      );
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      const entries = answers as Entry[];
      expect(new Set(entries.map((e) => e.inclusionProof.checkpoint.envelope)).size).toBe(1);
      expect(entries.map((e) => e.inclusionProof.treeSize)).toEqual(['3', '3', '3']);
      for (const e of entries) {
        const ok = verifyInclusion(
          Number(e.logIndex),
          3,
          leafHashOf(b64(e.canonicalizedBody)),
          e.inclusionProof.hashes.map(b64),
          b64(e.inclusionProof.rootHash),
        );
        expect(ok).toBe(true);
      }
    } finally {
      await log.close();
    }
  });
});

describe.each(['ed25519', 'ecdsa-p256'] as const)(
  'Rekor v2 log (%s key): checkpoint and tiles',
  (keyType) => {
    let log: RunningRekorV2;
    const bodies: Buffer[] = [];
    const SIZE = 300; // one full level-0 tile, a partial one of 44, and a partial level-1 tile of 1
    beforeAll(async () => {
      log = await startRekorV2({ keyType });
      const key = p256();
      for (let i = 0; i < SIZE; i++) {
        const reply = await log.log.add(
          Buffer.from(JSON.stringify(hashedRekordRequest(Buffer.from(`entry ${i}`), { key }))),
        );
        expect(reply.status).toBe(201);
        bodies.push(b64((JSON.parse(String(reply.body)) as Entry).canonicalizedBody));
      }
    });
    afterAll(() => log.close());
    const leaves = () => bodies.map(leafHashOf);

    it('serves a checkpoint whose signature verifies with the log key, under its origin and key hint', async () => {
      const res = await get(log, 'checkpoint');
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      const note = parseCheckpoint(await res.text());
      expect(note).toMatchObject({ origin: log.host, size: SIZE });
      expect(note.text).toBe(`${log.host}\n${SIZE}\n${merkleRoot(leaves()).toString('base64')}\n`);
      expect(note.signatures).toHaveLength(1);
      const [sig] = note.signatures;
      expect(sig!.name).toBe(log.host);
      expect(sig!.keyHint).toEqual(expectedKeyId(log).subarray(0, 4));
      const algorithm = keyType === 'ed25519' ? null : 'sha256';
      expect(verify(algorithm, Buffer.from(note.text), log.log.key.publicKey, sig!.signature)).toBe(true);
      expect(
        verify(
          algorithm,
          Buffer.from(note.text.replace(`${SIZE}`, '299')),
          log.log.key.publicKey,
          sig!.signature,
        ),
      ).toBe(false);
    });

    it('serves full and partial level-0 tiles of leaf hashes', async () => {
      const full = await get(log, 'tile/0/000');
      expect(full.headers.get('content-type')).toBe('application/octet-stream');
      expect(await bytesOf(full)).toEqual(Buffer.concat(leaves().slice(0, 256)));
      expect(await bytesOf(await get(log, 'tile/0/001.p/44'))).toEqual(
        Buffer.concat(leaves().slice(256, 300)),
      );
      expect(await bytesOf(await get(log, 'tile/0/001.p/10'))).toEqual(
        Buffer.concat(leaves().slice(256, 266)),
      );
      expect((await get(log, 'tile/0/001')).status).toBe(404);
      expect((await get(log, 'tile/0/001.p/45')).status).toBe(404);
    });

    it('serves a partial level-1 tile holding the root of each full level-0 tile', async () => {
      expect(await bytesOf(await get(log, 'tile/1/000.p/1'))).toEqual(merkleRoot(leaves().slice(0, 256)));
      expect((await get(log, 'tile/1/000.p/2')).status).toBe(404);
      expect((await get(log, 'tile/2/000.p/1')).status).toBe(404);
    });

    it('serves entry bundles: big-endian uint16 length, then the entry', async () => {
      const partial = await bytesOf(await get(log, 'tile/entries/001.p/44'));
      const read: Buffer[] = [];
      for (let at = 0; at < partial.length;) {
        const length = partial.readUInt16BE(at);
        read.push(partial.subarray(at + 2, at + 2 + length));
        at += 2 + length;
      }
      expect(read).toEqual(bodies.slice(256));
      expect((await bytesOf(await get(log, 'tile/entries/000'))).length).toBe(
        bodies.slice(0, 256).reduce((n, b) => n + 2 + b.length, 0),
      );
    });

    it.each([
      'tile/0/1',
      'tile/0/x000/000',
      'tile/00/000',
      'tile/64/000',
      'tile/0/000.p/0',
      'tile/0/000.p/256',
      'tile/entries/000.p/300',
    ])('refuses the malformed tile path %s', async (path) => {
      expect((await get(log, path)).status).toBe(404);
    });

    it('answers proofs that the entry bundles and tiles bear out', async () => {
      const res = await post(log.url, hashedRekordRequest(Buffer.from('one more')));
      const entry = (await res.json()) as Entry;
      expect(entry.logIndex).toBe(String(SIZE));
      const note = parseCheckpoint(entry.inclusionProof.checkpoint.envelope);
      const all = [...leaves(), leafHashOf(b64(entry.canonicalizedBody))];
      expect(note.size).toBe(SIZE + 1);
      expect(note.root).toEqual(merkleRoot(all));
      expect(
        verifyInclusion(SIZE, SIZE + 1, all[SIZE]!, entry.inclusionProof.hashes.map(b64), note.root),
      ).toBe(true);
      expect(await bytesOf(await get(log, 'tile/0/001.p/45'))).toEqual(Buffer.concat(all.slice(256)));
      bodies.push(b64(entry.canonicalizedBody));
    });
  },
);

describe('the test-side Merkle reading itself', () => {
  it('checks RFC 9162 inclusion on a tree it builds (guards the oracle, not the log)', () => {
    const leaves = Array.from({ length: 7 }, (_, i) => leafHashOf(Buffer.from([i])));
    const root = merkleRoot(leaves);
    // index 6 of 7: siblings are MTH(D[4:6]) then MTH(D[0:4]).
    const proof = [merkleRoot(leaves.slice(4, 6)), merkleRoot(leaves.slice(0, 4))];
    expect(verifyInclusion(6, 7, leaves[6]!, proof, root)).toBe(true);
    expect(verifyInclusion(5, 7, leaves[6]!, proof, root)).toBe(false);
    expect(createHash('sha256').update('').digest()).toEqual(merkleRoot([]));
  });
});
