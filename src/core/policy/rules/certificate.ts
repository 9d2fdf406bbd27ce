import type { ErrorCode } from '../../errors.js';
import type { Violation } from '../types.js';

/**
 * What a rule that reads the certificate returns when the bundle has none (it was signed with a bare public key,
 * which names nobody). Each such rule calls this itself, so no rule can pass by default for a key-signed bundle.
 */
export function keySigned(code: ErrorCode, rule: string, wanted: string): Violation {
  return {
    code,
    rule,
    message:
      `expected a Fulcio certificate naming ${wanted}, got a key-signed bundle (no certificate, so no identity to check). ` +
      'Verify key-signed bundles with their key (verify-bundle --key), or use the certificate-based bundle.',
  };
}
