/**
 * The identity token Fulcio binds into the certificate: an explicit token (`--identity-token`,
 * `SIGSTORE_ID_TOKEN`) or one from the Actions OIDC endpoint with audience `sigstore`. Every token is
 * registered for redaction (and masked in Actions logs) the moment we hold it.
 */
import { ProvenantError } from '../../core/errors.js';
import { secrets } from '../../core/redact.js';
import { requestActionsIdToken } from './actions-id-token.js';

export const SIGSTORE_AUDIENCE = 'sigstore';

export const ID_TOKEN_PERMISSION_BLOCK = 'permissions:\n  id-token: write';

export interface IdentityToken {
  readonly token: string;
  /** Payload claims, decoded but not verified (Fulcio verifies; we only read them to choose and explain). */
  readonly claims: Readonly<Record<string, unknown>>;
  readonly source: 'explicit' | 'env' | 'actions';
}

export interface IdentityTokenOptions {
  readonly explicitToken?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Injected for tests; defaults to asking the runner's endpoint (ACTIONS_ID_TOKEN_REQUEST_URL). */
  readonly getIDToken?: (audience: string) => Promise<string>;
  /**
   * Masks the token in the runner's log. The entry point decides where that command goes: the action's stdout is the
   * log, but a CLI's stdout may be data (`--json > file`), so the CLI writes it to stderr.
   */
  readonly setSecret?: (secret: string) => void;
  readonly onRetry?: (attempt: number, delayMs: number, reason: string) => void;
  /** Deadline of each request to the token endpoint (default 30 s). */
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

export async function getIdentityToken(options: IdentityTokenOptions = {}): Promise<IdentityToken> {
  const env = options.env ?? process.env;
  const inActions = env['GITHUB_ACTIONS'] === 'true';
  const mask = (token: string): void => {
    secrets.add(token);
    if (inActions) options.setSecret?.(token);
  };

  const explicit = options.explicitToken?.trim();
  const fromEnv = env['SIGSTORE_ID_TOKEN']?.trim();
  if (explicit || fromEnv) {
    const token = (explicit || fromEnv)!;
    mask(token);
    return { token, claims: decodeClaims(token, options.now), source: explicit ? 'explicit' : 'env' };
  }

  if (!env['ACTIONS_ID_TOKEN_REQUEST_URL'] || !env['ACTIONS_ID_TOKEN_REQUEST_TOKEN']) {
    throw new ProvenantError(
      'OIDC_PERMISSION_MISSING',
      'expected an OIDC identity token for keyless signing, got none: ACTIONS_ID_TOKEN_REQUEST_URL is not set. ' +
        `In GitHub Actions, give the job permission to request one:\n\n${ID_TOKEN_PERMISSION_BLOCK}\n\n` +
        '(a `permissions:` block replaces the defaults, so also list e.g. `contents: write` if the job uploads release assets). ' +
        'Outside Actions, pass --identity-token or set SIGSTORE_ID_TOKEN.',
    );
  }
  // The request token authorises minting identity tokens: it is as secret as the tokens themselves.
  secrets.add(env['ACTIONS_ID_TOKEN_REQUEST_TOKEN']);

  let token: string;
  try {
    token = options.getIDToken
      ? await options.getIDToken(SIGSTORE_AUDIENCE)
      : await requestActionsIdToken({
          url: env['ACTIONS_ID_TOKEN_REQUEST_URL'],
          requestToken: env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'],
          audience: SIGSTORE_AUDIENCE,
          ...retryUnit(env),
          ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
          ...(options.onRetry ? { onRetry: options.onRetry } : {}),
        });
  } catch (e) {
    throw new ProvenantError(
      'OIDC_TOKEN_REQUEST_FAILED',
      `expected an identity token from the Actions OIDC endpoint (audience ${SIGSTORE_AUDIENCE}), got an error: ${secrets.redact(message(e)).replace(/\.+$/, '')}. ` +
        'Re-run the job; if it keeps failing, check that the job has `id-token: write` and that GitHub Actions is not degraded.',
    );
  }
  mask(token);
  return { token, claims: decodeClaims(token, options.now), source: 'actions' };
}

/** Reads the payload without trusting it; rejects what Fulcio would reject anyway, with a clearer message. */
export function decodeClaims(token: string, now: () => number = Date.now): Record<string, unknown> {
  const parts = token.split('.');
  let claims: Record<string, unknown> | undefined;
  if (parts.length === 3) {
    try {
      const parsed: unknown = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        claims = parsed as Record<string, unknown>;
    } catch {
      claims = undefined;
    }
  }
  // Never quote the token itself: say what shape was expected.
  if (!claims) {
    throw new ProvenantError(
      'OIDC_TOKEN_INVALID',
      `expected the identity token to be a JWT (three base64url parts with a JSON payload), got ${parts.length} part(s) that do not decode; pass the raw token value.`,
    );
  }
  const aud = claims['aud'];
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(SIGSTORE_AUDIENCE)) {
    throw new ProvenantError(
      'OIDC_TOKEN_INVALID',
      `expected the identity token's audience to include "${SIGSTORE_AUDIENCE}", got ${JSON.stringify(aud)}; request the token with audience ${SIGSTORE_AUDIENCE}.`,
    );
  }
  const exp = claims['exp'];
  if (typeof exp === 'number' && exp * 1000 <= now()) {
    throw new ProvenantError(
      'OIDC_TOKEN_INVALID',
      `expected an unexpired identity token, got one that expired at ${new Date(exp * 1000).toISOString()}; request a fresh token right before signing.`,
    );
  }
  return claims;
}

/** PROVENANT_RETRY_UNIT_MS (tests only, as for GitHub) shortens the backoff between attempts. */
function retryUnit(env: NodeJS.ProcessEnv): { retry?: { baseDelayMs: number; maxDelayMs: number } } {
  const unit = Number(env['PROVENANT_RETRY_UNIT_MS'] ?? '');
  return Number.isFinite(unit) && unit > 0 ? { retry: { baseDelayMs: unit, maxDelayMs: unit * 16 } } : {};
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
