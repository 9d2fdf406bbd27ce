import type { TrustedRoot } from '@sigstore/protobuf-specs';
import type { Logger, SigningSession, SigstoreInstance } from '../../app/ports.js';
import { inputError } from '../../core/errors.js';
import { rekorEntryUrl } from './instances.js';
import type { RetryPolicy } from './retry.js';
import { signStatement } from './signer.js';
import { fetchTrustedRoot, loadTrustedRootFile } from './trust.js';
import { verifyAfterSign } from './verify-after-sign.js';

export interface SessionOptions {
  instance: SigstoreInstance;
  /** The identity token, or where to get a fresh one for each signature (tokens expire within minutes). */
  token: string | (() => Promise<string>);
  /** Deadline of each request to Fulcio, Rekor and the TSA (default 30 s). */
  timeoutMs?: number;
  /** The SAN and issuer the token claims, which the fresh certificate must carry. */
  expectedIdentity?: string;
  expectedIssuer?: string;
  verifyAfterSign: boolean;
  /** A trusted root file overriding TUF for the known instances (required for custom ones). */
  trustedRootPath?: string;
  tufCacheDir?: string;
  retry?: Partial<RetryPolicy>;
  log: Logger;
}

/** A file when one is given (resolveInstance requires one for a custom instance); otherwise the instance's TUF. */
async function sessionTrustedRoot(options: SessionOptions): Promise<TrustedRoot> {
  const { instance } = options;
  const file = options.trustedRootPath ?? instance.trustedRootPath;
  if (file) return loadTrustedRootFile(file);
  if (instance.name === 'custom') {
    throw inputError(
      'SIGSTORE_CONFIG_INVALID',
      'expected trusted-root (the trusted_root.json of the custom instance) to verify the fresh bundle, got none; set trusted-root.',
    );
  }
  return fetchTrustedRoot({
    instance: instance.name,
    ...(options.tufCacheDir ? { cacheDir: options.tufCacheDir } : {}),
  });
}

/** Binds the signer and the verify-after-sign check to one instance and one identity token. */
export async function openSigningSession(options: SessionOptions): Promise<SigningSession> {
  const { instance } = options;
  const root = options.verifyAfterSign ? await sessionTrustedRoot(options) : undefined;
  return {
    instance,
    sign: (statement) => signWith(options, statement, false),
    signMessage: (bytes) => signWith(options, bytes, true),
    ...(root
      ? {
          verifyAfterSign: (bundle: unknown, signedBytes?: Uint8Array) => {
            verifyAfterSign(bundle, {
              ...(signedBytes ? { artifact: Buffer.from(signedBytes) } : {}),
              trustedRoot: root,
              expectTlogEntry: instance.rekorUrl !== undefined,
              ...(options.expectedIdentity ? { expectedIdentity: options.expectedIdentity } : {}),
              ...(options.expectedIssuer ? { expectedIssuer: options.expectedIssuer } : {}),
            });
            return Promise.resolve();
          },
        }
      : {}),
  };
}

/** One signature through the session's instance: a DSSE statement, or (messageSignature) the bytes themselves. */
async function signWith(options: SessionOptions, content: object | Uint8Array, messageSignature: boolean) {
  const { instance } = options;
  const token = typeof options.token === 'string' ? options.token : await options.token();
  const r = await signStatement(content, {
    messageSignature,
    endpoints: {
      fulcioUrl: instance.fulcioUrl,
      ...(instance.rekorUrl ? { rekorUrl: instance.rekorUrl } : {}),
      ...(instance.rekorApiVersion ? { rekorApiVersion: instance.rekorApiVersion } : {}),
      ...(instance.tsaUrl ? { tsaUrl: instance.tsaUrl } : {}),
    },
    identityToken: token,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    onRetry: (service, attempt, delayMs, failure) =>
      options.log.warn(
        `${service.name} at ${service.url} answered ${failure.reason}; retry ${attempt} in ${(delayMs / 1000).toFixed(1)} s`,
      ),
  });
  const entryUrl = rekorEntryUrl(instance, r.facts.rekorLogIndex);
  return {
    bundleJson: r.bundleJson,
    bundle: r.bundle,
    facts: { ...r.facts, ...(entryUrl ? { rekorEntryUrl: entryUrl } : {}) },
  };
}
