/**
 * The stack's OIDC issuer, served like the Actions runner's token endpoint: GET `ACTIONS_ID_TOKEN_REQUEST_URL`
 * with `&audience=…` appended and `Authorization: Bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN`, answering `{value}`.
 * So `@actions/core.getIDToken` and sigstore-js's CIContextProvider work against it unchanged.
 */
import { randomBytes } from 'node:crypto';
import { githubClaims } from './github-claims.js';
import { json, type Reply, type Route } from './http-service.js';
import { newEcKeyPair, signJwt, type Claims, type EcKeyPair } from './jwt.js';

export class OidcIssuer {
  readonly key: EcKeyPair = newEcKeyPair();
  /** The runner's request token: a secret the endpoint insists on, like the real one. */
  readonly requestToken = `rt_${randomBytes(24).toString('hex')}`;
  /** Claims every endpoint-issued token carries on top of the GitHub defaults; tests change them freely. */
  claims: Claims;
  readonly #foreign: EcKeyPair = newEcKeyPair();

  /** Further identities, each behind a request token of its own: two jobs signing at once as different identities. */
  readonly #identities = new Map<string, Claims>();

  constructor(claims: Claims = {}) {
    this.claims = claims;
  }

  /** A second (third…) identity: the request token whose tokens carry `claims` instead of the stack-wide ones. */
  addIdentity(claims: Claims): string {
    const requestToken = `rt_${randomBytes(24).toString('hex')}`;
    this.#identities.set(requestToken, claims);
    return requestToken;
  }

  /** How long endpoint tokens live, in seconds (default: the claims' 10 minutes); GitHub's live 5 minutes. */
  lifetimeSeconds: number | undefined;
  /** Tokens the endpoint has issued. */
  issued = 0;

  /** A GitHub-shaped token signed by this issuer: defaults, then the stack-wide claims, then `claims`. */
  issueToken(claims: Claims = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const times = this.lifetimeSeconds ? { iat: now, nbf: now - 5, exp: now + this.lifetimeSeconds } : {};
    return signJwt(githubClaims({ ...times, ...this.claims, ...claims }), this.key);
  }

  /** A token of another identity: its own claims on the GitHub defaults, not the stack-wide ones. */
  issueIdentityToken(claims: Claims, extra: Claims = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const times = this.lifetimeSeconds ? { iat: now, nbf: now - 5, exp: now + this.lifetimeSeconds } : {};
    return signJwt(githubClaims({ ...times, ...claims, ...extra }), this.key);
  }

  /** Same claims, signed by a key the stack does not trust: for testing signature checks. */
  issueForeignToken(claims: Claims = {}): string {
    return signJwt(githubClaims({ ...this.claims, ...claims }), this.#foreign);
  }

  route(): Route {
    return {
      method: 'GET',
      path: '/token',
      handle: ({ url, headers }) => Promise.resolve(this.answer(url, headers.authorization)),
    };
  }

  private answer(url: URL, authorization: string | undefined): Reply {
    const bearer = authorization?.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : undefined;
    const other = bearer === undefined ? undefined : this.#identities.get(bearer);
    if (bearer !== this.requestToken && !other) {
      return { status: 401, body: json({ message: 'Bad credentials' }), contentType: 'application/json' };
    }
    const audience = url.searchParams.get('audience');
    this.issued += 1;
    const aud = audience ? { aud: audience } : {};
    const value = other ? this.issueIdentityToken(other, aud) : this.issueToken(aud);
    return { status: 200, body: json({ count: 1, value }), contentType: 'application/json' };
  }
}
