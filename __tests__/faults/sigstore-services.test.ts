/**
 * Sigstore faults at the adapter level, where retries can be counted and waits recorded instead of slept.
 * What __tests__/adapters/sigstore/signer.test.ts already proves (503 twice, 429 + Retry-After, one reset, one
 * garbled body per service, a Rekor timeout, retries running out, 400 not retried) is not repeated here: this
 * file adds the remaining combinations (500s, timeouts of Fulcio and the TSA, exhausted rate limits, garbled
 * bodies that never heal) and Rekor's 409.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { signStatement, type SignResult } from '../../src/adapters/sigstore/signer.js';
import { verifyAfterSign } from '../../src/adapters/sigstore/verify-after-sign.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';
import { STATEMENT, failure, optionsFor, type Witnesses } from '../adapters/sigstore/support.js';

type Service = 'fulcio' | 'rekor' | 'tsa';
let stack: SigstoreStack;
let token: string;

beforeAll(async () => {
  stack = await startSigstoreStack();
  token = stack.issueToken();
});
afterAll(async () => {
  await stack.stop();
});
beforeEach(() => {
  stack.faults.clear();
});

const verifies = (result: SignResult, witnesses: Witnesses): void =>
  verifyAfterSign(result.bundle, {
    trustedRoot: TrustedRoot.fromJSON(stack.trustedRoot),
    expectTlogEntry: witnesses !== 'tsa',
  });

const SERVICES: [Service, Witnesses, string][] = [
  ['fulcio', 'both', 'Fulcio'],
  ['rekor', 'both', 'Rekor'],
  ['tsa', 'both', 'TSA'],
];

describe.each(SERVICES)('%s faults', (service, witnesses, name) => {
  it('500 once: retried, then a bundle that verifies', async () => {
    stack.faults.failNext(service, 1, 500);
    const { options, sleeps } = optionsFor(stack, witnesses, token);
    const result = await signStatement(STATEMENT, options);
    expect(() => verifies(result, witnesses)).not.toThrow();
    expect(sleeps).toHaveLength(1);
    expect(stack.faults.requests(service)).toBe(2);
  });

  it('a response slower than the timeout: abandoned, retried, then a bundle that verifies', async () => {
    stack.faults.delayNext(service, 1, 4000);
    const { options, sleeps } = optionsFor(stack, witnesses, token, { timeoutMs: 1000 });
    const result = await signStatement(STATEMENT, options);
    expect(() => verifies(result, witnesses)).not.toThrow();
    expect(stack.faults.pending(service)).toBe(0);
    expect(sleeps.length).toBeGreaterThanOrEqual(1);
  });

  it('429 with Retry-After on every attempt: bounded, then SERVICE_UNAVAILABLE naming the service', async () => {
    stack.faults.rateLimitNext(service, 10, 2);
    const { options, sleeps } = optionsFor(stack, witnesses, token, { retry: { retries: 2 } });
    const error = await failure(signStatement(STATEMENT, options));
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.message).toContain(`${name} at ${stack.urls[service]}`);
    expect(error.message).toContain('HTTP 429 after 3 attempt(s)');
    expect(sleeps).toEqual([2000, 2000]);
    expect(stack.faults.requests(service)).toBe(3);
  });

  it('garbled bodies that never heal: bounded, then SERVICE_UNAVAILABLE, not a crash or a corrupt bundle', async () => {
    stack.faults.garbleNext(service, 10);
    const { options, sleeps } = optionsFor(stack, witnesses, token, { retry: { retries: 2 } });
    const error = await failure(signStatement(STATEMENT, options));
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.message).toContain(`${name} at`);
    expect(error.message).toContain('an unparseable response after 3 attempt(s)');
    expect(sleeps).toHaveLength(2);
  });

  it('connection resets on every attempt: bounded, then SERVICE_UNAVAILABLE', async () => {
    stack.faults.resetNext(service, 10);
    const { options, sleeps } = optionsFor(stack, witnesses, token, { retry: { retries: 1 } });
    const error = await failure(signStatement(STATEMENT, options));
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.message).toMatch(/after 2 attempt\(s\)/);
    expect(sleeps).toHaveLength(1);
    expect(error.message).not.toContain(token);
  });
});

describe('Rekor 409: the entry already exists', () => {
  it('a POST whose answer was lost is retried, answered 409 with Location, and the existing entry is fetched and used', async () => {
    stack.faults.loseResponseNext('rekor', 1);
    const { options, sleeps } = optionsFor(stack, 'rekor', token);
    const result = await signStatement(STATEMENT, options);
    expect(() => verifies(result, 'rekor')).not.toThrow();
    // POST (logged, answer lost), POST (409), GET of the existing entry.
    expect(stack.faults.requests('rekor')).toBe(3);
    expect(sleeps).toHaveLength(1);
    expect(result.facts.rekorLogIndex).toMatch(/^\d+$/);
  });

  it('the fetch of the existing entry garbled: retried as a whole, and still one verified bundle', async () => {
    stack.faults.loseResponseNext('rekor', 1);
    // Requests: POST (lost), POST (409; a zero delay is no fault), GET (garbled), POST (409), GET (ok).
    stack.faults.delayNext('rekor', 1, 0);
    stack.faults.garbleNext('rekor', 1);
    const { options, sleeps } = optionsFor(stack, 'rekor', token);
    const result = await signStatement(STATEMENT, options);
    expect(() => verifies(result, 'rekor')).not.toThrow();
    expect(stack.faults.requests('rekor')).toBe(5);
    expect(sleeps).toHaveLength(2);
  });

  it('a 409 without Location (nothing to fetch) fails at once and clearly, naming Rekor', async () => {
    stack.faults.failNext('rekor', 1, 409);
    const { options, sleeps } = optionsFor(stack, 'rekor', token);
    const error = await failure(signStatement(STATEMENT, options));
    expect(error.code).toBe('SIGNING_FAILED');
    expect(error.message).toContain(`Rekor at ${stack.urls.rekor}`);
    expect(error.message).toContain('HTTP 409');
    expect(sleeps).toEqual([]);
  });
});
