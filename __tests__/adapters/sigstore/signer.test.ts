import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import {
  signStatement,
  IN_TOTO_PAYLOAD_TYPE,
  type SignResult,
} from '../../../src/adapters/sigstore/signer.js';
import { verifyAfterSign } from '../../../src/adapters/sigstore/verify-after-sign.js';
import { startSigstoreStack, type SigstoreStack } from '../../../test-support/sigstore-stack/index.js';
import { STATEMENT, failure, optionsFor, pem, run, withTempDir, write, type Witnesses } from './support.js';

let stack: SigstoreStack;
let token: string;
const IDENTITY = 'https://github.com/octo-org/octo-repo/.github/workflows/release.yml@refs/tags/v1.0.0';

beforeAll(async () => {
  stack = await startSigstoreStack();
  token = stack.issueToken();
});
afterAll(async () => {
  await stack.stop();
});
beforeEach(() => {
  stack.faults.clear();
});

const verify = (result: SignResult, witnesses: Witnesses): void =>
  verifyAfterSign(result.bundle, {
    trustedRoot: TrustedRoot.fromJSON(stack.trustedRoot),
    expectTlogEntry: witnesses !== 'tsa',
    expectedIdentity: IDENTITY,
    expectedIssuer: 'https://token.actions.githubusercontent.com',
  });

