/**
 * For the commands that sign requests and provenance of their own (`encrypt`, `decrypt`): `sign`'s signing flags
 * and instance, plus what they need to check signatures of that instance afterwards.
 */
import type { IdentityPort, Logger } from '../app/ports.js';
import type { CliIO } from './command.js';
import { keylessIdentity, signingInstance } from './signing-options.js';

export { SIGNING_FLAGS, SIGNING_USAGE } from './signing-options.js';

export interface Signing {
  identity: IdentityPort;
  /** The trusted root file the instance is checked with, when one is known (a file, or TUF's copy). */
  trustedRoot?: string;
  /** The instance's name, for trust through TUF when no file is known. */
  sigstore: string;
}

export async function signingFrom(values: Record<string, unknown>, io: CliIO, log: Logger): Promise<Signing> {
  const instance = await signingInstance(values, io, log);
  return {
    identity: keylessIdentity(instance, values, io, log),
    ...(instance.trustedRoot ? { trustedRoot: instance.trustedRoot } : {}),
    sigstore: instance.sigstore || 'public-good',
  };
}
