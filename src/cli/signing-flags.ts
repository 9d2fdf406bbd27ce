/**
 * The signing flags of `sign`, for the commands that sign requests and provenance of their own (`encrypt`,
 * `decrypt`): the same names, the same meaning, the same instance resolution.
 */
import path from 'node:path';
import type { IdentityPort, Logger } from '../app/ports.js';
import { CLI_INSTANCE_LABELS } from '../adapters/sigstore/instances.js';
import { signingIdentity } from '../adapters/sigstore/signing-identity.js';
import type { CliIO } from './command.js';
import { instanceFlags } from './signing-options.js';
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
} as const;

export const SIGNING_USAGE = `Signing (as for provenant sign):
  --identity-token TOKEN       the OIDC token (default: $SIGSTORE_ID_TOKEN, else the GitHub Actions endpoint)
  --sigstore NAME              public-good, github, staging or custom (default: from the repository's visibility)
  --fulcio-url URL --rekor-url URL --tsa-url URL --trusted-root FILE
                               a custom instance (SIGSTORE_FULCIO_URL/_REKOR_URL/_TSA_URL/_TRUSTED_ROOT too)
${SIGNING_CONFIG_USAGE}
  --allow-public-log           let a private repository sign into a public log`;

export interface Signing {
  identity: IdentityPort;
  /** The trusted root file the instance is checked with, when one is known (a file, or TUF's copy). */
  trustedRoot?: string;
  /** The instance's name, for trust through TUF when no file is known. */
  sigstore: string;
}

export async function signingFrom(values: Record<string, unknown>, io: CliIO, log: Logger): Promise<Signing> {
  const resolve = (v: unknown) => (typeof v === 'string' ? path.resolve(io.cwd, v) : undefined);
  const configured = await configuredInstance(values, io, log);
  const instance = configured ?? instanceFlags(values, io.env, resolve(values['trusted-root']));
  const identity = signingIdentity(
    {
      ...instance,
      ...(typeof values['identity-token'] === 'string' ? { identityToken: values['identity-token'] } : {}),
      allowPublicLog: values['allow-public-log'] === true,
      verifyAfterSign: true,
      env: io.env,
      labels: CLI_INSTANCE_LABELS,
      ...(io.workflowCommand
        ? { maskSecret: (secret: string) => io.workflowCommand!(`::add-mask::${secret}`) }
        : {}),
    },
    log,
  );
  return {
    identity,
    ...(instance.trustedRoot ? { trustedRoot: instance.trustedRoot } : {}),
    sigstore: instance.sigstore || 'public-good',
  };
}
