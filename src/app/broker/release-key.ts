/**
 * A platform asks for an artifact's data key with a keyless-signed key request (the ciphertext's digest, a one-time
 * public key, the broker's nonce). The key goes back sealed for that one-time key, and only when the signer satisfies
 * the artifact's policy; the nonce is used up whatever the outcome.
 */
import { decideAccess, parseAccessPolicy } from '../../core/encryption/access-policy.js';
import {
  KEY_REQUEST_PREDICATE,
  readKeyRequest,
  requestedArtifact,
  type KeyRelease,
} from '../../core/encryption/protocol.js';
import { decide, Refused, requesterOf, type Answer, type Context } from './decision.js';
import { consumeNonce } from './nonces.js';
import type { BrokerPorts } from './ports.js';

export interface ReleaseBody {
  bundle?: unknown;
  /** The artifact the client wants (`sha256:<hex>`); must be the one the request is signed for. */
  artifact?: unknown;
}

export async function releaseKey(body: ReleaseBody, ports: BrokerPorts): Promise<Answer> {
  const context: Context = { action: 'release', requester: {} };
  return decide(ports, context, async () => {
    const verified = ports.verifyRequest(body.bundle);
    context.requester = requesterOf(verified.claims);
    const artifact = requestedArtifact(verified.statement, KEY_REQUEST_PREDICATE);
    context.artifact = artifact;
    const predicate = readKeyRequest(verified.statement!);
    await consumeNonce(ports, predicate.nonce);
    if (body.artifact !== undefined && body.artifact !== artifact)
      throw new Refused(
        403,
        'KEY_REQUEST_INVALID',
        `expected a request signed for the artifact asked for (${JSON.stringify(body.artifact)}), got one signed for ${artifact}. A signed request releases only its own artifact's key.`,
      );
    const record = await ports.store.getKey(artifact);
    if (!record)
      throw new Refused(
        404,
        'KEY_NOT_FOUND',
        `${artifact}: expected an artifact whose key was registered here, got none. Is this the .enc file that was published, and the broker it was encrypted for?`,
      );
    const policy = parseAccessPolicy(record.policy, `the policy of ${artifact}`);
    const input = {
      artifact: { sha256: artifact.slice('sha256:'.length) },
      statement: verified.statement!,
      ...(verified.claims ? { claims: verified.claims } : {}),
    };
    const decision = decideAccess(policy, input, KEY_REQUEST_PREDICATE);
    if (!decision.allowed)
      throw new Refused(
        403,
        'IDENTITY_NOT_ALLOWED',
        `${context.requester.identity ?? 'the signer'} may not decrypt ${artifact}: its policy allows none of it. ${decision.reasons.join(' ')}`,
      );
    const dataKey = await ports.kek.open(record.sealedKey, artifact);
    const release: KeyRelease = {
      artifact,
      wrappedKey: ports.wrapForRecipient(dataKey, predicate.recipient.publicKey, artifact),
      publisher: { identity: record.publisherIdentity, issuer: record.publisherIssuer },
      plaintext: { name: record.plaintextName, sha256: record.plaintextSha256 },
    };
    dataKey.fill(0);
    return { status: 200, body: { ...release } };
  });
}
