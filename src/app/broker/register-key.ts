/**
 * A publisher registers an artifact's data key: a keyless-signed registration statement (naming the ciphertext,
 * the plaintext, the policy's digest, a commitment to the key and a fresh nonce) beside the key and the policy. The
 * key is kept only if the signer is one the publisher policy allows.
 */
import { decideAccess, parseAccessPolicy } from '../../core/encryption/access-policy.js';
import {
  KEY_COMMITMENT_LABEL,
  KEY_REGISTRATION_PREDICATE,
  readKeyRegistration,
  requestedArtifact,
  type ArtifactId,
} from '../../core/encryption/protocol.js';
import { KEY_BYTES } from '../../core/encryption/stream-format.js';
import { decide, Refused, requesterOf, type Answer, type Context } from './decision.js';
import { consumeNonce } from './nonces.js';
import type { BrokerPorts, StoredKey } from './ports.js';

export interface RegisterBody {
  bundle?: unknown;
  policy?: unknown;
  key?: unknown;
}

export interface Hashing {
  sha256(data: Buffer | string): string;
}

function dataKeyOf(body: RegisterBody): Buffer {
  const key = typeof body.key === 'string' ? Buffer.from(body.key, 'base64') : Buffer.alloc(0);
  if (key.length !== KEY_BYTES)
    throw new Refused(
      400,
      'KEY_REQUEST_INVALID',
      `key: expected a ${KEY_BYTES}-byte data key in base64, got ${key.length} bytes.`,
    );
  return key;
}

/** The request's own checks: the policy and the key sent beside it are the ones the signature names. */
function checkBinding(
  body: RegisterBody,
  predicate: ReturnType<typeof readKeyRegistration>,
  key: Buffer,
  hash: Hashing,
): string {
  if (typeof body.policy !== 'string')
    throw new Refused(
      400,
      'KEY_REQUEST_INVALID',
      'policy: expected the decryption policy as JSON text, got none.',
    );
  if (hash.sha256(body.policy) !== predicate.policySha256)
    throw new Refused(
      400,
      'KEY_REQUEST_INVALID',
      'policy: expected the policy whose digest the request signs, got another. Send the policy exactly as signed.',
    );
  if (
    hash.sha256(Buffer.concat([Buffer.from(KEY_COMMITMENT_LABEL, 'utf8'), key])) !== predicate.keyCommitment
  )
    throw new Refused(
      400,
      'KEY_REQUEST_INVALID',
      'key: expected the data key the request commits to, got another.',
    );
  return body.policy;
}

async function store(ports: BrokerPorts, record: StoredKey): Promise<Answer> {
  const outcome = await ports.store.putKey(record);
  const created = { status: 201, body: { artifact: record.artifact, registered: true } };
  if (outcome === 'created') return created;
  const held = await ports.store.getKey(record.artifact);
  // A retried registration (its answer lost) finds its own key: the same key, by the same publisher, is done.
  if (
    held &&
    held.keyCommitment === record.keyCommitment &&
    held.publisherIdentity === record.publisherIdentity
  )
    return { status: 200, body: { artifact: record.artifact, registered: true } };
  throw new Refused(
    409,
    'KEY_EXISTS',
    `${record.artifact}: expected an artifact without a key, got one registered before (by ${held?.publisherIdentity ?? 'another publisher'}). A registered key is never replaced.`,
  );
}

export async function registerKey(body: RegisterBody, ports: BrokerPorts, hash: Hashing): Promise<Answer> {
  const context: Context = { action: 'register', requester: {} };
  return decide(ports, context, async () => {
    const verified = ports.verifyRequest(body.bundle);
    context.requester = requesterOf(verified.claims);
    const artifact: ArtifactId = requestedArtifact(verified.statement, KEY_REGISTRATION_PREDICATE);
    context.artifact = artifact;
    const predicate = readKeyRegistration(verified.statement!);
    const key = dataKeyOf(body);
    const policy = checkBinding(body, predicate, key, hash);
    parseAccessPolicy(policy, `the policy of ${artifact}`);
    await consumeNonce(ports, predicate.nonce);
    const input = {
      artifact: { sha256: artifact.slice('sha256:'.length) },
      statement: verified.statement!,
      ...(verified.claims ? { claims: verified.claims } : {}),
    };
    const decision = decideAccess(ports.publisherPolicy, input, KEY_REGISTRATION_PREDICATE);
    if (!decision.allowed)
      throw new Refused(
        403,
        'IDENTITY_NOT_ALLOWED',
        `${context.requester.identity ?? 'the signer'} may not register keys: the publisher policy allows none of it. ${decision.reasons.join(' ')}`,
      );
    const sealedKey = await ports.kek.seal(key, artifact);
    key.fill(0);
    return store(ports, {
      artifact,
      sealedKey,
      kekId: ports.kek.id,
      policy,
      publisherIdentity: context.requester.identity ?? '',
      publisherIssuer: context.requester.issuer ?? '',
      plaintextName: predicate.plaintext.name,
      plaintextSha256: predicate.plaintext.digest.sha256,
      keyCommitment: predicate.keyCommitment,
      createdAt: ports.now().toISOString(),
    });
  });
}
