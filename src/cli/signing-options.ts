/**
 * The signing flags `sign`, `attest-step` and `sign-layout` share, and the keyless identity they select: a known
 * instance, a custom one (URL flags or SIGSTORE_* variables, as `npm run stack` prints them), or a signing config.
 */
import path from 'node:path';
import type { IdentityPort, Logger } from '../app/ports.js';
import { CLI_INSTANCE_LABELS } from '../adapters/sigstore/instances.js';
import { signingIdentity } from '../adapters/sigstore/signing-identity.js';
import type { CliIO } from './command.js';
import { configuredInstance, SIGNING_CONFIG_FLAGS, SIGNING_CONFIG_USAGE } from './sign-services.js';

export const SIGNING_FLAGS = {
  ...SIGNING_CONFIG_FLAGS,
  'identity-token': { type: 'string' },
  sigstore: { type: 'string' },
  'fulcio-url': { type: 'string' },
  'rekor-url': { type: 'string' },
  'tsa-url': { type: 'string' },
  'trusted-root': { type: 'string' },
  'allow-public-log': { type: 'boolean' },
  'no-verify-after-sign': { type: 'boolean' },
} as const;

export const SIGNING_USAGE = `Identity:
  --identity-token TOKEN       the OIDC token (default: $SIGSTORE_ID_TOKEN, else the GitHub Actions endpoint)
Instance:
  --sigstore NAME              public-good, github, staging or custom (default: from the repository's visibility)
  --fulcio-url URL --rekor-url URL --tsa-url URL --trusted-root FILE
                               a custom instance (trusted-root also overrides TUF for the others); without
                               flags, SIGSTORE_FULCIO_URL/_REKOR_URL/_TSA_URL/_TRUSTED_ROOT select one
${SIGNING_CONFIG_USAGE}
  --allow-public-log           let a private repository sign into a public log
  --no-verify-after-sign       skip verifying the fresh bundle (not recommended)`;

type Values = Record<string, unknown>;

/** The keyless signing identity the flags describe (nothing is fetched until a signature is needed). */
export async function keylessSigning(values: Values, io: CliIO, log: Logger): Promise<IdentityPort> {
  const trustedRoot =
    typeof values['trusted-root'] === 'string' ? path.resolve(io.cwd, values['trusted-root']) : undefined;
  const configured = await configuredInstance(values, io, log);
  return signingIdentity(
    {
      ...(configured ?? instanceFlags(values, io.env, trustedRoot)),
      ...(typeof values['identity-token'] === 'string' ? { identityToken: values['identity-token'] } : {}),
      allowPublicLog: values['allow-public-log'] === true,
      verifyAfterSign: values['no-verify-after-sign'] !== true,
      env: io.env,
      labels: CLI_INSTANCE_LABELS,
      ...(io.workflowCommand
        ? { maskSecret: (secret: string) => io.workflowCommand!(`::add-mask::${secret}`) }
        : {}),
    },
    log,
  );
}

/**
 * Instance flags, falling back to SIGSTORE_FULCIO_URL, SIGSTORE_REKOR_URL, SIGSTORE_TSA_URL and
 * SIGSTORE_TRUSTED_ROOT (what `npm run stack` prints), which select a custom instance when no --sigstore is given.
 */
export function instanceFlags(
  values: Values,
  env: NodeJS.ProcessEnv,
  trustedRoot: string | undefined,
): { sigstore: string; fulcioUrl?: string; rekorUrl?: string; tsaUrl?: string; trustedRoot?: string } {
  const flag = (name: string) => (typeof values[name] === 'string' ? values[name] : undefined);
  const fromEnv =
    flag('sigstore') === undefined && flag('fulcio-url') === undefined && !!env.SIGSTORE_FULCIO_URL;
  const pick = (name: string, envName: string) => flag(name) ?? (fromEnv ? env[envName] : undefined);
  const fulcioUrl = pick('fulcio-url', 'SIGSTORE_FULCIO_URL');
  const rekorUrl = pick('rekor-url', 'SIGSTORE_REKOR_URL');
  const tsaUrl = pick('tsa-url', 'SIGSTORE_TSA_URL');
  const root = trustedRoot ?? (fromEnv ? env.SIGSTORE_TRUSTED_ROOT : undefined);
  return {
    sigstore: flag('sigstore') ?? (fromEnv ? 'custom' : ''),
    ...(fulcioUrl ? { fulcioUrl } : {}),
    ...(rekorUrl ? { rekorUrl } : {}),
    ...(tsaUrl ? { tsaUrl } : {}),
    ...(root ? { trustedRoot: root } : {}),
  };
}