describe.each<[Witnesses, number, number]>([
  ['rekor', 1, 0],
  ['tsa', 0, 1],
  ['both', 1, 1],
])('signing with witnesses: %s', (witnesses, tlogs, timestamps) => {
  it('produces a v0.3 DSSE bundle that verifies and reports its facts', async () => {
    const { options } = optionsFor(stack, witnesses, token);
    const result = await signStatement(STATEMENT, options);
    const b = result.bundle as {
      mediaType: string;
      dsseEnvelope: { payloadType: string; payload: string; signatures: unknown[] };
      verificationMaterial: Record<string, unknown>;
    };
    expect(b.mediaType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
    expect(b.dsseEnvelope.payloadType).toBe(IN_TOTO_PAYLOAD_TYPE);
    expect(JSON.parse(Buffer.from(b.dsseEnvelope.payload, 'base64').toString())).toEqual(STATEMENT);
    expect(b.dsseEnvelope.signatures).toHaveLength(1);
    expect(b.verificationMaterial['certificate']).toBeDefined();
    // bundleToJSON leaves out empty lists.
    expect(((b.verificationMaterial['tlogEntries'] as unknown[] | undefined) ?? []).length).toBe(tlogs);
    const tsData = b.verificationMaterial['timestampVerificationData'] as
      { rfc3161Timestamps?: unknown[] } | undefined;
    expect((tsData?.rfc3161Timestamps ?? []).length).toBe(timestamps);
    expect(JSON.parse(result.bundleJson)).toEqual(result.bundle);

    expect(result.facts.certificateIdentity).toBe(IDENTITY);
    expect(result.facts.certificateIssuer).toBe('https://token.actions.githubusercontent.com');
    expect(result.facts.rekorLogIndex !== undefined).toBe(tlogs === 1);
    expect(result.facts.integratedTime !== undefined).toBe(tlogs === 1);
    expect(result.facts.timestamp !== undefined).toBe(timestamps === 1);
    expect(() => verify(result, witnesses)).not.toThrow();
    expect(result.bundleJson).not.toContain(token);
  });

  it('checks out with openssl: DSSE signature over the PAE, leaf chains to the stack CA', async () => {
    const { options } = optionsFor(stack, witnesses, token);
    const { bundle } = await signStatement(STATEMENT, options);
    const b = bundle as {
      dsseEnvelope: { payloadType: string; payload: string; signatures: { sig: string }[] };
      verificationMaterial: { certificate: { rawBytes: string } };
    };
    await withTempDir(async (dir) => {
      const leaf = await write(
        dir,
        'leaf.pem',
        pem(Buffer.from(b.verificationMaterial.certificate.rawBytes, 'base64')),
      );
      const ca = await write(dir, 'ca.pem', stack.caCertificatePem);
      const payload = Buffer.from(b.dsseEnvelope.payload, 'base64');
      const type = Buffer.from(b.dsseEnvelope.payloadType);
      const pae = Buffer.concat([
        Buffer.from(`DSSEv1 ${type.length} `),
        type,
        Buffer.from(` ${payload.length} `),
        payload,
      ]);
      const paePath = await write(dir, 'pae.bin', pae);
      const sig = await write(dir, 'sig.der', Buffer.from(b.dsseEnvelope.signatures[0]!.sig, 'base64'));
      const { stdout: pub } = await run('openssl', ['x509', '-in', leaf, '-pubkey', '-noout']);
      const pubPath = await write(dir, 'pub.pem', pub);

      const ok = await run('openssl', ['dgst', '-sha256', '-verify', pubPath, '-signature', sig, paePath]);
      expect(ok.stdout).toContain('Verified OK');
      // Negative control: the same check over other bytes must fail, or the check above proves nothing.
      const other = await write(dir, 'other.bin', Buffer.concat([pae, Buffer.from(' ')]));
      await expect(
        run('openssl', ['dgst', '-sha256', '-verify', pubPath, '-signature', sig, other]),
      ).rejects.toThrow();

      const chain = await run('openssl', ['verify', '-CAfile', ca, leaf]);
      expect(chain.stdout).toContain(': OK');
      const stranger = await startSigstoreStack();
      try {
        const strangerCa = await write(dir, 'stranger.pem', stranger.caCertificatePem);
        await expect(run('openssl', ['verify', '-CAfile', strangerCa, leaf])).rejects.toThrow();
      } finally {
        await stranger.stop();
      }
    });
  });
});

describe('faults: retried until the service answers', () => {
  it.each<['fulcio' | 'rekor' | 'tsa', Witnesses]>([
    ['fulcio', 'both'],
    ['rekor', 'rekor'],
    ['tsa', 'tsa'],
  ])('%s: 503 twice, then success', async (service, witnesses) => {
    stack.faults.failNext(service, 2, 503);
    const { options, sleeps } = optionsFor(stack, witnesses, token);
    const result = await signStatement(STATEMENT, options);
    expect(() => verify(result, witnesses)).not.toThrow();
    expect(stack.faults.requests(service)).toBe(3);
    expect(sleeps).toHaveLength(2);
  });

  it.each<['fulcio' | 'rekor' | 'tsa', Witnesses]>([
    ['fulcio', 'rekor'],
    ['rekor', 'both'],
    ['tsa', 'both'],
  ])('%s: honours Retry-After on 429', async (service, witnesses) => {
    stack.faults.rateLimitNext(service, 1, 7);
    const { options, sleeps } = optionsFor(stack, witnesses, token);
    const result = await signStatement(STATEMENT, options);
    expect(() => verify(result, witnesses)).not.toThrow();
    // Backoff alone would wait at most 1 s before the first retry; 7 s can only come from the header.
    expect(sleeps).toEqual([7000]);
  });

  it.each<['fulcio' | 'rekor' | 'tsa', Witnesses]>([
    ['fulcio', 'tsa'],
    ['rekor', 'rekor'],
    ['tsa', 'both'],
  ])('%s: connection reset, then success', async (service, witnesses) => {
    stack.faults.resetNext(service, 1);
    const { options, sleeps } = optionsFor(stack, witnesses, token);
    const result = await signStatement(STATEMENT, options);
    expect(() => verify(result, witnesses)).not.toThrow();
    expect(sleeps).toHaveLength(1);
  });

  it.each<['fulcio' | 'rekor' | 'tsa', Witnesses]>([
    ['fulcio', 'rekor'],
    ['rekor', 'rekor'],
    ['tsa', 'tsa'],
  ])('%s: garbled body, then success', async (service, witnesses) => {
    stack.faults.garbleNext(service, 1);
    const { options, sleeps } = optionsFor(stack, witnesses, token);
    const result = await signStatement(STATEMENT, options);
    expect(() => verify(result, witnesses)).not.toThrow();
    expect(sleeps).toHaveLength(1);
    // Rekor logged the entry before its answer was garbled: the retry meets 409 and fetches the entry (a GET).
    expect(stack.faults.requests(service)).toBe(service === 'rekor' ? 3 : 2);
  });

  it('a response slower than the timeout is abandoned and retried', async () => {
    stack.faults.delayNext('rekor', 1, 3000);
    const { options, sleeps } = optionsFor(stack, 'rekor', token, { timeoutMs: 500 });
    const result = await signStatement(STATEMENT, options);
    expect(() => verify(result, 'rekor')).not.toThrow();
    expect(sleeps).toHaveLength(1);
  });
});

describe('faults: clear errors when retries run out', () => {
  it.each<['fulcio' | 'rekor' | 'tsa', Witnesses, string]>([
    ['fulcio', 'rekor', 'Fulcio'],
    ['rekor', 'rekor', 'Rekor'],
    ['tsa', 'tsa', 'TSA'],
  ])(
    '%s down: SERVICE_UNAVAILABLE names the service, its URL and what to do',
    async (service, witnesses, name) => {
      stack.faults.failNext(service, 50, 503);
      const { options, sleeps } = optionsFor(stack, witnesses, token, { retry: { retries: 2 } });
      const error = await failure(signStatement(STATEMENT, options));
      expect(error.code).toBe('SERVICE_UNAVAILABLE');
      expect(error.message).toContain(`${name} at ${stack.urls[service]}`);
      expect(error.message).toContain('HTTP 503 after 3 attempt(s)');
      expect(error.message).toMatch(/re-run/);
      expect(sleeps).toHaveLength(2);
    },
  );

  it('refuses to wait for an unreasonable Retry-After', async () => {
    stack.faults.rateLimitNext('fulcio', 1, 3600);
    const { options, sleeps } = optionsFor(stack, 'rekor', token);
    const error = await failure(signStatement(STATEMENT, options));
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.message).toContain('3600 s (Retry-After)');
    expect(sleeps).toEqual([]);
  });

  it('does not retry a request the service refuses outright', async () => {
    stack.faults.failNext('rekor', 1, 400);
    const { options, sleeps } = optionsFor(stack, 'rekor', token);
    const error = await failure(signStatement(STATEMENT, options));
    expect(error.code).toBe('SIGNING_FAILED');
    expect(error.message).toContain(`Rekor at ${stack.urls.rekor}`);
    expect(sleeps).toEqual([]);
    expect(stack.faults.requests('rekor')).toBe(1);
  });
});

