/**
 * Keyless signing of an in-toto statement with sigstore-js: an ephemeral key, a Fulcio certificate for the OIDC
 * identity, a DSSE envelope, then witnesses (a Rekor v1 `dsse` entry or a Rekor v2 `hashedrekord` 0.0.2 entry, and/or
 * an RFC 3161 timestamp). Each service
 * call gets a timeout and bounded retries; every error leaving here is free of the identity token.
 */
import { bundleToJSON, type Bundle, type SerializedBundle } from '@sigstore/bundle';
import { RFC3161Timestamp } from '@sigstore/core';
import {
  DSSEBundleBuilder,
  FulcioSigner,
  MessageSignatureBundleBuilder,
  RekorWitness,
  TSAWitness,
  type Signer,
  type Witness,
} from '@sigstore/sign';
import { ProvenantError, isProvenantError } from '../../core/errors.js';
import { secrets } from '../../core/redact.js';
import type { BundleFacts } from '../../app/ports.js';
import { bundleFacts } from './bundle-facts.js';
import { rekorV2Witness } from './rekor-v2-witness.js';
import { RetryAfterObserver } from './retry-after.js';
import {
  DEFAULT_RETRY_POLICY,
  UnusableResponse,
  classify,
  realSleep,
  withRetry,
  type Failure,
  type RetryContext,
  type RetryPolicy,
  type ServiceRef,
  type Sleep,
} from './retry.js';
import { IN_TOTO_PAYLOAD_TYPE } from '../../core/statement.js';

export { IN_TOTO_PAYLOAD_TYPE };

export interface SigningEndpoints {
  readonly fulcioUrl: string;
  readonly rekorUrl?: string;
  /** 1 (the default): a `dsse` entry through sigstore-js; 2: a `hashedrekord` 0.0.2 entry through our witness. */
  readonly rekorApiVersion?: 1 | 2;
  readonly tsaUrl?: string;
}

export interface SignOptions {
  readonly endpoints: SigningEndpoints;
  /** For a Fulcio certificate; unused (and may be empty) when `keySigner` signs instead. */
  readonly identityToken: string;
  /** Signs with a key of the user's instead of a Fulcio certificate (the bundle then carries the public key). */
  readonly keySigner?: Signer;
  /** Per request; default 30 s. */
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly sleep?: Sleep;
  readonly onRetry?: (service: ServiceRef, attempt: number, delayMs: number, failure: Failure) => void;
  /** Sign the bytes themselves (a message signature) instead of wrapping them in a DSSE in-toto envelope. */
  readonly messageSignature?: boolean;
}

export interface SignResult {
  readonly bundle: SerializedBundle;
  /** The bundle as written to disk (v0.3 JSON). */
  readonly bundleJson: string;
  readonly facts: BundleFacts;
}

/** Statement (or raw bytes) in, bundle and facts out. */
export async function signStatement(
  statement: object | Uint8Array,
  options: SignOptions,
): Promise<SignResult> {
  const token = options.identityToken;
  if (token) secrets.add(token);
  const { endpoints } = options;
  if (endpoints.rekorApiVersion === 2 && !endpoints.tsaUrl) {
    throw new ProvenantError(
      'SIGSTORE_CONFIG_INVALID',
      'expected a TSA URL beside a Rekor v2 log, got none: Rekor v2 entries carry no time, so an RFC 3161 timestamp must give it; configure a timestamp authority.',
    );
  }
  if (!endpoints.rekorUrl && !endpoints.tsaUrl) {
    throw new ProvenantError(
      'SIGSTORE_CONFIG_INVALID',
      'expected a Rekor URL, a TSA URL or both to witness the signature, got neither; configure the Sigstore instance.',
    );
  }
  const observer = new RetryAfterObserver();
  const context: RetryContext = {
    policy: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    sleep: options.sleep ?? realSleep,
    retryAfter: (url) => observer.take(url),
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
  };
  // Retries are ours (see retry.ts): sigstore-js must make exactly one attempt per call.
  const fetchOptions: FetchOptions = { timeout: options.timeoutMs ?? 30_000, retry: 0 };
  const builderOptions = {
    signer: options.keySigner ?? fulcioSigner(endpoints.fulcioUrl, token, fetchOptions, context),
    witnesses: witnessesFor(endpoints, fetchOptions, context),
    certificateChain: false,
  };

  const payload =
    statement instanceof Uint8Array ? Buffer.from(statement) : Buffer.from(JSON.stringify(statement), 'utf8');
  observer.start();
  let bundle: Bundle;
  try {
    bundle = options.messageSignature
      ? await new MessageSignatureBundleBuilder(builderOptions).create({ data: payload })
      : await new DSSEBundleBuilder(builderOptions).create({ data: payload, type: IN_TOTO_PAYLOAD_TYPE });
  } catch (e) {
    throw scrub(e, token);
  } finally {
    observer.stop();
  }
  const serialized = bundleToJSON(bundle);
  return {
    bundle: serialized,
    bundleJson: JSON.stringify(serialized, null, 2) + '\n',
    facts: bundleFacts(bundle),
  };
}

interface FetchOptions {
  timeout: number;
  retry: 0;
}

