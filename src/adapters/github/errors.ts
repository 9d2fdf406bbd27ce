/**
 * Turns Octokit failures into ProvenantErrors that say what was expected, what GitHub answered and what to do.
 * The most common one in Actions is a token without the permission the step needs; its fix is a
 * `permissions:` block, shown in full.
 */
import type { ErrorCode } from '../../core/errors.js';
import { ProvenantError, isProvenantError } from '../../core/errors.js';
import { secrets } from '../../core/redact.js';

export type GitHubPermission = 'contents' | 'attestations';

export const PERMISSIONS_BLOCK = [
  'permissions:',
  '  contents: write      # release assets',
  '  id-token: write      # keyless signing',
  '  attestations: write  # GitHub attestation store',
].join('\n');

interface OctokitLikeError {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
}

export function httpStatus(e: unknown): number | undefined {
  const status = (e as OctokitLikeError | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** The message GitHub put in the body, which is more precise than Octokit's summary. */
export function githubMessage(e: unknown): string {
  const err = e as OctokitLikeError | undefined;
  const data = err?.response?.data as
    { message?: unknown; errors?: { code?: string; field?: string }[] } | undefined;
  const base = typeof data?.message === 'string' ? data.message : (err?.message ?? String(e));
  const details = (data?.errors ?? [])
    .map((d) => [d.field, d.code].filter(Boolean).join(' '))
    .filter(Boolean);
  return secrets.redact(details.length > 0 ? `${base} (${details.join(', ')})` : base);
}

/**
 * Octokit reports a request that never got an answer (reset, refused, timed out) as status 500 with no response:
 * that is a network failure, not GitHub saying 500, and the message must say which.
 */
export function networkFailure(e: unknown): string | undefined {
  const err = e as (OctokitLikeError & { cause?: unknown; name?: string }) | undefined;
  if (!err || (err.status !== 500 && err.status !== undefined) || err.response) return undefined;
  const codes: string[] = [];
  let timedOut = err.name === 'AbortError';
  for (let c: unknown = err.cause, depth = 0; c && typeof c === 'object' && depth < 6; depth++) {
    const { code, name } = c as { code?: unknown; name?: unknown };
    if (typeof code === 'string') codes.push(code);
    if (name === 'TimeoutError') timedOut = true;
    c = (c as { cause?: unknown }).cause;
  }
  if (timedOut || codes.includes('UND_ERR_HEADERS_TIMEOUT')) return 'no answer before the request deadline';
  if (codes.includes('RESPONSE_CUT_SHORT')) return 'an answer cut short';
  return codes.length > 0 ? `a network error (${codes.join(': ')})` : 'a network error';
}

export function isRateLimited(e: unknown): boolean {
  const status = httpStatus(e);
  const headers = (e as OctokitLikeError | undefined)?.response?.headers ?? {};
  return (status === 403 || status === 429) && (headers['x-ratelimit-remaining'] === '0' || status === 429);
}

export interface FailureContext {
  /** What we were doing, as a phrase: "upload asset x.sigstore.json to release v1.2.3". */
  doing: string;
  permission: GitHubPermission;
  /** The code for failures that are neither permissions, rate limits nor outages. */
  code: ErrorCode;
}

export function toProvenantError(e: unknown, ctx: FailureContext): ProvenantError {
  if (isProvenantError(e)) return e;
  const status = httpStatus(e);
  const message = githubMessage(e);
  if (isRateLimited(e)) {
    const headers = (e as OctokitLikeError).response?.headers ?? {};
    const reset = Number(headers['x-ratelimit-reset']);
    const retryAfter = headers['retry-after'];
    const when =
      Number.isFinite(reset) && reset > 0
        ? new Date(reset * 1000).toISOString()
        : retryAfter
          ? `the end of the ${retryAfter} s it asked to wait (Retry-After), longer than we wait`
          : 'later';
    return new ProvenantError(
      'SERVICE_UNAVAILABLE',
      `expected GitHub to accept the request to ${ctx.doing}, got a rate limit (HTTP ${status}) that resets at ${when}; ` +
        'fix: rerun the job after the reset, or use a token with its own rate limit',
      { cause: e },
    );
  }
  if (status === 403 && /not accessible by integration|permission/i.test(message)) {
    return new ProvenantError(
      'GITHUB_PERMISSION_MISSING',
      `expected the token to have \`${ctx.permission}: write\` to ${ctx.doing}, got HTTP 403 "${message}"; ` +
        `fix: give the job these permissions:\n${PERMISSIONS_BLOCK}`,
      { cause: e },
    );
  }
  if (status === 401) {
    return new ProvenantError(
      'GITHUB_PERMISSION_MISSING',
      `expected a valid GitHub token to ${ctx.doing}, got HTTP 401 "${message}"; ` +
        'fix: pass `github-token: ${{ github.token }}` (the default) or a token that has not expired',
      { cause: e },
    );
  }
  if (status === undefined || status >= 500) {
    const network = networkFailure(e);
    const got = network
      ? `${network} ("${message}")`
      : status
        ? `HTTP ${status} ("${message}")`
        : `no answer ("${message}")`;
    return new ProvenantError(
      'SERVICE_UNAVAILABLE',
      `expected GitHub to ${ctx.doing}, got ${got} after retries; ` +
        'fix: check https://www.githubstatus.com and rerun the job',
      { cause: e },
    );
  }
  return new ProvenantError(ctx.code, `expected GitHub to ${ctx.doing}, got HTTP ${status} "${message}"`, {
    cause: e,
  });
}
