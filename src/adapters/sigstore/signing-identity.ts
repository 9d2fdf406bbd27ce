import type { IdentityPort, Logger } from '../../app/ports.js';
import { resolveInstance, type InstanceLabels } from './instances.js';
import type { IdentityToken } from './oidc.js';
import { refreshingToken } from './token-refresh.js';

export interface SigningOptions {
  /** `public-good`, `github`, `staging`, `custom`, or empty to choose from the repository's visibility. */
  sigstore: string;
  fulcioUrl?: string;
  rekorUrl?: string;
  rekorApiVersion?: 1 | 2;
  tsaUrl?: string;
  trustedRoot?: string;
  /** The TUF repository that described a custom instance (shown to verifiers). */
  tufMirror?: string;
  allowPublicLog: boolean;
  verifyAfterSign: boolean;
  /** An explicit token (CLI `--identity-token`); otherwise SIGSTORE_ID_TOKEN or the Actions OIDC endpoint. */
  identityToken?: string;
  env: NodeJS.ProcessEnv;
  /** How this entry point names the instance options in messages (default: the action's inputs). */
  labels?: InstanceLabels;
  /** Masks a secret in the runner's log (see getIdentityToken). */
  maskSecret?: (secret: string) => void;
  /** Deadline of each request to the token endpoint, Fulcio, Rekor and the TSA (default 30 s). */
  requestTimeoutMs?: number;
}

/** Gets an identity token as the options say: an explicit one, SIGSTORE_ID_TOKEN, or the Actions endpoint. */
function tokenFetcher(options: SigningOptions, log: Logger): () => Promise<IdentityToken> {
  return async () => {
    const { getIdentityToken } = await import('./oidc.js');
    return getIdentityToken({
      env: options.env,
      ...(options.identityToken ? { explicitToken: options.identityToken } : {}),
      ...(options.maskSecret ? { setSecret: options.maskSecret } : {}),
      ...(options.requestTimeoutMs ? { timeoutMs: options.requestTimeoutMs } : {}),
      onRetry: (attempt, delayMs, reason) =>
        log.warn(
          `The OIDC token endpoint answered ${reason}; retry ${attempt} in ${(delayMs / 1000).toFixed(1)} s`,
        ),
    });
  };
}

/**
 * The identity half of signing, shared by the action and the CLI: get the token, choose the instance from the
 * token's (signed) visibility claim, and open a session whose fresh bundles must name the token's workflow.
 */
export function signingIdentity(options: SigningOptions, log: Logger): IdentityPort {
  const request = (visibility: string | undefined) => ({
    name: options.sigstore,
    ...(options.fulcioUrl ? { fulcioUrl: options.fulcioUrl } : {}),
    ...(options.rekorUrl ? { rekorUrl: options.rekorUrl } : {}),
    ...(options.rekorApiVersion ? { rekorApiVersion: options.rekorApiVersion } : {}),
    ...(options.tsaUrl ? { tsaUrl: options.tsaUrl } : {}),
    ...(options.trustedRoot ? { trustedRootPath: options.trustedRoot } : {}),
    ...(options.tufMirror ? { tufMirror: options.tufMirror } : {}),
    ...(visibility ? { repositoryVisibility: visibility } : {}),
    allowPublicLog: options.allowPublicLog,
    ...(options.env.GITHUB_SERVER_URL ? { serverUrl: options.env.GITHUB_SERVER_URL } : {}),
    ...(options.labels ? { labels: options.labels } : {}),
  });
  // Everything but the visibility rule is known now: a contradiction fails before any file is hashed.
  resolveInstance(request(undefined));
  const fetchToken = tokenFetcher(options, log);
  // The token each identity came with, so its session can tell when to fetch a fresh one.
  const tokens = new Map<string, IdentityToken>();
  return {
    identity: async () => {
      const t = await fetchToken();
      tokens.set(t.token, t);
      return { claims: { ...t.claims }, token: t.token };
    },
    session: async (identity, expected) => {
      const { claims } = identity;
      const visibility =
        typeof claims.repository_visibility === 'string' ? claims.repository_visibility : undefined;
      // A known instance signs where its operators' signing config says today (Rekor v2 and a TSA for public-good).
      const { currentServices } = await import('./instance-services.js');
      const instance = await currentServices(resolveInstance(request(visibility)), { env: options.env, log });
      // sigstore-js loads only now, after the subjects are hashed: the two never hold memory at the same time.
      const { openSigningSession } = await import('./session.js');
      log.info(
        `Signing with the ${instance.name} Sigstore instance (Fulcio ${instance.fulcioUrl}` +
          `${instance.rekorUrl ? `, Rekor ${instance.rekorUrl}` : ''}${instance.tsaUrl ? `, TSA ${instance.tsaUrl}` : ''})`,
      );
      const first = tokens.get(identity.token);
      return openSigningSession({
        instance,
        token: first ? refreshingToken(first, fetchToken) : identity.token,
        ...(options.requestTimeoutMs ? { timeoutMs: options.requestTimeoutMs } : {}),
        expectedIdentity: expected.identity,
        ...(typeof claims.iss === 'string' ? { expectedIssuer: claims.iss } : {}),
        verifyAfterSign: options.verifyAfterSign,
        ...(options.trustedRoot ? { trustedRootPath: options.trustedRoot } : {}),
        log,
      });
    },
  };
}
