/**
 * The chain work done once (chain-cache.ts), on a real bundle and the public-good trusted root: certificates compare
 * by their DER, the trust material's CAs check their part of a chain once, and a leaf seen before skips sigstore-js's
 * path validation only at times inside the validity of every certificate of its path.
 */
import { describe, expect, it } from '@jest/globals';
import { X509Certificate } from '@sigstore/core';
import { toSignedEntity, Verifier } from '@sigstore/verify';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { leafCertificate } from '../../../src/adapters/sigstore/bundle-facts.js';
import { parseBundle } from '../../../src/adapters/sigstore/bundle-loader.js';
import {
  KnownDerCertificate,
  memoizeChains,
  withKnownDer,
} from '../../../src/adapters/sigstore/chain-cache.js';
import { parseTrustedRoot, trustMaterial } from '../../../src/adapters/sigstore/trust.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');
const trust = withKnownDer(
  trustMaterial(
    parseTrustedRoot(readFileSync(join(fixtures, 'trust', 'public-good-trusted-root.json'), 'utf8'), 'pg'),
  ),
);
const bundle = parseBundle(
  readFileSync(join(fixtures, 'real-bundles', 'rfc8785-0.1.2.whl.sigstore.json'), 'utf8'),
  'b',
);

/** The bundle's entity with its leaf as a KnownDerCertificate, as verifier.ts hands it to sigstore-js. */
function entity() {
  const e = toSignedEntity(bundle, Buffer.alloc(0));
  const leaf = leafCertificate(bundle);
  if (e.key.$case !== 'certificate' || !leaf) throw new Error('fixture');
  return { ...e, key: { ...e.key, certificate: KnownDerCertificate.of(e.key.certificate, leaf) } };
}
const signedAt = new Date(Number(bundle.verificationMaterial.tlogEntries[0]!.integratedTime) * 1000);

/** A verifier whose signing-key check counts how often sigstore-js's own check runs under the memo. */
function counted() {
  const verifier = new Verifier(trust);
  const target = verifier as unknown as { verifySigningKey: (e: unknown, t: Date[]) => unknown };
  const original = target.verifySigningKey.bind(verifier);
  const calls: Date[][] = [];
  target.verifySigningKey = (e, t) => {
    calls.push(t);
    return original(e, t);
  };
  memoizeChains(verifier, trust);
  return { check: (t: Date[]) => target.verifySigningKey(entity(), t), calls };
}

describe('certificate chains checked once', () => {
  it('compares certificates by their DER, and clones them from it', () => {
    const { key } = entity();
    const again = entity().key;
    expect(key.certificate.equals(again.certificate)).toBe(true);
    expect(key.certificate.equals(trust.certificateAuthorities[0]!.certChain[0]!)).toBe(false);
    const clone = key.certificate.clone();
    expect(clone).not.toBeInstanceOf(KnownDerCertificate);
    expect(Buffer.from(clone.root.toDER()).equals(key.certificate.der)).toBe(true);
    // The copy is independent: what sigstore-js removes from it stays in the original.
    const extensions = key.certificate.extensions.length;
    clone.extensions.splice(0, 1);
    expect(key.certificate.extensions).toHaveLength(extensions);
    expect(Buffer.from(key.certificate.root.toDER()).equals(key.certificate.der)).toBe(true);
  });

  it('checks a CA certificate against an issuer once, with the same answer as sigstore-js', () => {
    const [intermediate, root] = trust.certificateAuthorities.at(-1)!.certChain;
    const plain = X509Certificate.parse(Buffer.from(root!.root.toDER()));
    expect(root!.verify()).toBe(plain.verify());
    expect(intermediate!.verify(root)).toBe(true);
    expect(intermediate!.verify(intermediate)).toBe(
      X509Certificate.parse(Buffer.from(intermediate!.root.toDER())).verify(),
    );
  });

  it('validates a leaf seen before once, at times inside its path', () => {
    const { check, calls } = counted();
    const signer = check([signedAt]);
    expect(calls).toHaveLength(1);
    expect(check([signedAt])).toBe(signer);
    expect(check([new Date(signedAt.getTime() + 1000)])).toBe(signer);
    expect(calls).toHaveLength(1);
  });

  it('never takes the memo at a time outside the leaf’s validity: sigstore-js checks, and refuses', () => {
    const { check, calls } = counted();
    check([signedAt]);
    const later = new Date(signedAt.getTime() + 24 * 3600 * 1000); // Fulcio leaves live ten minutes
    expect(() => check([signedAt, later])).toThrow(/certificate/i);
    expect(calls).toHaveLength(2);
    expect(() => check([new Date(0)])).toThrow();
    expect(calls).toHaveLength(3);
  });
});
