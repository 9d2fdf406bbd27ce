import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bundleFromJSON, bundleToJSON, type Bundle, type SerializedBundle } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import {
  DSSEBundleBuilder,
  FulcioSigner,
  MessageSignatureBundleBuilder,
  TSAWitness,
  type Witness,
} from '@sigstore/sign';
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';
import { createHash } from 'node:crypto';
import { rekorV2Witness } from '../../../src/adapters/sigstore/rekor-v2-witness.js';
import { verifyBundleCrypto } from '../../../src/adapters/sigstore/verifier.js';
import { verifyAfterSign } from '../../../src/adapters/sigstore/verify-after-sign.js';
import { startSigstoreStack, type SigstoreStack } from '../../../test-support/sigstore-stack/index.js';
import { hashedRekordRequest, post } from '../../stack/rekor-v2-support.js';
import { STATEMENT } from './support.js';

let stack: SigstoreStack;
const IDENTITY = 'https://github.com/octo-org/octo-repo/.github/workflows/release.yml@refs/tags/v1.0.0';
const PAYLOAD = Buffer.from(JSON.stringify(STATEMENT));
const ARTIFACT = Buffer.from('the release archive');
let dsseJson: SerializedBundle;
let messageJson: SerializedBundle;

function builderOptions() {
  return {
    signer: new FulcioSigner({
      fulcioBaseURL: stack.urls.fulcio,
      identityProvider: { getToken: () => Promise.resolve(stack.issueToken()) },
      timeout: 5000,
      retry: 0,
    }),
    witnesses: [
      rekorV2Witness({ baseUrl: stack.urls.rekorV2, timeoutMs: 5000 }),
      new TSAWitness({ tsaBaseURL: stack.urls.tsa, timeout: 5000, retry: 0 }),
    ],
  };
}

const signDsse = async () =>
  bundleToJSON(
    await new DSSEBundleBuilder(builderOptions()).create({
      data: PAYLOAD,
      type: 'application/vnd.in-toto+json',
    }),
  );
const signMessage = async () =>
  bundleToJSON(await new MessageSignatureBundleBuilder(builderOptions()).create({ data: ARTIFACT }));

const v2Log = () => (stack.trustedRoot['tlogs'] as { baseUrl: string; logId: { keyId: string } }[])[1]!;
const verifierFor = (root: Record<string, unknown> = stack.trustedRoot) =>
  new Verifier(toTrustMaterial(TrustedRoot.fromJSON(root)));
/** Verifies as written to disk and read back: JSON in, @sigstore/verify's default thresholds (1 log, 1 time). */
const verify = (json: unknown, artifact?: Buffer, root?: Record<string, unknown>) =>
  verifierFor(root).verify(toSignedEntity(bundleFromJSON(json), artifact), {
    subjectAlternativeName: IDENTITY,
  });
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();
const entryOf = (json: SerializedBundle) => json.verificationMaterial.tlogEntries[0]!;
const bodyOf = (json: SerializedBundle) =>
  JSON.parse(Buffer.from(entryOf(json).canonicalizedBody, 'base64').toString()) as {
    spec: { hashedRekordV002: { data: { algorithm: string; digest: string } } };
  };

beforeAll(async () => {
  stack = await startSigstoreStack();
  // Other entries first, so proofs have hashes and the checkpoint is not the entry's own leaf.
  for (const d of ['a', 'b', 'c', 'd', 'e'])
    expect((await post(stack.urls.rekorV2, hashedRekordRequest(Buffer.from(d)))).status).toBe(201);
  [dsseJson, messageJson] = [await signDsse(), await signMessage()];
});
afterAll(() => stack.stop());

