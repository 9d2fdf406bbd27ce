import type { IdentityPort } from '../../app/attest.js';
import type { Logger } from '../../app/ports.js';
import { resolveInstance, type SigstoreInstance } from './instances.js';

export interface SigningConfig {
  /** `public-good`, `github`, `staging`, `custom`, or empty to choose from the repository's visibility. */
  sigstore: string;
  fulcioUrl?: string;
  rekorUrl?: string;
  tsaUrl?: string;
  trustedRoot?: string;
  allowPublicLog: boolean;
  verifyAfterSign: boolean;
  /** An explicit token (CLI `--identity-token`); otherwise SIGSTORE_ID_TOKEN or the Actions OIDC endpoint. */
  identityToken?: string;
  env: NodeJS.ProcessEnv;
}

/**
 * The identity half of signing, shared by the action and the CLI: get the token, choose the instance from the
 * token's (signed) visibility claim, and open a session whose fresh bundles must name the token's workflow.
 */
export function signingIdentity(
  config: SigningConfig,
  log: Logger,
  chosen: (instance: SigstoreInstance) => void = () => {},
): IdentityPort {
  let token = '';
  return {
    identity: async () => {
      const { getIdentityToken } = await import('./oidc.js');
      const t = await getIdentityToken({
        env: config.env,
        ...(config.identityToken ? { explicitToken: config.identityToken } : {}),
      });
      token = t.token;
      return { claims: { ...t.claims } };
    },
    session: async (claims, context) => {
      const visibility =
        typeof claims.repository_visibility === 'string' ? claims.repository_visibility : undefined;
      const instance = resolveInstance({
        name: config.sigstore,
        ...(config.fulcioUrl ? { fulcioUrl: config.fulcioUrl } : {}),
        ...(config.rekorUrl ? { rekorUrl: config.rekorUrl } : {}),
        ...(config.tsaUrl ? { tsaUrl: config.tsaUrl } : {}),
        ...(config.trustedRoot ? { trustedRootPath: config.trustedRoot } : {}),
        ...(visibility ? { repositoryVisibility: visibility } : {}),
        allowPublicLog: config.allowPublicLog,
      });
      chosen(instance);
      // sigstore-js loads only now, after the subjects are hashed: the two never hold memory at the same time.
      const { openSigningSession } = await import('./session.js');
      log.info(
        `Signing with the ${instance.name} Sigstore instance (Fulcio ${instance.fulcioUrl}` +
          `${instance.rekorUrl ? `, Rekor ${instance.rekorUrl}` : ''}${instance.tsaUrl ? `, TSA ${instance.tsaUrl}` : ''})`,
      );
      return openSigningSession({
        instance,
        token,
        expectedIdentity: `${context.serverUrl}/${context.jobWorkflowRef}`,
        ...(typeof claims.iss === 'string' ? { expectedIssuer: claims.iss } : {}),
        verifyAfterSign: config.verifyAfterSign,
        ...(config.trustedRoot ? { trustedRootPath: config.trustedRoot } : {}),
        log,
      });
    },
  };
}

export { rekorEntryUrl } from './instances.js';
