/**
 * What a fresh bundle tells the user and the action's outputs: who the certificate names, where the log put the
 * entry, and when the signature was timestamped.
 */
import type { Bundle } from '@sigstore/bundle';
import { RFC3161Timestamp } from '@sigstore/core';
import type { BundleFacts } from '../../app/ports.js';
import { certificateClaims } from '../../core/certificate-claims.js';

export function leafCertificate(bundle: Bundle): Buffer | undefined {
  const content = bundle.verificationMaterial.content;
  if (content.$case === 'certificate') return content.certificate.rawBytes;
  if (content.$case === 'x509CertificateChain') return content.x509CertificateChain.certificates[0]?.rawBytes;
  return undefined;
}

export function bundleFacts(bundle: Bundle): BundleFacts {
  const leaf = leafCertificate(bundle);
  const claims = leaf ? certificateClaims(leaf) : undefined;
  const tlog = bundle.verificationMaterial.tlogEntries[0];
  const signed = bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps[0]?.signedTimestamp;
  return {
    certificateIdentity: claims?.subjectAlternativeName ?? '',
    ...(claims?.issuer ? { certificateIssuer: claims.issuer } : {}),
    // Rekor v2 entries carry no integrated time ("0"): their time is the timestamp's.
    ...(tlog ? { rekorLogIndex: tlog.logIndex } : {}),
    ...(tlog && Number(tlog.integratedTime) > 0
      ? { integratedTime: new Date(Number(tlog.integratedTime) * 1000).toISOString() }
      : {}),
    ...(signed ? { timestamp: RFC3161Timestamp.parse(Buffer.from(signed)).signingTime.toISOString() } : {}),
  };
}
