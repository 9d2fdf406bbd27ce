/** A signing session for the broker's requests, bound to the identity token's own workflow, as provenance is. */
import { contextFromClaims } from '../../core/build-context.js';
import type { IdentityPort, SigningSession } from '../ports.js';

export async function requestSession(signing: IdentityPort, serverUrl: string): Promise<SigningSession> {
  const identity = await signing.identity();
  const context = contextFromClaims({ ...identity.claims }, serverUrl, {});
  return signing.session(identity, { identity: `${context.serverUrl}/${context.jobWorkflowRef}` });
}
