import type { Policy, Rule } from '../types.js';

function wantsIdentity(policy: Policy): boolean {
  return Boolean(
    policy.identity ||
    policy.issuer !== undefined ||
    policy.signerWorkflow ||
    policy.signerRepo ||
    policy.signerOwner !== undefined ||
    policy.signerDigest !== undefined ||
    policy.sourceRepo !== undefined ||
    policy.sourceOwner !== undefined ||
    policy.sourceRef !== undefined ||
    policy.sourceDigest !== undefined ||
    policy.denySelfHostedRunners,
  );
}

/**
 * Identity rules read the certificate; a bundle signed with a bare key has none. Without this rule each of them
 * would skip silently and a key-signed bundle would satisfy any identity policy.
 */
export const certificateRule: Rule = (input, policy) => {
  if (input.claims || !wantsIdentity(policy)) return undefined;
  return {
    code: 'CERT_IDENTITY_MISMATCH',
    rule: 'certificate',
    message:
      'expected a bundle signed with a Fulcio certificate (the identity flags check its claims), got one signed with a public key. ' +
      'Verify key-signed bundles with the key (verify-bundle --key), or use the certificate-based bundle.',
  };
};
