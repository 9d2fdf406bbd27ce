/** How a broker decision ends: an answer for the requester and one audit entry, whichever way it went. */
import type { CertificateClaims } from '../../core/certificate-claims.js';
import { isProvenantError } from '../../core/errors.js';
import type { ArtifactId, Refusal } from '../../core/encryption/protocol.js';
import type { AuditEntry, BrokerPorts, Requester } from './ports.js';

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** A refusal with the HTTP status it goes back with. */
export class Refused extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Status codes by refusal: what a client may retry (409 on a race, 503) and what it may not. */
const STATUS: Record<string, number> = {
  KEY_REQUEST_INVALID: 400,
  BROKER_POLICY_INVALID: 400,
  BUNDLE_INVALID: 400,
  BUNDLE_TOO_LARGE: 413,
  SIGNATURE_INVALID: 403,
  TRUST_ROOT_INVALID: 403,
  IDENTITY_NOT_ALLOWED: 403,
  NONCE_UNKNOWN: 403,
  NONCE_REPLAYED: 403,
  NONCE_STALE: 403,
  KEY_NOT_FOUND: 404,
  KEY_EXISTS: 409,
  // The broker's own trouble (a stored key that does not open under its master key): the operator's to fix.
  BROKER_CONFIG_INVALID: 500,
};

export function refusalOf(e: unknown): Refused {
  if (e instanceof Refused) return e;
  if (isProvenantError(e)) return new Refused(STATUS[e.code] ?? 400, e.code, e.message);
  return new Refused(
    500,
    'INTERNAL',
    'the broker failed to decide; the operator can find the cause in its log.',
  );
}

export function requesterOf(claims: CertificateClaims | undefined): Requester {
  if (!claims) return {};
  const out: Requester = {};
  const set = (k: keyof Requester, v: string | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  set('identity', claims.subjectAlternativeName);
  set('issuer', claims.issuer);
  set('repository', claims.sourceRepositoryURI);
  set('workflow', claims.buildSignerURI);
  set('ref', claims.sourceRepositoryRef);
  set('environment', claims.deploymentEnvironment);
  return out;
}

/** What is known so far about a request, filled in as the decision proceeds. */
export interface Context {
  action: AuditEntry['action'];
  requester: Requester;
  artifact?: ArtifactId;
}

/** Runs a decision, audits it (allowed, or refused with the reason) and turns it into the answer. */
export async function decide(
  ports: BrokerPorts,
  context: Context,
  work: () => Promise<Answer>,
): Promise<Answer> {
  let answer: Answer;
  let refusal: Refused | undefined;
  try {
    answer = await work();
  } catch (e) {
    refusal = refusalOf(e);
    if (refusal.status >= 500) ports.log.warn(`broker: ${context.action} failed: ${(e as Error).message}`);
    const body: Refusal = { code: refusal.code, message: refusal.message };
    answer = { status: refusal.status, body: { error: body } };
  }
  await ports.store.audit({
    time: ports.now().toISOString(),
    instance: ports.instance,
    action: context.action,
    ...(context.artifact ? { artifact: context.artifact } : {}),
    ...context.requester,
    allowed: !refusal,
    ...(refusal ? { code: refusal.code, reason: refusal.message } : {}),
  });
  return answer;
}