function fulcioSigner(url: string, token: string, fetchOptions: FetchOptions, context: RetryContext): Signer {
  const fulcio: ServiceRef = { name: 'Fulcio', url, product: 'a signing certificate' };
  return retrying(
    fulcio,
    new FulcioSigner({
      fulcioBaseURL: url,
      identityProvider: { getToken: () => Promise.resolve(token) },
      ...fetchOptions,
    }),
    context,
  );
}

function witnessesFor(
  endpoints: SigningEndpoints,
  fetchOptions: FetchOptions,
  context: RetryContext,
): Witness[] {
  const witnesses: Witness[] = [];
  if (endpoints.rekorUrl) {
    const rekor: ServiceRef = { name: 'Rekor', url: endpoints.rekorUrl, product: 'a transparency log entry' };
    // Rekor v2 refuses the DSSE entries sigstore-js would send it: our witness logs hashedrekord over the PAE.
    const inner =
      endpoints.rekorApiVersion === 2
        ? rekorV2Witness({ baseUrl: endpoints.rekorUrl, timeoutMs: fetchOptions.timeout })
        : new RekorWitness({
            rekorBaseURL: endpoints.rekorUrl,
            entryType: 'dsse',
            majorApiVersion: 1,
            ...fetchOptions,
          });
    witnesses.push(witnessing(rekor, inner, context));
  }
  if (endpoints.tsaUrl) {
    const tsa: ServiceRef = { name: 'TSA', url: endpoints.tsaUrl, product: 'an RFC 3161 timestamp' };
    witnesses.push(
      witnessing(tsa, new TSAWitness({ tsaBaseURL: endpoints.tsaUrl, ...fetchOptions }), context),
    );
  }
  return witnesses;
}

function retrying(service: ServiceRef, inner: Signer, context: RetryContext): Signer {
  return { sign: (data) => call(service, () => inner.sign(data), context) };
}

function witnessing(service: ServiceRef, inner: Witness, context: RetryContext): Witness {
  return {
    testify: (content, publicKey) =>
      call(
        service,
        async () => {
          const material = await inner.testify(content, publicKey);
          // sigstore-js stores the TSA's bytes unread: a garbled reply would only surface at verification.
          for (const ts of material.rfc3161Timestamps ?? []) assertTimestamp(ts.signedTimestamp);
          return material;
        },
        context,
      ),
  };
}

function assertTimestamp(der: Buffer): void {
  let status: bigint;
  try {
    status = RFC3161Timestamp.parse(Buffer.from(der)).status;
  } catch {
    throw new UnusableResponse('timestamp response is not a DER TimeStampResp');
  }
  if (status !== 0n && status !== 1n) throw new UnusableResponse(`timestamp response status ${status}`);
}

async function call<T>(service: ServiceRef, operation: () => Promise<T>, context: RetryContext): Promise<T> {
  try {
    return await withRetry(service, operation, context);
  } catch (e) {
    // Token problems found by sigstore-js before any request are not the service's answer: scrub() words them.
    if (isProvenantError(e) || isTokenError(e)) throw e;
    throw rejected(service, e, classify(e));
  }
}

function isTokenError(e: unknown): boolean {
  const code = (e as { code?: unknown } | undefined)?.code;
  return code === 'IDENTITY_TOKEN_PARSE_ERROR' || code === 'IDENTITY_TOKEN_READ_ERROR';
}

/** A non-retryable answer from a service: say which, what it said, and what to do. */
function rejected(service: ServiceRef, error: unknown, failure: Failure): ProvenantError {
  const said = innermostMessage(error);
  if (service.name === 'Fulcio' && (failure.status === 401 || failure.status === 403)) {
    return new ProvenantError(
      'OIDC_TOKEN_INVALID',
      `Fulcio at ${service.url}: expected it to accept the identity token, got HTTP ${failure.status}: ${said}. ` +
        'The token must be fresh, have audience "sigstore" and come from an issuer this Fulcio trusts; request a new one right before signing.',
    );
  }
  return new ProvenantError(
    'SIGNING_FAILED',
    `${service.name} at ${service.url}: expected ${service.product}, got ${failure.status ? `HTTP ${failure.status}` : 'an error'}: ${said}. ` +
      'This is not a transient failure, so it was not retried; check the instance configuration.',
  );
}

function innermostMessage(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    parts.push(e instanceof Error ? e.message : typeof e === 'string' ? e : JSON.stringify(e));
  }
  return parts.join(': ');
}

/** Every error leaving the signer: only our own type, with the token removed from message and stack. */
function scrub(error: unknown, token: string): ProvenantError {
  const clean = (text: string): string => secrets.redact(token ? text.split(token).join('***') : text);
  if (isProvenantError(error)) {
    const copy = new ProvenantError(error.code, clean(error.message));
    copy.stack = clean(error.stack ?? '');
    return copy;
  }
  const code = (error as { code?: unknown })?.code;
  const detail = clean(innermostMessage(error));
  if (code === 'IDENTITY_TOKEN_PARSE_ERROR') {
    return new ProvenantError(
      'OIDC_TOKEN_INVALID',
      `expected an identity token with a "sub" (or verified "email") claim, got one Fulcio cannot use: ${detail}; pass the raw OIDC token.`,
    );
  }
  return new ProvenantError(
    'SIGNING_FAILED',
    `expected a signed bundle, got ${typeof code === 'string' ? code : 'an error'}: ${detail}.`,
  );
}
