/**
 * Builds the trusted root (Sigstore TrustedRoot JSON, as in the public-good root) that matches this stack's
 * keys. The checkpoint signature line names the log by `host:port`, and verifiers match it against
 * `tlogs[].baseUrl`, so the base URL is the Rekor server's own. Validity starts are backdated a few minutes
 * because integrated times and certificate notBefore are rounded down to whole seconds.
 *
 * The Rekor v2 log is listed after the v1 log: its key (Ed25519 or ECDSA), its log ID (the checkpoint key ID,
 * which its entries carry as `logId`), and its base URL, which contains its checkpoint origin (`host:port`) as
 * @sigstore/verify requires of the name on a checkpoint signature.
 */
import { createHash } from 'node:crypto';
import type { CA, CTLog, TLog, TSA } from './mock-modules.js';
import type { LogKey } from './rekor-v2-note.js';

export interface TrustedRootInputs {
  readonly ca: CA;
  readonly ctLog: CTLog;
  readonly tlog: TLog;
  readonly tsa: TSA;
  readonly rekorV2?: Pick<LogKey, 'spki' | 'keyDetails' | 'keyId'>;
  readonly urls: {
    readonly fulcio: string;
    readonly rekor: string;
    readonly rekorV2?: string;
    readonly tsa: string;
  };
  readonly validFrom: Date;
}

const b64 = (bytes: ArrayBufferView): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

export function buildTrustedRoot(input: TrustedRootInputs): Record<string, unknown> {
  const start = input.validFrom.toISOString();
  const key = (raw: ArrayBufferView) => ({
    rawBytes: b64(raw),
    keyDetails: 'PKIX_ECDSA_P256_SHA_256',
    validFor: { start },
  });
  return {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [
      {
        baseUrl: input.urls.rekor,
        hashAlgorithm: 'SHA2_256',
        publicKey: key(input.tlog.publicKey),
        logId: { keyId: createHash('sha256').update(input.tlog.publicKey).digest('base64') },
      },
      ...(input.rekorV2 && input.urls.rekorV2
        ? [
            {
              baseUrl: input.urls.rekorV2,
              hashAlgorithm: 'SHA2_256',
              publicKey: { ...key(input.rekorV2.spki), keyDetails: input.rekorV2.keyDetails },
              logId: { keyId: b64(input.rekorV2.keyId) },
            },
          ]
        : []),
    ],
    certificateAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'sigstore' },
        uri: input.urls.fulcio,
        certChain: { certificates: [{ rawBytes: b64(input.ca.rootCertificate) }] },
        validFor: { start },
      },
    ],
    ctlogs: [
      {
        baseUrl: `${input.urls.fulcio}/ct`,
        hashAlgorithm: 'SHA2_256',
        publicKey: key(input.ctLog.publicKey),
        logId: { keyId: b64(input.ctLog.logID) },
      },
    ],
    timestampAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'tsa' },
        uri: `${input.urls.tsa}/api/v1/timestamp`,
        certChain: {
          certificates: [
            { rawBytes: b64(input.tsa.intCertificate) },
            { rawBytes: b64(input.tsa.rootCertificate) },
          ],
        },
        validFor: { start },
      },
    ],
  };
}
