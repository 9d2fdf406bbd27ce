/**
 * A signing session for the broker's requests. A GitHub Actions token's session is bound to the token's own workflow,
 * as provenance's is; any other token Fulcio accepts signs as whatever identity Fulcio certifies, which the broker's
 * policy then decides on (a request needs no provenance context).
 */
import { contextFromClaims } from '../../core/build-context.js';
import type { IdentityPort, SigningSession } from '../ports.js';

export async function requestSession(signing: IdentityPort, serverUrl: string): Promise<SigningSession> {
  const identity = await signing.identity();
  if (typeof identity.claims.job_workflow_ref !== 'string')
    return signing.session(identity, { identity: '' });
  const context = contextFromClaims({ ...identity.claims }, serverUrl, {});
  return signing.session(identity, { identity: `${context.serverUrl}/${context.jobWorkflowRef}` });
}
