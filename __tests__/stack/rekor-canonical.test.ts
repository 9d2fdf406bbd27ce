import { describe, expect, it } from '@jest/globals';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { canonicalDsse, preAuthEncoding } from '../../test-support/sigstore-stack/rekor.js';

const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

function proposal(tamper = false) {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const payload = Buffer.from('{"_type":"https://in-toto.io/Statement/v1"}');
  const type = 'application/vnd.in-toto+json';
  const sig = sign(
    'sha256',
    preAuthEncoding(type, tamper ? Buffer.from('other') : payload),
    privateKey,
  ).toString('base64');
  const envelope = JSON.stringify({
    payload: payload.toString('base64'),
    payloadType: type,
    signatures: [{ sig, keyid: '' }],
  });
  const verifier = Buffer.from(publicKey.export({ format: 'pem', type: 'spki' }).toString()).toString(
    'base64',
  );
  return {
    payload,
    envelope,
    sig,
    verifier,
    entry: {
      kind: 'dsse' as const,
      apiVersion: '0.0.1' as const,
      spec: { proposedContent: { envelope, verifiers: [verifier] } },
    },
  };
}

describe('Rekor dsse canonicalisation', () => {
  it('turns a proposal into envelopeHash, payloadHash and signatures with their verifier', () => {
    const p = proposal();
    expect(canonicalDsse(p.entry)).toEqual({
      apiVersion: '0.0.1',
      kind: 'dsse',
      spec: {
        envelopeHash: { algorithm: 'sha256', value: sha256(p.envelope) },
        payloadHash: { algorithm: 'sha256', value: sha256(p.payload) },
        signatures: [{ signature: p.sig, verifier: p.verifier }],
      },
    });
  });

  it('refuses a signature that does not cover the payload, as Rekor does', () => {
    expect(canonicalDsse(proposal(true).entry)).toMatch(/does not verify/);
  });

  it('encodes the DSSE PAE with byte lengths', () => {
    expect(preAuthEncoding('t', Buffer.from('héllo')).toString()).toBe('DSSEv1 1 t 6 héllo');
  });
});
