import { DEFAULT_SERVER } from './github-identity.js';
import type { Policy } from './types.js';

/** The certificate the Sigstore conformance protocol asks for: `--certificate-identity` and `--certificate-oidc-issuer`. */
export interface ExpectedCertificate {
  identity: string;
  issuer: string;
}

/**
 * The conformance protocol's policy: the exact identity and issuer (nothing, when the bundle is checked with a key);
 * the artifact among the statement's subjects, always; no predicate-type, GitHub or statement-source rules.
 */
export function conformancePolicy(certificate?: ExpectedCertificate): Policy {
  const policy: Policy = {
    server: DEFAULT_SERVER,
    denySelfHostedRunners: false,
    checkStatementSource: false,
  };
  if (certificate) {
    policy.identity = { exact: certificate.identity };
    policy.issuer = certificate.issuer;
  }
  return policy;
}
