/** The broker's challenge: a fresh nonce per request, good once and for a short while. */
import { Refused, type Answer } from './decision.js';
import type { BrokerPorts } from './ports.js';

export async function issueNonce(ports: BrokerPorts): Promise<Answer> {
  const nonce = ports.newNonce();
  const issuedAt = ports.now();
  const expiresAt = new Date(issuedAt.getTime() + ports.nonceTtlMs);
  await ports.store.addNonce(nonce, issuedAt, expiresAt);
  return { status: 201, body: { nonce, expiresAt: expiresAt.toISOString() } };
}

/** Uses up a request's nonce: a second use, an unknown nonce and an expired one are each refused by name. */
export async function consumeNonce(ports: BrokerPorts, nonce: string): Promise<void> {
  const state = await ports.store.useNonce(nonce, ports.now());
  if (state === 'fresh') return;
  if (state === 'used')
    throw new Refused(
      403,
      'NONCE_REPLAYED',
      `nonce ${nonce}: expected a nonce not used before, got one an earlier request used. This request is a replay; ask for a new nonce and sign a new request.`,
    );
  if (state === 'expired')
    throw new Refused(
      403,
      'NONCE_STALE',
      `nonce ${nonce}: expected a nonce younger than ${Math.round(ports.nonceTtlMs / 1000)} s, got an expired one. Ask for a new nonce and sign the request at once.`,
    );
  throw new Refused(
    403,
    'NONCE_UNKNOWN',
    `nonce ${nonce}: expected a nonce this broker issued, got one it never did.`,
  );
}
