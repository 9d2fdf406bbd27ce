/**
 * The cryptography adapter on real bundles: what it makes of a bundle's certificate chain and of its log entries
 * before @sigstore/verify sees them, and which trust material it refuses.
 */
import { describe, expect, it } from '@jest/globals';
import type { Bundle } from '@sigstore/bundle';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBundle } from '../../../src/adapters/sigstore/bundle-loader.js';
import { parseTrustedRoot, publicKeyFromPem, trustMaterial } from '../../../src/adapters/sigstore/trust.js';
import { verifyBundleCrypto } from '../../../src/adapters/sigstore/verifier.js';
import { isProvenantError } from '../../../src/core/errors.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');
const rootText = readFileSync(join(fixtures, 'trust', 'public-good-trusted-root.json'), 'utf8');
const trust = trustMaterial(parseTrustedRoot(rootText, 'public-good'));
const FULL_CHAIN = join(fixtures, 'real-bundles', 'container-based-v1.7.0-v14-full-chain.sigstore.json');
const EMPTY = { sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' };

function load(mutate: (json: any) => void = () => {}): Bundle {
  const json = JSON.parse(readFileSync(FULL_CHAIN, 'utf8'));
  mutate(json);
  return parseBundle(JSON.stringify(json), 'bundle.sigstore.json');
}

function failure(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (e) {
    if (isProvenantError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a failure');
}

describe('verifyBundleCrypto and the certificate chain', () => {
  it('accepts leaf + intermediate + root when the root is a copy of a trusted CA, and reads the leaf only', () => {
    const verified = verifyBundleCrypto(load(), { source: 'b', trust, artifact: EMPTY });
    expect(verified.claims?.sourceRepositoryURI).toBe('https://github.com/slsa-framework/example-package');
  });

  it('never consults certificates after the leaf: replacing them changes nothing', () => {
    const bundle = load((json) => {
      const certs = json.verificationMaterial.x509CertificateChain.certificates;
      certs.splice(1, 2, certs[2], certs[2]);
    });
    expect(verifyBundleCrypto(bundle, { source: 'b', trust, artifact: EMPTY }).kind).toBe('dsse');
  });

  it('refuses a chain that starts with a CA instead of the leaf', () => {
    const bundle = load((json) => json.verificationMaterial.x509CertificateChain.certificates.reverse());
    expect(failure(() => verifyBundleCrypto(bundle, { source: 'b', trust, artifact: EMPTY }))).toEqual({
      code: 'SIGNATURE_INVALID',
      message: expect.stringContaining('a CA certificate where the signing (leaf) certificate belongs'),
    });
  });
});

describe('verifyBundleCrypto and trust material without certificate authorities', () => {
  it('reports a certificate-signed bundle against such a root as TRUST_ROOT_INVALID, not a bad signature', () => {
    const json = JSON.parse(rootText);
    json.certificateAuthorities = [];
    const keyFile = join(fixtures, 'conformance', 'bundle-verify', 'managed-key-happy-path', 'key.pub');
    const key = publicKeyFromPem(readFileSync(keyFile, 'utf8'), 'key.pub');
    const keyOnly = trustMaterial(parseTrustedRoot(JSON.stringify(json), 'edited'), key);
    expect(
      failure(() => verifyBundleCrypto(load(), { source: 'b', trust: keyOnly, artifact: EMPTY })),
    ).toEqual({
      code: 'TRUST_ROOT_INVALID',
      message: expect.stringContaining('certificate authority'),
    });
  });
});
