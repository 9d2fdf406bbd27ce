import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { HashAlgorithm, TransparencyLogEntry } from '@sigstore/protobuf-specs';
import type { SignatureBundle } from '@sigstore/sign';
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer } from 'node:net';
import { RekorV2Error, rekorV2Witness } from '../../../src/adapters/sigstore/rekor-v2-witness.js';
import { classify, UnusableResponse } from '../../../src/adapters/sigstore/retry.js';
import { isProvenantError } from '../../../src/core/errors.js';
import { startRekorV2, type RunningRekorV2 } from '../../../test-support/sigstore-stack/rekor-v2.js';

let log: RunningRekorV2;
beforeAll(async () => {
  log = await startRekorV2();
});
afterAll(() => log.close());
beforeEach(() => log.faults.clear());

const pemOf = (key: KeyObject) => key.export({ format: 'pem', type: 'spki' }).toString();

/** A message signature over `data` by a fresh P-256 key (or the one given), with the key's PEM. */
function signed(data = Buffer.from(`artifact ${Math.random()}`), type: 'ec' | 'ed25519' = 'ec') {
  const { publicKey, privateKey } =
    type === 'ec' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('ed25519');
  const content: SignatureBundle = {
    $case: 'messageSignature',
    messageSignature: {
      messageDigest: {
        algorithm: HashAlgorithm.SHA2_256,
        digest: createHash('sha256').update(data).digest(),
      },
      signature: sign(type === 'ec' ? 'sha256' : null, data, privateKey),
    },
  };
  return { content, publicKey: pemOf(publicKey) };
}

const witness = (timeoutMs = 5000, url = log.url) => rekorV2Witness({ baseUrl: url, timeoutMs });
/** One write of a fresh, valid signature. */
const attempt = (w = witness()) => {
  const { content, publicKey } = signed();
  return w.testify(content, publicKey);
};

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a failure');
}

describe('Rekor v2 witness: answers', () => {
  it('returns one entry for the signature, with a public key as verifier when there is no certificate', async () => {
    const { content, publicKey } = signed();
    const material = await witness().testify(content, publicKey);
    expect(material.tlogEntries).toHaveLength(1);
    const body = JSON.parse(material.tlogEntries![0]!.canonicalizedBody.toString()) as Record<string, any>;
    expect(Object.keys(body['spec']['hashedRekordV002']['signature']['verifier'])).toEqual([
      'keyDetails',
      'publicKey',
    ]);
    expect(material.rfc3161Timestamps).toBeUndefined();
  });

  it('posts protobuf JSON to /api/v2/log/entries with the fetch it is given', async () => {
    const seen: { url: string; method: string | undefined; body: string }[] = [];
    const spy: typeof fetch = (input, init) => {
      seen.push({ url: input as string, method: init?.method, body: init?.body as string });
      return fetch(input, init);
    };
    const { content, publicKey } = signed();
    await rekorV2Witness({ baseUrl: `${log.url}/`, timeoutMs: 5000, fetch: spy }).testify(content, publicKey);
    expect(seen.map((s) => [s.url, s.method])).toEqual([[`${log.url}/api/v2/log/entries`, 'POST']]);
    const body = JSON.parse(seen[0]!.body) as Record<string, any>;
    expect(Object.keys(body)).toEqual(['hashedRekordRequestV002']);
    expect(body['hashedRekordRequestV002']['signature']['verifier']['keyDetails']).toBe(
      'PKIX_ECDSA_P256_SHA_256',
    );
  });
});

