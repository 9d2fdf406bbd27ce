/**
 * Signed requests checked by the verifier `provenant verify` uses: the bundle parsed by the same loader and its
 * cryptography (certificate chain to the broker's trusted root, SCTs, log entry or timestamp, signature) checked by
 * the same function. What the statement says is the policy's business, in the use case.
 */
import type { TrustMaterial } from '@sigstore/verify';
import type { VerifiedBundle } from '../../app/ports.js';
import { ProvenantError } from '../../core/errors.js';
import { parseBundle } from '../sigstore/bundle-loader.js';
import { verifyBundleCrypto } from '../sigstore/verifier.js';

export function requestVerifier(trust: TrustMaterial): (bundle: unknown) => VerifiedBundle {
  return (bundle) => {
    if (typeof bundle !== 'object' || bundle === null)
      throw new ProvenantError(
        'KEY_REQUEST_INVALID',
        'bundle: expected the signed request as a Sigstore bundle (a JSON object), got none.',
      );
    const parsed = parseBundle(JSON.stringify(bundle), 'the request bundle');
    if (parsed.content.$case !== 'dsseEnvelope')
      throw new ProvenantError(
        'KEY_REQUEST_INVALID',
        'the request bundle: expected a DSSE envelope over an in-toto statement, got a message signature.',
      );
    return verifyBundleCrypto(parsed, { source: 'the request bundle', trust, artifact: {} });
  };
}
