import { describe, expect, it } from '@jest/globals';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { parseDerSignature, verifyEcdsaPrehashed, type EcJwk } from '../../src/core/bundle-prehashed.js';

describe('ECDSA over a digest', () => {
  it.each<[string, string]>([
    ['P-256', 'sha256'],
    ['P-256', 'sha512'],
    ['P-384', 'sha384'],
    ['P-384', 'sha256'],
  ])('%s with %s: accepts genuine signatures, refuses altered digests and signatures', (curve, hash) => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
    const jwk = publicKey.export({ format: 'jwk' }) as EcJwk;
    for (let i = 0; i < 5; i++) {
      const data = Buffer.from(`artifact ${i}`);
      const signature = sign(hash, data, privateKey);
      const digest = createHash(hash).update(data).digest();
      expect(verifyEcdsaPrehashed(jwk, digest, signature)).toBe(true);
      const otherDigest = Buffer.from(digest);
      otherDigest[0] = otherDigest[0]! ^ 1;
      expect(verifyEcdsaPrehashed(jwk, otherDigest, signature)).toBe(false);
      const otherSig = Buffer.from(signature);
      otherSig[otherSig.length - 1] = otherSig[otherSig.length - 1]! ^ 1;
      expect(verifyEcdsaPrehashed(jwk, digest, otherSig)).toBe(false);
    }
  });

  it('refuses another key, unknown curves and malformed signatures', () => {
    const a = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const b = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const digest = createHash('sha256').update('x').digest();
    const signature = sign('sha256', Buffer.from('x'), a.privateKey);
    expect(verifyEcdsaPrehashed(b.publicKey.export({ format: 'jwk' }) as EcJwk, digest, signature)).toBe(
      false,
    );
    expect(
      verifyEcdsaPrehashed(
        { ...(a.publicKey.export({ format: 'jwk' }) as EcJwk), crv: 'P-521' },
        digest,
        signature,
      ),
    ).toBe(false);
    expect(parseDerSignature(Buffer.concat([signature, Buffer.from([0])]))).toBeUndefined();
    expect(parseDerSignature(Buffer.from([0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x80]))).toBeUndefined();
    expect(
      verifyEcdsaPrehashed(
        a.publicKey.export({ format: 'jwk' }) as EcJwk,
        digest,
        Buffer.from([0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x01]),
      ),
    ).toBe(false);
  });
});