describe('Rekor v2 witness: failures say which log and what it answered', () => {
  it('a refused signature: HTTP 400 with the log message, final', async () => {
    const { content, publicKey } = signed();
    const other = signed();
    const e = await failure(witness().testify(content, other.publicKey));
    expect(e).toBeInstanceOf(RekorV2Error);
    expect(e.message).toMatch(
      new RegExp(
        `^Rekor v2 at ${log.url}: expected a transparency log entry, got HTTP 400: ".*invalid signature"$`,
      ),
    );
    expect(classify(e)).toMatchObject({ retryable: false, status: 400 });
    expect(publicKey).not.toBe(other.publicKey); // signed by one key, presented with another
  });

  it('an outage: HTTP 503, retryable', async () => {
    log.faults.failNext('rekor', 1, 503);
    const e = await failure(attempt());
    expect(e.message).toMatch(/got HTTP 503: "rekor fault injected"/);
    expect(classify(e)).toMatchObject({ retryable: true, status: 503 });
  });

  it('rate limiting: HTTP 429 with the Retry-After it asked for', async () => {
    log.faults.rateLimitNext('rekor', 1, 3);
    const e = await failure(attempt());
    expect(e).toMatchObject({ statusCode: 429, retryAfterMs: 3000 });
  });

  it('no answer before the deadline: retryable', async () => {
    log.faults.delayNext('rekor', 1, 2000);
    const started = Date.now();
    const e = await failure(attempt(witness(150)));
    expect(Date.now() - started).toBeLessThan(1500);
    expect(e.message).toBe(
      `Rekor v2 at ${log.url}: expected a transparency log entry, got no answer within 150 ms`,
    );
    expect(classify(e)).toMatchObject({ retryable: true, reason: 'no answer before the timeout' });
  });

  it('a garbled answer: unusable, retryable', async () => {
    log.faults.garbleNext('rekor');
    const e = await failure(attempt());
    expect(e).toBeInstanceOf(UnusableResponse);
    expect(e.message).toMatch(/^Rekor v2 at .*: expected a TransparencyLogEntry in JSON, got "/);
    expect(classify(e).retryable).toBe(true);
  });

  it('a connection reset: retryable', async () => {
    log.faults.resetNext('rekor');
    const e = await failure(attempt());
    expect(e.message).toMatch(/got a network error \(/);
    expect(classify(e).retryable).toBe(true);
  });

  it('nothing listening: a network error naming the code', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const e = await failure(attempt(witness(5000, `http://127.0.0.1:${port}`)));
    expect(e.message).toMatch(/got a network error \(ECONNREFUSED\)$/);
    expect(classify(e).retryable).toBe(true);
  });

  it('a signature the log already holds, to a witness that knows no log ID: HTTP 409 with the index', async () => {
    const { content, publicKey } = signed();
    const first = await witness().testify(content, publicKey);
    const e = await failure(witness().testify(content, publicKey));
    expect(e).toMatchObject({ statusCode: 409, logIndex: Number(first.tlogEntries![0]!.logIndex) });
    expect(e.message).toMatch(
      new RegExp(
        `got HTTP 409: ".*" \\(the log already holds this signature at index ${first.tlogEntries![0]!.logIndex}:`,
      ),
    );
    expect(classify(e).retryable).toBe(false);
  });

  it.each([
    ['learned from an earlier answer', () => witness()],
    ['given', () => rekorV2Witness({ baseUrl: log.url, timeoutMs: 5000, logId: log.log.key.keyId })],
  ])(
    'a signature the log already holds, log ID %s: the entry is read back from the tiles',
    async (_how, make) => {
      const w = make();
      await attempt(w);
      const { content, publicKey } = signed();
      const first = (await witness().testify(content, publicKey)).tlogEntries![0]!;
      await attempt(); // the tree grows past it, so the proof is against a newer checkpoint
      const again = (await w.testify(content, publicKey)).tlogEntries![0]!;
      expect(again).toMatchObject({
        logIndex: first.logIndex,
        logId: first.logId,
        kindVersion: first.kindVersion,
      });
      expect(again.canonicalizedBody).toEqual(first.canonicalizedBody);
      expect(Number(again.inclusionProof!.treeSize)).toBe(log.log.size);
      expect(again.inclusionProof!.checkpoint?.envelope).toBe(log.log.checkpoint);
    },
  );

  it('a 409 whose index holds another entry: final', async () => {
    const { content, publicKey } = signed();
    await witness().testify(content, publicKey);
    const pointingElsewhere: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (res.status !== 409) return res;
      return new Response(await res.text(), { status: 409, headers: { 'x-log-index': '0' } });
    };
    const w = rekorV2Witness({
      baseUrl: log.url,
      timeoutMs: 5000,
      fetch: pointingElsewhere,
      logId: log.log.key.keyId,
    });
    const e = await failure(w.testify(content, publicKey));
    expect(e.message).toMatch(/expected its entry 0 to be ours, got an entry for another digest$/);
  });

  it('an entry for another signature: final', async () => {
    const { content, publicKey } = signed();
    const answer = TransparencyLogEntry.toJSON(
      (await witness().testify(content, publicKey)).tlogEntries![0]!,
    );
    const replaying: typeof fetch = () =>
      Promise.resolve(new Response(JSON.stringify(answer), { status: 201 }));
    const mine = signed();
    const e = await failure(
      rekorV2Witness({ baseUrl: log.url, timeoutMs: 5000, fetch: replaying }).testify(
        mine.content,
        mine.publicKey,
      ),
    );
    expect(e).toBeInstanceOf(RekorV2Error);
    expect(e.message).toMatch(
      /expected the entry it logged for this signature, got an entry for another digest$/,
    );
    expect(classify(e).retryable).toBe(false);
  });

  it('an Ed25519 key: refused before any request, since hashedrekord needs a digest', async () => {
    let called = 0;
    const counting: typeof fetch = (input, init) => {
      called++;
      return fetch(input, init);
    };
    const { content, publicKey } = signed(Buffer.from('x'), 'ed25519');
    const e = await failure(
      rekorV2Witness({ baseUrl: log.url, timeoutMs: 5000, fetch: counting }).testify(content, publicKey),
    );
    expect(isProvenantError(e) && e.code).toBe('SIGNING_FAILED');
    expect(e.message).toMatch(/Ed25519/);
    expect(called).toBe(0);
  });
});
