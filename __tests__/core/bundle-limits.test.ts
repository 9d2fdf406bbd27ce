import { describe, expect, it } from '@jest/globals';
import {
  asn1ObjectsExceed,
  BUNDLE_LIMITS,
  checkBundleShape,
  jsonShapeExceeds,
} from '../../src/core/bundle-limits.js';
import { isProvenantError } from '../../src/core/errors.js';

const nulls = (n: number) => {
  // SEQUENCE (long-form length) of n NULLs.
  const content = Buffer.alloc(n * 2, Buffer.from([0x05, 0x00]));
  return Buffer.concat([
    Buffer.from([0x30, 0x83, content.length >> 16, (content.length >> 8) & 255, content.length & 255]),
    content,
  ]);
};

function refusal(json: Record<string, unknown>): string {
  try {
    checkBundleShape(json, 'b.sigstore.json');
  } catch (e) {
    if (isProvenantError(e) && e.code === 'BUNDLE_TOO_LARGE') return e.message;
    throw e;
  }
  return 'accepted';
}

describe('structural limits of a bundle', () => {
  it('measures JSON depth, values and containers outside strings, stopping at the first limit passed', () => {
    expect(jsonShapeExceeds('{"a":"[[[[,,,,"}', { depth: 1, values: 1 })).toBeUndefined();
    expect(jsonShapeExceeds('[[[1]]]', { depth: 2 })).toBe('depth');
    expect(jsonShapeExceeds('[1,2,3]', { depth: 9, values: 2 })).toBe('values');
    expect(jsonShapeExceeds('[{},{},{}]', { depth: 9, containers: 3 })).toBe('containers');
    expect(jsonShapeExceeds(`[${'{},'.repeat(999)}{}]`, { depth: 9, containers: 1000 })).toBe('containers');
  });

  it('counts ASN.1 objects without building them, nested or not', () => {
    expect(asn1ObjectsExceed(nulls(10), 11)).toBe(false);
    expect(asn1ObjectsExceed(nulls(10), 10)).toBe(true);
    expect(
      asn1ObjectsExceed(Buffer.concat([Buffer.from([0x30, 0x04]), Buffer.from([0x30, 0x02, 0x05, 0x00])]), 2),
    ).toBe(true);
    // A million NULLs are refused after the limit, not after the million.
    expect(asn1ObjectsExceed(nulls(1_000_000), BUNDLE_LIMITS.asn1Objects)).toBe(true);
  });

  it('refuses too many certificates, timestamps, entries, proof hashes or signatures, naming the bundle and limit', () => {
    const many = (n: number, item: unknown) => Array.from({ length: n }, () => item);
    const cases: [Record<string, unknown>, RegExp][] = [
      [
        { verificationMaterial: { x509CertificateChain: { certificates: many(9, { rawBytes: 'AA==' }) } } },
        /at most 8 certificates in the chain, got 9/,
      ],
      [
        { verificationMaterial: { certificate: { rawBytes: 'A'.repeat(44_000) } } },
        /at most 32768 bytes in certificate 0, got 33000/,
      ],
      [
        { verificationMaterial: { timestampVerificationData: { rfc3161Timestamps: many(33, {}) } } },
        /at most 32 RFC 3161 timestamps, got 33/,
      ],
      [
        { verificationMaterial: { tlogEntries: many(33, {}) } },
        /at most 32 transparency-log entries, got 33/,
      ],
      [
        { verificationMaterial: { tlogEntries: [{ inclusionProof: { hashes: many(65, 'AA==') } }] } },
        /at most 64 hashes in the inclusion proof of log entry 0/,
      ],
      [{ dsseEnvelope: { signatures: many(9, {}) } }, /at most 8 DSSE signatures, got 9/],
    ];
    for (const [json, message] of cases)
      expect(refusal(json)).toMatch(new RegExp(`^b\\.sigstore\\.json: expected ${message.source}`));
    expect(
      refusal({ verificationMaterial: { tlogEntries: many(32, {}) }, dsseEnvelope: { signatures: [{}] } }),
    ).toBe('accepted');
  });
});
