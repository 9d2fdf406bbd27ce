/**
 * The registry's auth dance (distribution's token spec): a request without credentials is answered 401 with a
 * challenge; `Basic` takes the credentials on every request, `Bearer` sends them to the token realm for a token.
 * Credentials are sent only when a registry asks: an anonymous registry never sees them (@sigstore/oci signs in up
 * front and fails on a registry that answers without a challenge).
 */
import { ProvenantError } from '../../core/errors.js';
import type { RegistryCredentials } from './credentials.js';

export interface Challenge {
  scheme: 'basic' | 'bearer';
  params: Record<string, string>;
}

/** Parses `WWW-Authenticate: Bearer realm="…",service="…",scope="…"` (quoted values may hold commas). */
export function parseChallenge(header: string | null): Challenge | undefined {
  if (!header) return undefined;
  const m = /^\s*(Basic|Bearer)\b(.*)$/i.exec(header);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  for (const p of m[2]!.matchAll(/([A-Za-z_][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) {
    params[p[1]!.toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : p[3]!;
  }
  return { scheme: m[1]!.toLowerCase() as Challenge['scheme'], params };
}

export function basicHeader(c: RegistryCredentials): string {
  return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
}

/** Fetches a bearer token for the challenge's scope (or the one the request needs), anonymously when no credentials. */
export async function bearerToken(
  challenge: Challenge,
  scope: string,
  credentials: RegistryCredentials | undefined,
  fetcher: typeof fetch,
  registry: string,
): Promise<string> {
  const realm = challenge.params.realm;
  if (!realm) {
    throw new ProvenantError(
      'REGISTRY_AUTH_FAILED',
      `${registry} asked for a bearer token without naming a realm to get it from.`,
    );
  }
  const url = new URL(realm);
  if (challenge.params.service) url.searchParams.set('service', challenge.params.service);
  url.searchParams.set('scope', challenge.params.scope ?? scope);
  const response = await fetcher(url, {
    headers: credentials ? { authorization: basicHeader(credentials) } : {},
  });
  if (!response.ok) {
    throw new ProvenantError(
      'REGISTRY_AUTH_FAILED',
      `${registry}: its token service ${url.origin} refused ${credentials ? `the credentials of ${credentials.username}` : 'an anonymous token'} (HTTP ${response.status}). ` +
        (credentials
          ? 'Check registry-username and registry-password (or docker login) and that they may push to the repository.'
          : 'Expected credentials: run docker login (docker/login-action) or give registry-username and registry-password.'),
    );
  }
  const body = (await response.json().catch(() => ({}))) as { token?: string; access_token?: string };
  const token = body.token ?? body.access_token;
  if (!token)
    throw new ProvenantError(
      'REGISTRY_AUTH_FAILED',
      `${registry}: its token service answered without a token.`,
    );
  return token;
}
