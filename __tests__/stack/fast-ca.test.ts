/**
 * The stack's fast certificate issuer (test-support/sigstore-stack/fast-ca.ts): after the mock's first certificate for
 * an identity, later ones come from its proven template, and must be what the mock would issue. Checked two ways:
 * directly (the mock CA is asked once per identity; every certificate chains to the CA, carries the key it was asked
 * for, lives ten minutes and names the same identity) and end to end (bundles signed through the stack verify with
 * sigstore-js, SCT included, as the mock's own certificate does).
 */
import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { certificateClaims } from '../../src/core/certificate-claims.js';
import { signStatement } from '../../src/adapters/sigstore/signer.js';
import { verifyAfterSign } from '../../src/adapters/sigstore/verify-after-sign.js';
import { fastCA } from '../../test-support/sigstore-stack/fast-ca.js';
import { initializeCA, initializeCTLog, type CA } from '../../test-support/sigstore-stack/mock-modules.js';
import { startSigstoreStack } from '../../test-support/sigstore-stack/index.js';

const ec = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
const spki = () => new Uint8Array(ec().publicKey.export({ format: 'der', type: 'spki' }));
const pem = (der: ArrayBufferView) =>
  new X509Certificate(Buffer.from(der.buffer, der.byteOffset, der.byteLength));

describe('fastCA', () => {
  it('asks the mock once per identity, and issues certificates like the mock’s for every key after that', async () => {
    const caKeys = ec();
    const ctKeys = ec();
    const mock = await initializeCA(caKeys, await initializeCTLog(ctKeys));
    let mockCalls = 0;
    const counted: CA = {
      rootCertificate: mock.rootCertificate,
      issueCertificate: (o) => {
        mockCalls += 1;
        return mock.issueCertificate(o);
      },
    };
    const ca = fastCA(counted, { ca: caKeys.privateKey, ctLog: ctKeys.privateKey });
    const request = (subjectAltName: string, publicKey: Uint8Array<ArrayBuffer>) =>
      ca.issueCertificate({
        publicKey,
        subjectAltName,
        extensions: [{ oid: '1.3.6.1.4.1.57264.1.8', value: 'https://token.actions.githubusercontent.com' }],
      });
    const keys = [spki(), spki(), spki()];
    const certs = await Promise.all(
      keys.map(async (k) =>
        pem(await request('https://github.com/o/r/.github/workflows/a.yml@refs/heads/main', k)),
      ),
    ).then(async (first) => [
      ...first,
      pem(await request('https://github.com/o/r/.github/workflows/a.yml@refs/heads/main', spki())),
    ]);
    // The three at once all went to the mock (no template yet), the fourth came from the template.
    expect(mockCalls).toBe(3);
    const fast = certs[3]!;
    expect(fast.verify(caKeys.publicKey)).toBe(true);
    expect(fast.issuer).toBe(certs[0]!.issuer);
    expect(fast.subjectAltName).toBe(certs[0]!.subjectAltName);
    expect(fast.keyUsage).toEqual(certs[0]!.keyUsage);
    expect(Date.parse(fast.validTo) - Date.parse(fast.validFrom)).toBe(10 * 60_000);
    expect(Math.abs(Date.parse(fast.validFrom) - Date.now())).toBeLessThan(5_000);
    expect(certificateClaims(fast.raw)).toEqual(certificateClaims(certs[0]!.raw));
    // Another identity is learnt from the mock in turn.
    await request('https://github.com/o/r/.github/workflows/b.yml@refs/heads/main', spki());
    expect(mockCalls).toBe(4);
  });

  it("issues certificates sigstore-js verifies (chain, SCT, identity) through the stack's Fulcio", async () => {
    const stack = await startSigstoreStack();
    try {
      const trustedRoot = TrustedRoot.fromJSON(JSON.parse(await readFile(stack.trustedRootPath, 'utf8')));
      const token = stack.issueToken();
      const seen = new Set<string>();
      for (let i = 0; i < 4; i++) {
        const signed = await signStatement(
          {
            _type: 'https://in-toto.io/Statement/v1',
            subject: [{ name: `a${i}`, digest: { sha256: 'a'.repeat(64) } }],
            predicateType: 'https://slsa.dev/provenance/v1',
            predicate: {},
          },
          {
            endpoints: { fulcioUrl: stack.urls.fulcio, rekorUrl: stack.urls.rekor, tsaUrl: stack.urls.tsa },
            identityToken: token,
          },
        );
        verifyAfterSign(signed.bundle, {
          trustedRoot,
          expectTlogEntry: true,
          expectedIdentity: signed.facts.certificateIdentity,
        });
        seen.add(JSON.stringify(signed.bundle.verificationMaterial));
      }
      expect(seen.size).toBe(4);
    } finally {
      await stack.stop();
    }
  });
});
