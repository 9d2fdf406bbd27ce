/**
 * A local Sigstore stack for tests, the demo and benchmarks: Fulcio (with CT log), Rekor v1, an RFC 3161 TSA and
 * a GitHub-shaped OIDC issuer, each on its own node:http server on 127.0.0.1 (random ports), plus the matching
 * trusted root on disk. Dev tooling only: nothing under src/ imports it.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fastCA } from './fast-ca.js';
import { Faults } from './faults.js';
import { fulcioRoute } from './fulcio.js';
import { startService, type RunningService } from './http-service.js';
import type { Claims } from './jwt.js';
import { initializeCA, initializeCTLog, initializeTLog, initializeTSA } from './mock-modules.js';
import { OidcIssuer } from './oidc-issuer.js';
import { rekorRoutes } from './rekor.js';
import { startRekorV2, type RekorV2Options, type RunningRekorV2 } from './rekor-v2.js';
import { buildTrustedRoot } from './trusted-root.js';
import { tsaRoute, wholeSecondClock } from './tsa.js';

export { Faults, type Fault, type ServiceName } from './faults.js';
export { GITHUB_ISSUER, githubClaims } from './github-claims.js';
export type { Claims } from './jwt.js';

export interface SigstoreStackOptions {
  /** Claims every token from the OIDC endpoint carries (on top of GitHub-shaped defaults). */
  readonly claims?: Claims;
  /** Where to write trusted_root.json; a fresh temporary directory (removed on stop) by default. */
  readonly dir?: string;
  /** The Rekor v2 log's key type and write latency (Ed25519, no latency by default). */
  readonly rekorV2?: Omit<RekorV2Options, 'origin'>;
}

export interface SigstoreStackUrls {
  readonly fulcio: string;
  readonly rekor: string;
  /** Base URL of the Rekor v2 log (writes at /api/v2/log/entries, tiles below /api/v2). */
  readonly rekorV2: string;
  /** Base URL of the TSA (sigstore-js appends /api/v1/timestamp). */
  readonly tsa: string;
  /** The OIDC issuer's origin. */
  readonly oidc: string;
  /** What the runner would put in ACTIONS_ID_TOKEN_REQUEST_URL (already has a query string, like GitHub's). */
  readonly tokenRequest: string;
}

export interface SigstoreStack {
  readonly urls: SigstoreStackUrls;
  readonly trustedRootPath: string;
  readonly trustedRoot: Record<string, unknown>;
  /** PEM of the Fulcio CA (the root every leaf chains to), for openssl and friends. */
  readonly caCertificatePem: string;
  /** The environment an Actions step would see: ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN. */
  readonly env: Readonly<Record<string, string>>;
  readonly faults: Faults;
  /** The Rekor v2 log itself (its key, size, write latency) and its own faults. */
  readonly rekorV2: RunningRekorV2;
  /** A token from the stack's issuer, audience `sigstore` unless `claims.aud` says otherwise. */
  issueToken(claims?: Claims): string;
  /** A token with the same shape signed by an untrusted key. */
  issueForeignToken(claims?: Claims): string;
  /**
   * A second identity (e.g. the approving job, in its environment): the runner environment whose token endpoint
   * answers with tokens of these claims, while the stack-wide claims stay what the endpoint gives everyone else.
   */
  identityEnv(claims: Claims): Readonly<Record<string, string>>;
  /** Replace the claims the token endpoint adds to every token. */
  setClaims(claims: Claims): void;
  /** How long the endpoint's tokens live (undefined: the default 10 minutes). */
  setTokenLifetime(seconds: number | undefined): void;
  /** Tokens the endpoint has issued so far. */
  tokensIssued(): number;
  stop(): Promise<void>;
}

export async function startSigstoreStack(options: SigstoreStackOptions = {}): Promise<SigstoreStack> {
  const faults = new Faults();
  const issuer = new OidcIssuer(options.claims ?? {});
  const services: RunningService[] = [];
  const ownsDir = options.dir === undefined;
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'sigstore-stack-')));
  try {
    const ec = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const fulcio = await startService('fulcio', faults);
    const rekor = await startService('rekor', faults);
    const tsaService = await startService('tsa', faults);
    const oidc = await startService('oidc', faults, [issuer.route()]);
    const rekorV2 = await startRekorV2(options.rekorV2);
    services.push(fulcio, rekor, tsaService, oidc, rekorV2);

    const ctKeys = ec();
    const caKeys = ec();
    const ctLog = await initializeCTLog(ctKeys);
    const ca = fastCA(await initializeCA(caKeys, ctLog), { ca: caKeys.privateKey, ctLog: ctKeys.privateKey });
    // The log signs checkpoints under the origin it is given: its own host:port.
    const tlog = await initializeTLog(rekor.url, ec());
    const tsa = await initializeTSA(ec());
    wholeSecondClock(tsa);

    fulcio.routes.push(fulcioRoute({ ca, issuerKey: () => issuer.key.publicKey }));
    rekor.routes.push(...rekorRoutes(tlog));
    tsaService.routes.push(tsaRoute(tsa));

    const urls: SigstoreStackUrls = {
      fulcio: fulcio.url,
      rekor: rekor.url,
      rekorV2: rekorV2.url,
      tsa: tsaService.url,
      oidc: oidc.url,
      tokenRequest: `${oidc.url}/token?api-version=2.0`,
    };
    const trustedRoot = buildTrustedRoot({
      ca,
      ctLog,
      tlog,
      rekorV2: rekorV2.log.key,
      tsa,
      urls,
      validFrom: new Date(Date.now() - 5 * 60_000),
    });
    const trustedRootPath = join(dir, 'trusted_root.json');
    await writeFile(trustedRootPath, JSON.stringify(trustedRoot, null, 2) + '\n');
    const rootDer = Buffer.from(
      ca.rootCertificate.buffer,
      ca.rootCertificate.byteOffset,
      ca.rootCertificate.byteLength,
    );

    return {
      urls,
      trustedRootPath,
      trustedRoot,
      caCertificatePem: `-----BEGIN CERTIFICATE-----\n${(rootDer.toString('base64').match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----\n`,
      env: {
        ACTIONS_ID_TOKEN_REQUEST_URL: urls.tokenRequest,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: issuer.requestToken,
      },
      faults,
      rekorV2,
      issueToken: (claims) => issuer.issueToken(claims),
      issueForeignToken: (claims) => issuer.issueForeignToken(claims),
      identityEnv: (claims) => ({
        ACTIONS_ID_TOKEN_REQUEST_URL: urls.tokenRequest,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: issuer.addIdentity(claims),
      }),
      setClaims: (claims) => {
        issuer.claims = claims;
      },
      setTokenLifetime: (seconds) => {
        issuer.lifetimeSeconds = seconds;
      },
      tokensIssued: () => issuer.issued,
      stop: async () => {
        await Promise.all(services.map((s) => s.close()));
        if (ownsDir) await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await Promise.all(services.map((s) => s.close()));
    if (ownsDir) await rm(dir, { recursive: true, force: true });
    throw e;
  }
}
