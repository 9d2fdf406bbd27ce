/**
 * A bundle we cannot verify ourselves must never be published. Right after signing, the fresh bundle is verified
 * cryptographically (certificate chain and SCT, DSSE signature, Rekor SET/inclusion proof, TSA timestamp) against
 * the instance's trust material, and the certificate must name the identity the token claimed.
 */
import { bundleFromJSON } from '@sigstore/bundle';
import type { TrustedRoot } from '@sigstore/protobuf-specs';
import { Verifier, toSignedEntity, toTrustMaterial, type VerificationPolicy } from '@sigstore/verify';
import { ProvenantError } from '../../core/errors.js';
import { secrets } from '../../core/redact.js';

export interface VerifyAfterSignOptions {
  readonly trustedRoot: TrustedRoot;
  /** SAN the certificate must carry (e.g. `https://github.com/<job_workflow_ref>`). */
  readonly expectedIdentity?: string;
  /** OIDC issuer the certificate must carry. */
  readonly expectedIssuer?: string;
  /** Whether the instance writes to Rekor (then one verified entry is required). */
  readonly expectTlogEntry: boolean;
  /** The signed bytes, for a message-signature bundle (a DSSE bundle carries its payload). */
  readonly artifact?: Buffer;
}

export function verifyAfterSign(bundleJson: unknown, options: VerifyAfterSignOptions): void {
  try {
    const bundle = bundleFromJSON(bundleJson);
    const verifier = new Verifier(toTrustMaterial(options.trustedRoot), {
      tlogThreshold: options.expectTlogEntry ? 1 : 0,
      ctlogThreshold: 1,
      timestampThreshold: 1,
    });
    const policy: VerificationPolicy = {
      ...(options.expectedIdentity ? { subjectAlternativeName: options.expectedIdentity } : {}),
      ...(options.expectedIssuer ? { extensions: { issuer: options.expectedIssuer } } : {}),
    };
    verifier.verify(toSignedEntity(bundle, options.artifact), policy);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const detail = secrets.redact(e instanceof Error ? e.message : String(e));
    throw new ProvenantError(
      'VERIFY_AFTER_SIGN_FAILED',
      `expected the fresh bundle to verify against the instance's trusted root, got ${typeof code === 'string' ? `${code}: ` : ''}${detail}. ` +
        'Nothing was published. Check that the trusted root belongs to the Fulcio, Rekor and TSA you signed with.',
    );
  }
}
