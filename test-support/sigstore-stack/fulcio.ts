/**
 * The stack's Fulcio front. The mock CA issues real certificates (with an SCT from its CT log) but the mock's
 * own handler trusts any token, even `alg: none`. Here we check the token as Fulcio does (issuer key signature,
 * audience `sigstore`, expiry), check proof of possession, and map GitHub claims into the certificate the way
 * Fulcio's GitHub principal does, then ask the mock CA to issue.
 */
import { createPublicKey, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { JwtRejected, verifyJwt, type Claims } from './jwt.js';
import { json, type Reply, type Route } from './http-service.js';
import type { CA, ExtensionValue } from './mock-modules.js';

const OID = (n: number): string => `1.3.6.1.4.1.57264.1.${n}`;
const GITHUB = 'https://github.com';

export interface FulcioFrontOptions {
  readonly ca: CA;
  readonly issuerKey: () => KeyObject;
  readonly audience?: string;
  readonly now?: () => number;
}

export function fulcioRoute(options: FulcioFrontOptions): Route {
  return {
    method: 'POST',
    path: '/api/v2/signingCert',
    handle: async ({ body }) => issue(options, body),
  };
}

interface CertificateRequest {
  credentials?: { oidcIdentityToken?: string };
  publicKeyRequest?: { publicKey?: { content?: string }; proofOfPossession?: string };
}

async function issue(options: FulcioFrontOptions, body: Buffer): Promise<Reply> {
  let request: CertificateRequest;
  try {
    request = JSON.parse(body.toString('utf8')) as CertificateRequest;
  } catch {
    return error(400, 'request body is not JSON');
  }
  const token = request.credentials?.oidcIdentityToken;
  const keyPem = request.publicKeyRequest?.publicKey?.content;
  const proof = request.publicKeyRequest?.proofOfPossession;
  if (!token || !keyPem || !proof)
    return error(
      400,
      'expected credentials.oidcIdentityToken, publicKeyRequest.publicKey.content and proofOfPossession',
    );

  let claims: Claims;
  try {
    claims = verifyJwt(token, {
      publicKey: options.issuerKey(),
      audience: options.audience ?? 'sigstore',
      nowSeconds: Math.floor((options.now?.() ?? Date.now()) / 1000),
    });
  } catch (e) {
    // Never echo the token back: only say why it was refused.
    if (e instanceof JwtRejected)
      return error(401, `There was an error processing the identity token: ${e.message}`);
    throw e;
  }

  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey(keyPem);
  } catch {
    return error(400, 'publicKey.content is not a PEM public key');
  }
  const subject = challengeSubject(claims);
  if (!subject || !verify('sha256', Buffer.from(subject), publicKey, Buffer.from(proof, 'base64'))) {
    return error(400, 'The signature supplied in the request could not be verified (proof of possession)');
  }

  const leaf = await options.ca.issueCertificate({
    publicKey: publicKey.export({ format: 'der', type: 'spki' }),
    subjectAltName: subjectAltName(claims),
    extensions: certificateExtensions(claims),
  });
  const chain = [toPem(leaf), toPem(options.ca.rootCertificate)];
  return {
    status: 201,
    body: json({ signedCertificateEmbeddedSct: { chain: { certificates: chain } } }),
    contentType: 'application/json',
  };
}

/** The value the client signs to prove key possession: the email for email identities, otherwise `sub`. */
function challengeSubject(claims: Claims): string | undefined {
  const email = claims['email'];
  if (typeof email === 'string') return email;
  const sub = claims['sub'];
  return typeof sub === 'string' ? sub : undefined;
}

/** Fulcio's GitHub principal names the workflow that signed: the job's workflow (the reusable one if any). */
export function subjectAltName(claims: Claims): string {
  const jobWorkflowRef = claims['job_workflow_ref'];
  if (typeof jobWorkflowRef === 'string') return `${GITHUB}/${jobWorkflowRef}`;
  const identity = claims['email'] ?? claims['sub'];
  return typeof identity === 'string' ? identity : 'unknown';
}

/**
 * GitHub claims → Fulcio extensions. `.1`–`.6` are the deprecated raw-string forms Fulcio still emits;
 * `.8`–`.24` are DER UTF8Strings. A claim that is absent produces no extension, as in Fulcio.
 */
export function certificateExtensions(claims: Claims): ExtensionValue[] {
  const c = (name: string): string | undefined => {
    const v = claims[name];
    return typeof v === 'string' && v.length > 0 ? v : typeof v === 'number' ? String(v) : undefined;
  };
  const out: ExtensionValue[] = [];
  const add = (n: number, value: string | undefined, legacy = false): void => {
    if (value !== undefined) out.push({ oid: OID(n), value, legacy });
  };
  const url = (v: string | undefined): string | undefined => (v === undefined ? undefined : `${GITHUB}/${v}`);
  const repository = c('repository');

  add(1, c('iss'), true);
  add(2, c('event_name'), true);
  add(3, c('sha'), true);
  add(4, c('workflow'), true);
  add(5, repository, true);
  add(6, c('ref'), true);
  add(8, c('iss'));
  add(9, url(c('job_workflow_ref')));
  add(10, c('job_workflow_sha'));
  add(11, c('runner_environment'));
  add(12, url(repository));
  add(13, c('sha'));
  add(14, c('ref'));
  add(15, c('repository_id'));
  add(16, url(c('repository_owner')));
  add(17, c('repository_owner_id'));
  add(18, url(c('workflow_ref')));
  add(19, c('workflow_sha'));
  add(20, c('event_name'));
  const runId = c('run_id');
  const attempt = c('run_attempt');
  if (repository && runId && attempt)
    add(21, `${GITHUB}/${repository}/actions/runs/${runId}/attempts/${attempt}`);
  add(22, c('repository_visibility'));
  add(23, c('environment'));
  add(24, c('sub'));
  return out;
}

function error(status: number, message: string): Reply {
  return { status, body: json({ code: status, message }), contentType: 'application/json' };
}

function toPem(der: ArrayBufferView): string {
  const b64 = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
