/**
 * A thin client of the distribution API for one repository: manifests, blobs and the referrers API, with the auth
 * dance, a deadline on every request, and bounded retries of what a registry answers when busy (429 honouring
 * Retry-After, 5xx, dropped connections).
 */
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ProvenantError } from '../../core/errors.js';
import { secrets } from '../../core/redact.js';
import { registryBaseUrl } from '../../core/oci/reference.js';
import { deadlineFetch } from '../github/deadline-fetch.js';
import { parseRetryAfter } from '../sigstore/retry-after.js';
import { basicHeader, bearerToken, parseChallenge } from './auth.js';
import type { RegistryCredentials } from './credentials.js';

export interface ClientOptions {
  credentials?: RegistryCredentials;
  requestTimeoutMs?: number;
  retries?: number;
  /** One second of backoff, in ms (tests shorten it). */
  backoffUnitMs?: number;
  log?: { debug?(m: string): void; warn(m: string): void };
  fetch?: typeof fetch;
}

export interface Answer {
  status: number;
  headers: Headers;
  body: Buffer;
  url: string;
}

export const sha256Digest = (bytes: Buffer | string): string =>
  `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

const RETRYABLE = new Set([408, 429, 500, 502, 503, 504]);

export class RegistryClient {
  readonly registry: string;
  readonly repository: string;
  readonly #base: string;
  readonly #options: ClientOptions;
  readonly #fetch: typeof fetch;
  /** The Authorization header that last worked, per kind of access. */
  readonly #auth = new Map<'pull' | 'push', string>();

  constructor(registry: string, repository: string, options: ClientOptions = {}) {
    this.registry = registry;
    this.repository = repository;
    this.#base = `${registryBaseUrl(registry)}/v2/${repository}`;
    this.#options = options;
    this.#fetch = deadlineFetch(options.requestTimeoutMs ?? 30_000, options.fetch ?? globalThis.fetch);
    if (options.credentials) secrets.add(options.credentials.password);
  }

  /** `/manifests/x`, `/blobs/x`, … under the repository; or an absolute URL (an upload location). */
  url(path: string): string {
    return /^https?:\/\//.test(path) ? path : `${this.#base}${path}`;
  }

  /** One request, authenticated when the registry asks, retried when it is busy. */
  async send(
    method: string,
    path: string,
    init: { headers?: Record<string, string>; body?: Buffer | string } = {},
  ): Promise<Answer> {
    const access = method === 'GET' || method === 'HEAD' ? 'pull' : 'push';
    let answer = await this.#retrying(method, path, init, this.#auth.get(access) ?? this.#auth.get('push'));
    for (let round = 0; answer.status === 401 && round < 2; round++) {
      const header = await this.#authorize(answer, access);
      this.#auth.set(access, header);
      answer = await this.#retrying(method, path, init, header);
    }
    if (answer.status === 401 || answer.status === 403) throw this.#refused(answer, method, path);
    return answer;
  }

  async #authorize(answer: Answer, access: 'pull' | 'push'): Promise<string> {
    const challenge = parseChallenge(answer.headers.get('www-authenticate'));
    const credentials = this.#options.credentials;
    if (challenge?.scheme === 'bearer') {
      const scope = `repository:${this.repository}:${access === 'push' ? 'pull,push' : 'pull'}`;
      const token = await bearerToken(challenge, scope, credentials, this.#fetch, this.registry);
      secrets.add(token);
      return `Bearer ${token}`;
    }
    if (!credentials) throw this.#refused(answer, '', '');
    return basicHeader(credentials);
  }

  #refused(answer: Answer, method: string, path: string): ProvenantError {
    const who = this.#options.credentials
      ? `the credentials of ${this.#options.credentials.username}`
      : 'no credentials';
    return new ProvenantError(
      'REGISTRY_AUTH_FAILED',
      `${this.registry}/${this.repository}: the registry refused ${who} (HTTP ${answer.status}${method ? ` on ${method} ${path}` : ''}). ` +
        (this.#options.credentials
          ? 'Expected credentials that may push to this repository: check registry-username and registry-password, or docker login.'
          : 'Expected credentials: run docker login (docker/login-action writes ~/.docker/config.json) or give registry-username and registry-password.'),
    );
  }

  async #retrying(
    method: string,
    path: string,
    init: { headers?: Record<string, string>; body?: Buffer | string },
    authorization: string | undefined,
  ): Promise<Answer> {
    const retries = this.#options.retries ?? 4;
    const unit = this.#options.backoffUnitMs ?? 1000;
    for (let attempt = 0; ; attempt++) {
      let answer: Answer | undefined;
      let failure: unknown;
      try {
        answer = await this.#once(method, path, init, authorization);
      } catch (e) {
        failure = e;
      }
      if (answer && !RETRYABLE.has(answer.status)) return answer;
      const reason = answer ? `HTTP ${answer.status}` : describeNetworkError(failure);
      const asked = answer ? parseRetryAfter(answer.headers.get('retry-after') ?? '', Date.now()) : undefined;
      const wait = asked !== undefined ? Math.min(asked, 60_000) * (unit / 1000) : unit * 2 ** attempt;
      if (attempt >= retries) {
        throw new ProvenantError(
          'REGISTRY_FAILED',
          `${this.registry}: ${method} ${path} failed after ${attempt + 1} attempts (${reason}). Expected the registry to answer; try again later or check its status.`,
          { cause: failure },
        );
      }
      this.#options.log?.warn(
        `${this.registry}: ${method} ${path} answered ${reason}; retrying in ${Math.round(wait)} ms (attempt ${attempt + 1} of ${retries})`,
      );
      await sleep(wait);
    }
  }

  async #once(
    method: string,
    path: string,
    init: { headers?: Record<string, string>; body?: Buffer | string },
    authorization: string | undefined,
  ): Promise<Answer> {
    const url = this.url(path);
    // Credentials go only to the registry itself, never to a storage host an upload location points at.
    const sameOrigin = new URL(url).origin === new URL(this.#base).origin;
    const response = await this.#fetch(url, {
      method,
      headers: { ...(init.headers ?? {}), ...(authorization && sameOrigin ? { authorization } : {}) },
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
    return {
      status: response.status,
      headers: response.headers,
      body: Buffer.from(await response.arrayBuffer()),
      url: response.url || url,
    };
  }

  /** Fails with what the registry said, for answers no caller handles. */
  unexpected(answer: Answer, what: string): ProvenantError {
    const detail = answer.body.toString('utf8').slice(0, 200).replace(/\s+/g, ' ').trim();
    return new ProvenantError(
      answer.status === 404 ? 'IMAGE_NOT_FOUND' : 'REGISTRY_FAILED',
      `${this.registry}/${this.repository}: ${what}: HTTP ${answer.status}${detail ? ` (${detail})` : ''}.`,
    );
  }
}

function describeNetworkError(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  if ((e as { name?: string } | undefined)?.name === 'TimeoutError')
    return 'no answer within the request deadline';
  return cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e));
}