describe('token hygiene', () => {
  const expired = Math.floor(Date.now() / 1000) - 120;
  it.each<[string, () => string, string]>([
    ['an untrusted signature', () => stack.issueForeignToken(), 'OIDC_TOKEN_INVALID'],
    ['the wrong audience', () => stack.issueToken({ aud: 'elsewhere' }), 'OIDC_TOKEN_INVALID'],
    [
      'an expiry in the past',
      () => stack.issueToken({ exp: expired, iat: expired - 300, nbf: expired - 300 }),
      'OIDC_TOKEN_INVALID',
    ],
    ['no JWT shape at all', () => 'opaque-secret-token-value-0123456789', 'OIDC_TOKEN_INVALID'],
  ])(
    'a token with %s fails with the right code and never appears in the error',
    async (_label, make, code) => {
      const bad = make();
      const { options } = optionsFor(stack, 'rekor', bad);
      const error = await failure(signStatement(STATEMENT, options));
      expect(error.code).toBe(code);
      const everything = [
        error.message,
        error.stack ?? '',
        JSON.stringify(error),
        JSON.stringify(error.cause ?? null),
      ].join('\n');
      expect(everything).not.toContain(bad);
      for (const part of bad.split('.').filter((p) => p.length > 8)) expect(everything).not.toContain(part);
    },
  );
});

describe('verify-after-sign', () => {
  it("fails with VERIFY_AFTER_SIGN_FAILED against another instance's trusted root", async () => {
    const { options } = optionsFor(stack, 'both', token);
    const result = await signStatement(STATEMENT, options);
    const other = await startSigstoreStack();
    try {
      expect(() =>
        verifyAfterSign(result.bundle, {
          trustedRoot: TrustedRoot.fromJSON(other.trustedRoot),
          expectTlogEntry: true,
        }),
      ).toThrow(expect.objectContaining({ code: 'VERIFY_AFTER_SIGN_FAILED' }));
    } finally {
      await other.stop();
    }
  });

  it('fails when the certificate names another identity than the token claimed', async () => {
    const { options } = optionsFor(stack, 'rekor', token);
    const result = await signStatement(STATEMENT, options);
    expect(() =>
      verifyAfterSign(result.bundle, {
        trustedRoot: TrustedRoot.fromJSON(stack.trustedRoot),
        expectTlogEntry: true,
        expectedIdentity: 'https://github.com/someone/else/.github/workflows/x.yml@refs/heads/main',
      }),
    ).toThrow(expect.objectContaining({ code: 'VERIFY_AFTER_SIGN_FAILED' }));
  });

  it('fails when a TSA-only bundle is required to carry a log entry', async () => {
    const { options } = optionsFor(stack, 'tsa', token);
    const result = await signStatement(STATEMENT, options);
    expect(() =>
      verifyAfterSign(result.bundle, {
        trustedRoot: TrustedRoot.fromJSON(stack.trustedRoot),
        expectTlogEntry: true,
      }),
    ).toThrow(expect.objectContaining({ code: 'VERIFY_AFTER_SIGN_FAILED' }));
  });
});
