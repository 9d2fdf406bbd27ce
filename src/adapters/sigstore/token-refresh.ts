/**
 * An identity token from the Actions endpoint lives for minutes (5 on GitHub), and a release of many statements, or
 * a slow Fulcio, outlasts it. Each signature asks for the token here: the one held while it has time left, a fresh
 * one from the endpoint once it nears expiry. The fresh token must name the same identity (a certificate for another
 * workflow, commit or run would contradict the statement), or signing stops.
 */
import { ProvenantError } from '../../core/errors.js';
import type { IdentityToken } from './oidc.js';

/** The claims a fresh token must repeat: who signs, for which repository, commit and run. */
const SAME_IDENTITY = [
  'iss',
  'sub',
  'repository',
  'repository_id',
  'job_workflow_ref',
  'sha',
  'ref',
  'repository_visibility',
  'run_id',
  'run_attempt',
] as const;

/** True when less than a quarter of the token's lifetime is left (at most a minute, as a margin for one signature). */
export function nearExpiry(claims: Readonly<Record<string, unknown>>, nowMs: number): boolean {
  const exp = claims['exp'];
  if (typeof exp !== 'number') return false;
  const iat = typeof claims['iat'] === 'number' ? claims['iat'] : exp - 300;
  const margin = Math.min(60, Math.max(1, (exp - iat) / 4));
  return exp - nowMs / 1000 < margin;
}

function assertSameIdentity(
  held: Readonly<Record<string, unknown>>,
  fresh: Readonly<Record<string, unknown>>,
): void {
  const changed = SAME_IDENTITY.filter((c) => JSON.stringify(held[c]) !== JSON.stringify(fresh[c]));
  if (changed.length > 0) {
    throw new ProvenantError(
      'OIDC_TOKEN_INVALID',
      `expected the refreshed identity token to name the same identity as the first, got other ${changed.join(', ')}; ` +
        'signing stopped so no bundle names another workflow than its statement; fix: rerun the job',
    );
  }
}

/** The token each signature should use. Only tokens from the Actions endpoint can be refreshed. */
export function refreshingToken(
  first: IdentityToken,
  fetchFresh: () => Promise<IdentityToken>,
  now: () => number = Date.now,
): () => Promise<string> {
  let held = first;
  let pending: Promise<void> | undefined;
  return async () => {
    if (held.source !== 'actions' || !nearExpiry(held.claims, now())) return held.token;
    pending ??= fetchFresh()
      .then((fresh) => {
        assertSameIdentity(held.claims, fresh.claims);
        held = fresh;
      })
      .finally(() => {
        pending = undefined;
      });
    await pending;
    return held.token;
  };
}