describe('signing with the Rekor v2 witness and a TSA', () => {
  it('makes a DSSE bundle @sigstore/verify accepts, logged as hashedrekord 0.0.2 over the SHA-256 of the PAE', () => {
    expect(() => verify(dsseJson)).not.toThrow();
    const entry = entryOf(dsseJson);
    expect(entry).toMatchObject({
      logIndex: '5',
      kindVersion: { kind: 'hashedrekord', version: '0.0.2' },
      logId: { keyId: v2Log().logId.keyId },
    });
    expect(entry.inclusionPromise).toBeUndefined();
    // No time from the log: the JSON leaves integrated time out, and reading it back gives 0.
    expect(entry.integratedTime).toBeUndefined();
    expect(bundleFromJSON(dsseJson).verificationMaterial.tlogEntries[0]!.integratedTime).toBe('0');
    expect(entry.inclusionProof?.checkpoint.envelope).toContain(
      `\n\u2014 ${new URL(stack.urls.rekorV2).host} `,
    );
    const pae = Buffer.concat([
      Buffer.from(`DSSEv1 28 application/vnd.in-toto+json ${PAYLOAD.length} `),
      PAYLOAD,
    ]);
    expect(bodyOf(dsseJson).spec.hashedRekordV002.data).toEqual({
      algorithm: 'SHA2_256',
      digest: sha256(pae).toString('base64'),
    });
    expect(dsseJson.verificationMaterial.timestampVerificationData?.rfc3161Timestamps).toHaveLength(1);
  });

  it("passes Provenant's own check after signing (certificate identity, one log entry, one timestamp)", () => {
    expect(() =>
      verifyAfterSign(dsseJson, {
        trustedRoot: TrustedRoot.fromJSON(stack.trustedRoot),
        expectTlogEntry: true,
        expectedIdentity: IDENTITY,
        expectedIssuer: 'https://token.actions.githubusercontent.com',
      }),
    ).not.toThrow();
  });

  it("passes Provenant's verifier for both kinds, with the TSA's time as the only verified time", () => {
    const trust = toTrustMaterial(TrustedRoot.fromJSON(stack.trustedRoot));
    const dsse = verifyBundleCrypto(bundleFromJSON(dsseJson), { source: 'dsse', trust, artifact: {} });
    expect(dsse.kind).toBe('dsse');
    expect(dsse.timestamps).toHaveLength(1);
    expect(Math.abs(dsse.timestamps[0]!.getTime() - Date.now())).toBeLessThan(60_000);
    const artifact = { sha256: sha256(ARTIFACT).toString('hex') };
    const message = verifyBundleCrypto(bundleFromJSON(messageJson), { source: 'message', trust, artifact });
    expect(message).toMatchObject({
      kind: 'message-signature',
      claims: { subjectAlternativeName: IDENTITY },
    });
  });

  it('makes a message-signature bundle @sigstore/verify accepts, logged over the artifact digest', () => {
    expect(() => verify(messageJson, ARTIFACT)).not.toThrow();
    expect(bodyOf(messageJson).spec.hashedRekordV002.data.digest).toBe(sha256(ARTIFACT).toString('base64'));
    expect(() => verify(messageJson, Buffer.from('another archive'))).toThrow();
  });

  it('signs in parallel against a slow log: the writes share a checkpoint and every bundle verifies', async () => {
    stack.rekorV2.log.writeLatencyMs = 400;
    try {
      const started = Date.now();
      const bundles = await Promise.all([signDsse(), signDsse(), signMessage()]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(390);
      expect(new Set(bundles.map((b) => entryOf(b).inclusionProof!.checkpoint.envelope)).size).toBe(1);
      verify(bundles[0]);
      verify(bundles[1]);
      verify(bundles[2], ARTIFACT);
    } finally {
      stack.rekorV2.log.writeLatencyMs = 0;
    }
  });
});

describe('a write whose answer was lost', () => {
  it('is completed from the log on the retry, and the bundle verifies', async () => {
    // The log ID from the trusted root, as a signing session has it: the first write is the one whose answer is lost.
    const logId = Buffer.from(v2Log().logId.keyId, 'base64');
    const inner = rekorV2Witness({ baseUrl: stack.urls.rekorV2, timeoutMs: 5000, logId });
    const retryOnce: Witness = {
      testify: (content, key) => inner.testify(content, key).catch(() => inner.testify(content, key)),
    };
    const before = stack.rekorV2.log.size;
    stack.rekorV2.faults.loseResponseNext('rekor');
    const options = { ...builderOptions(), witnesses: [retryOnce, builderOptions().witnesses[1]!] };
    const bundle = bundleToJSON(await new MessageSignatureBundleBuilder(options).create({ data: ARTIFACT }));
    expect(stack.rekorV2.faults.pending('rekor')).toBe(0);
    expect(stack.rekorV2.log.size).toBe(before + 1);
    expect(entryOf(bundle).logIndex).toBe(String(before));
    expect(() => verify(bundle, ARTIFACT)).not.toThrow();
  });
});

type Mutation = (b: SerializedBundle) => void;
const replaceLine = (envelope: string, n: number, value: string) =>
  envelope
    .split('\n')
    .map((l, i) => (i === n ? value : l))
    .join('\n');

describe('the same bundle, tampered, is refused', () => {
  it.each<[string, Mutation, RegExp]>([
    [
      'a proof hash changed',
      (b) => void (entryOf(b).inclusionProof!.hashes[0] = Buffer.alloc(32).toString('base64')),
      /TLOG_INCLUSION_PROOF_ERROR/,
    ],
    [
      'the proof moved to another index',
      (b) => void (entryOf(b).inclusionProof!.logIndex = '4'),
      /TLOG_INCLUSION_PROOF_ERROR/,
    ],
    [
      'the body of another entry',
      (b) => void (entryOf(b).canonicalizedBody = entryOf(messageJson).canonicalizedBody),
      /TLOG/,
    ],
    [
      'the checkpoint root changed',
      (b) => {
        const proof = entryOf(b).inclusionProof!;
        proof.checkpoint.envelope = replaceLine(
          proof.checkpoint.envelope,
          2,
          Buffer.alloc(32).toString('base64'),
        );
      },
      /TLOG_INCLUSION_PROOF_ERROR/,
    ],
    [
      'the checkpoint signed under another name',
      (b) => {
        const proof = entryOf(b).inclusionProof!;
        proof.checkpoint.envelope = proof.checkpoint.envelope.replace(/\u2014 \S+ /, '\u2014 log.example ');
      },
      /TLOG_INCLUSION_PROOF_ERROR/,
    ],
    [
      'the log ID of the v1 log',
      (b) =>
        void (entryOf(b).logId.keyId = (
          stack.trustedRoot['tlogs'] as { logId: { keyId: string } }[]
        )[0]!.logId.keyId),
      /TLOG/,
    ],
    [
      'the kind changed to dsse',
      (b) => void (entryOf(b).kindVersion = { kind: 'dsse', version: '0.0.2' }),
      /TLOG_BODY_ERROR/,
    ],
    [
      'the payload changed',
      (b) => void (b.dsseEnvelope!.payload = Buffer.from('{}').toString('base64')),
      /TLOG_BODY_ERROR|SIGNATURE/,
    ],
    [
      'no RFC 3161 timestamp (Rekor v2 gives no time)',
      (b) => void (b.verificationMaterial.timestampVerificationData = { rfc3161Timestamps: [] }),
      /TIMESTAMP_ERROR/,
    ],
  ])('%s', (_label, mutate, code) => {
    const copy = structuredClone(dsseJson);
    mutate(copy);
    let caught: unknown;
    try {
      verify(copy);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeDefined();
    expect(`${(caught as { code?: string }).code}: ${(caught as Error).message}`).toMatch(code);
  });

  it('is refused by a trusted root that does not list the v2 log', () => {
    const root = { ...stack.trustedRoot, tlogs: [(stack.trustedRoot['tlogs'] as unknown[])[0]] };
    expect(() => verify(dsseJson, undefined, root)).toThrow(/inclusion proof|checkpoint/i);
  });

  it('holds the bundle the tampering started from (the mutations act on copies)', () => {
    const bundle: Bundle = bundleFromJSON(dsseJson);
    expect(bundle.verificationMaterial.tlogEntries).toHaveLength(1);
    expect(() => verify(dsseJson)).not.toThrow();
  });
});
