/**
 * Minimal ES256 JWT signing and checking for the stack's OIDC issuer and its Fulcio front. Written against
 * node:crypto directly so the stack has no JOSE dependency of its own and the checks are visible in one place.
 */
import { generateKeyPairSync, randomUUID, sign, verify, type KeyObject } from 'node:crypto';

export type Claims = Record<string, unknown>;

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

export interface EcKeyPair {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly kid: string;
}

export function newEcKeyPair(): EcKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateKey, publicKey, kid: randomUUID() };
}

export function signJwt(claims: Claims, key: EcKeyPair): string {
  const header = b64url(JSON.stringify({ alg: 'ES256', typ: 'JWT', kid: key.kid }));
  const payload = b64url(JSON.stringify(claims));
  const input = `${header}.${payload}`;
  // JWS wants the raw r||s form, not DER.
  const signature = sign('sha256', Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
  return `${input}.${b64url(signature)}`;
}

export class JwtRejected extends Error {
  override readonly name = 'JwtRejected';
}

export interface JwtCheck {
  readonly publicKey: KeyObject;
  readonly audience: string;
  readonly nowSeconds: number;
  /** Clock skew we forgive on `nbf`/`iat`, as real verifiers do. */
  readonly leewaySeconds?: number;
}

/** Verifies signature, audience, expiry and not-before; returns the claims or throws JwtRejected. */
export function verifyJwt(token: string, check: JwtCheck): Claims {
  const parts = token.split('.');
  if (parts.length !== 3)
    throw new JwtRejected('token is not a compact JWS (expected three dot-separated parts)');
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  let header: { alg?: unknown };
  let claims: Claims;
  try {
    header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8')) as { alg?: unknown };
    claims = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8')) as Claims;
  } catch {
    throw new JwtRejected('token header or payload is not base64url JSON');
  }
  if (header.alg !== 'ES256')
    throw new JwtRejected(`unsupported signing algorithm ${JSON.stringify(header.alg)}`);
  const ok = verify(
    'sha256',
    Buffer.from(`${headerPart}.${payloadPart}`),
    { key: check.publicKey, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signaturePart, 'base64url'),
  );
  if (!ok) throw new JwtRejected('token signature does not verify against the issuer key');
  const aud = claims['aud'];
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(check.audience)) {
    throw new JwtRejected(
      `token audience ${JSON.stringify(aud)} does not include ${JSON.stringify(check.audience)}`,
    );
  }
  const leeway = check.leewaySeconds ?? 60;
  const exp = claims['exp'];
  if (typeof exp !== 'number' || exp <= check.nowSeconds) throw new JwtRejected('token has expired');
  const nbf = claims['nbf'];
  if (typeof nbf === 'number' && nbf > check.nowSeconds + leeway)
    throw new JwtRejected('token is not valid yet');
  return claims;
}
