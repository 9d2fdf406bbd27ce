import type { TrustedRoot } from '@sigstore/protobuf-specs';
import type { SigningPorts } from '../../app/sign-statements.js';
import type { Logger } from '../../app/ports.js';
import type { SigstoreInstance } from './instances.js';
import type { RetryPolicy } from './retry.js';
import { signStatement } from './signer.js';
import { fetchTrustedRoot, loadTrustedRootFile } from './trust.js';
import { verifyAfterSign } from './verify-after-sign.js';

export interface SessionOptions {
  instance: SigstoreInstance;
  token: string;
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

/** Binds the signer and the verify-after-sign check to one instance and one identity token. */
export async function openSigningSession(
  options: SessionOptions,
): Promise<Pick<SigningPorts, 'sign' | 'verifyAfterSign'>> {
  const { instance } = options;
  let root: TrustedRoot | undefined;
  if (options.verifyAfterSign) {
    const file = options.trustedRootPath ?? instance.trustedRootPath;
    root = file
      ? await loadTrustedRootFile(file)
      : await fetchTrustedRoot({
          instance: instance.name === 'custom' ? 'public-good' : instance.name,
          ...(options.tufCacheDir ? { cacheDir: options.tufCacheDir } : {}),
        });
  }
  return {
    sign: async (statement) => {
      const r = await signStatement(statement, {
        endpoints: {
          fulcioUrl: instance.fulcioUrl,
          ...(instance.rekorUrl ? { rekorUrl: instance.rekorUrl } : {}),
          ...(instance.tsaUrl ? { tsaUrl: instance.tsaUrl } : {}),
        },
        identityToken: options.token,
        ...(options.retry ? { retry: options.retry } : {}),
        onRetry: (service, attempt, delayMs, failure) =>
          options.log.warn(
            `${service.name} at ${service.url} answered ${failure.reason}; retry ${attempt} in ${(delayMs / 1000).toFixed(1)} s`,
          ),
      });
      return { bundleJson: r.bundleJson, bundle: r.bundle, facts: { ...r.facts } };
    },
    ...(root
      ? {
          verifyAfterSign: (bundle: unknown) => {
            verifyAfterSign(bundle, {
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
