import { generateKeyPairSync, sign } from 'node:crypto';

export function tokenClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

/** A Fulcio v2 signingCert request with a fresh key and a valid proof of possession over `sub`. */
export function csrFor(token: string) {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const sub = String(tokenClaims(token)['sub']);
  return {
    credentials: { oidcIdentityToken: token },
    publicKeyRequest: {
      publicKey: {
        algorithm: 'ECDSA',
        content: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
      },
      proofOfPossession: sign('sha256', Buffer.from(sub), privateKey).toString('base64'),
    },
  };
}

export function postJson(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}
