/**
 * The stack's Rekor v1. The mock log signs whatever body it is given; for `dsse` entries it would store the
 * client's proposal (envelope + verifiers), which no verifier accepts ("signature count mismatch"). Real
 * Rekor stores a canonical body instead: envelopeHash, payloadHash and signatures each with its verifier.
 * We check the DSSE signature as Rekor does, rewrite the proposal into that canonical form, then log it.
 */
import { createHash, createPublicKey, verify, X509Certificate } from 'node:crypto';
import { json, type Reply, type Route } from './http-service.js';
import type { TLog } from './mock-modules.js';

/**
 * Like real Rekor, an entry is logged once: proposing the same canonical entry again answers 409 with the
 * existing entry's address in `Location` (what a client sees when it retries a POST whose first answer was lost),
 * and `GET /api/v1/log/entries/<uuid>` serves it.
 */
export function rekorRoutes(tlog: TLog): Route[] {
  const logged = new Map<string, { uuid: string; response: Record<string, unknown> }>();
  const byUuid = new Map<string, Record<string, unknown>>();
  return [
    {
      method: 'POST',
      path: '/api/v1/log/entries',
      handle: async ({ body }) => createEntry(tlog, body, logged, byUuid),
    },
    {
      method: 'GET',
      path: '/api/v1/log/entries/*',
      handle: ({ url }) => {
        const uuid = url.pathname.split('/').pop() ?? '';
        const response = byUuid.get(uuid);
        return Promise.resolve(
          response
            ? { status: 200, body: json(response), contentType: 'application/json' }
            : error(404, `no entry with UUID ${uuid}`),
        );
      },
    },
  ];
}

interface DsseProposal {
  kind: 'dsse';
  apiVersion: '0.0.1';
  spec: { proposedContent: { envelope: string; verifiers: string[] } };
}

interface Envelope {
  payload: string;
  payloadType: string;
  signatures: { sig: string; keyid?: string }[];
}

async function createEntry(
  tlog: TLog,
  body: Buffer,
  logged: Map<string, { uuid: string; response: Record<string, unknown> }>,
  byUuid: Map<string, Record<string, unknown>>,
): Promise<Reply> {
  let proposal: { kind?: string; apiVersion?: string; spec?: unknown };
  try {
    proposal = JSON.parse(body.toString('utf8')) as typeof proposal;
  } catch {
    return error(400, 'entry is not JSON');
  }
  let entry: object = proposal;
  if (proposal.kind === 'dsse' && proposal.apiVersion === '0.0.1') {
    const canonical = canonicalDsse(proposal as DsseProposal);
    if (typeof canonical === 'string') return error(400, canonical);
    entry = canonical;
  }
  const key = sha256(Buffer.from(JSON.stringify(entry)));
  const existing = logged.get(key);
  if (existing) {
    return {
      status: 409,
      body: json({
        code: 409,
        message: `an equivalent entry already exists in the transparency log with UUID ${existing.uuid}`,
      }),
      contentType: 'application/json',
      headers: { location: `/api/v1/log/entries/${existing.uuid}` },
    };
  }
  const response = (await tlog.log(entry)) as Record<string, unknown>;
  const uuid = Object.keys(response)[0]!;
  logged.set(key, { uuid, response });
  byUuid.set(uuid, response);
  return { status: 201, body: json(response), contentType: 'application/json' };
}

/** Returns the canonical entry, or a reason the proposal is refused. */
export function canonicalDsse(proposal: DsseProposal): object | string {
  const content = proposal.spec?.proposedContent;
  if (!content || typeof content.envelope !== 'string' || !Array.isArray(content.verifiers)) {
    return 'dsse proposal needs spec.proposedContent.envelope and verifiers';
  }
  let envelope: Envelope;
  try {
    envelope = JSON.parse(content.envelope) as Envelope;
  } catch {
    return 'envelope is not JSON';
  }
  const payload = Buffer.from(envelope.payload ?? '', 'base64');
  const pae = preAuthEncoding(envelope.payloadType ?? '', payload);
  const signatures: { signature: string; verifier: string }[] = [];
  for (const sig of envelope.signatures ?? []) {
    // Each signature must verify under one of the proposed verifiers (PEM certificates or keys, base64-wrapped).
    const verifier = content.verifiers.find((v) => verifies(v, pae, Buffer.from(sig.sig, 'base64')));
    if (!verifier) return 'envelope signature does not verify with any proposed verifier';
    signatures.push({ signature: sig.sig, verifier });
  }
  if (signatures.length === 0) return 'envelope has no signatures';
  return {
    apiVersion: '0.0.1',
    kind: 'dsse',
    spec: {
      envelopeHash: { algorithm: 'sha256', value: sha256(Buffer.from(content.envelope)) },
      payloadHash: { algorithm: 'sha256', value: sha256(payload) },
      signatures,
    },
  };
}

export function preAuthEncoding(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${type.length} `),
    type,
    Buffer.from(` ${payload.length} `),
    payload,
  ]);
}

function verifies(verifierB64: string, data: Buffer, signature: Buffer): boolean {
  try {
    const pem = Buffer.from(verifierB64, 'base64').toString('utf8');
    const key = pem.includes('CERTIFICATE') ? new X509Certificate(pem).publicKey : createPublicKey(pem);
    return verify('sha256', data, key, signature);
  } catch {
    return false;
  }
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

function error(status: number, message: string): Reply {
  return { status, body: json({ code: status, message }), contentType: 'application/json' };
}
