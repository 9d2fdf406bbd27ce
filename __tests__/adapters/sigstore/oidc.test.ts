import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { CIContextProvider } from '@sigstore/sign';
import { getIdentityToken, ID_TOKEN_PERMISSION_BLOCK } from '../../../src/adapters/sigstore/oidc.js';
import { failure } from './support.js';
import { secrets } from '../../../src/core/redact.js';
import { startSigstoreStack, type SigstoreStack } from '../../../test-support/sigstore-stack/index.js';

let stack: SigstoreStack;
const saved = { ...process.env };
beforeAll(async () => {
  stack = await startSigstoreStack({ claims: { repository: 'acme/widget' } });
});
afterAll(async () => {
  await stack.stop();
});
afterEach(() => {
  // @actions/core reads process.env itself, so tests set it; put it back exactly.
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

const noActions = (): NodeJS.ProcessEnv => ({ PATH: process.env['PATH'] });

describe('identity token', () => {
  it('without ACTIONS_ID_TOKEN_REQUEST_URL: OIDC_PERMISSION_MISSING with the exact permissions block', async () => {
    const error = await failure(getIdentityToken({ env: { ...noActions(), GITHUB_ACTIONS: 'true' } }));
    expect(error.code).toBe('OIDC_PERMISSION_MISSING');
    expect(error.message).toContain('permissions:\n  id-token: write');
    expect(ID_TOKEN_PERMISSION_BLOCK).toBe('permissions:\n  id-token: write');
  });

  it('fetches a token with audience sigstore from the Actions endpoint, writes nothing to stdout, masks through the entry point', async () => {
    const env = { ...noActions(), ...stack.env, GITHUB_ACTIONS: 'true' };
    const masked: string[] = [];
    // stdout may be a data stream (`sign --json > out.json`): no workflow command may go there.
    const written: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = (chunk: string | Uint8Array) => written.push(String(chunk)) > 0;
    let result;
    try {
      result = await getIdentityToken({ env, setSecret: (s) => masked.push(s) });
    } finally {
      process.stdout.write = write;
    }
    expect(written).toEqual([]);
    expect(result.source).toBe('actions');
    expect(result.claims).toMatchObject({ aud: 'sigstore', repository: 'acme/widget' });
    expect(masked).toEqual([result.token]);
    expect(secrets.redact(`token=${result.token}`)).toBe('token=***');
    expect(secrets.redact(stack.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN!)).toBe('***');
  });

  it.each<[string, () => void]>([
    ['a reset', () => stack.faults.resetNext('oidc')],
    ['a 429 with Retry-After', () => stack.faults.rateLimitNext('oidc', 1, 0)],
    ['a 503', () => stack.faults.failNext('oidc', 2, 503)],
    ['a garbled body', () => stack.faults.garbleNext('oidc')],
    ['a slow answer past the deadline', () => stack.faults.delayNext('oidc', 1, 60_000)],
  ])(
    'retries %s from the token endpoint, then succeeds',
    async (_label, inject) => {
      const env = { ...noActions(), ...stack.env, GITHUB_ACTIONS: 'true', PROVENANT_RETRY_UNIT_MS: '1' };
      stack.faults.clear('oidc');
      inject();
      const retries: string[] = [];
      const result = await getIdentityToken({
        env,
        onRetry: (attempt, _delay, reason) => retries.push(`${attempt}: ${reason}`),
        timeoutMs: 1000,
      });
      expect(result.claims['aud']).toBe('sigstore');
      expect(retries.length).toBeGreaterThan(0);
      expect(stack.faults.pending('oidc')).toBe(0);
    },
    60_000,
  );

  it('gives up after its retries with OIDC_TOKEN_REQUEST_FAILED naming the endpoint by origin, no secret in the message', async () => {
    const env = { ...noActions(), ...stack.env, GITHUB_ACTIONS: 'true', PROVENANT_RETRY_UNIT_MS: '1' };
    stack.faults.clear('oidc');
    stack.faults.failNext('oidc', 10, 500);
    const error = await failure(getIdentityToken({ env }));
    stack.faults.clear('oidc');
    expect(error.code).toBe('OIDC_TOKEN_REQUEST_FAILED');
    expect(error.message).toContain(
      `OIDC at ${new URL(stack.env.ACTIONS_ID_TOKEN_REQUEST_URL!).origin}: expected an identity token, got HTTP 500 after 5 attempt(s)`,
    );
    expect(error.message).not.toContain(stack.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN!);
    expect(error.message).not.toContain('/token');
  });

  it("serves sigstore-js's own CI provider unchanged", async () => {
    Object.assign(process.env, stack.env);
    const token = await new CIContextProvider('sigstore').getToken();
    expect(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString())).toMatchObject({
      aud: 'sigstore',
    });
  });

  it('reports a failing endpoint as OIDC_TOKEN_REQUEST_FAILED without the request token', async () => {
    Object.assign(process.env, stack.env, { ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'rt_wrong_request_token_value' });
    const error = await failure(getIdentityToken());
    expect(error.code).toBe('OIDC_TOKEN_REQUEST_FAILED');
    expect(error.message).not.toContain('rt_wrong_request_token_value');
  });

  it('prefers an explicit token, then SIGSTORE_ID_TOKEN, over the Actions endpoint', async () => {
    const explicit = stack.issueToken({ sub: 'explicit' });
    const fromEnv = stack.issueToken({ sub: 'env' });
    const env = { ...noActions(), ...stack.env, SIGSTORE_ID_TOKEN: fromEnv };
    const never = () => Promise.reject(new Error('must not be called'));
    expect((await getIdentityToken({ explicitToken: explicit, env, getIDToken: never })).claims['sub']).toBe(
      'explicit',
    );
    const second = await getIdentityToken({ env, getIDToken: never });
    expect(second).toMatchObject({ source: 'env', token: fromEnv });
    expect(secrets.redact(fromEnv)).toBe('***');
  });

  it.each<[string, () => string, RegExp]>([
    ['not a JWT', () => 'definitely-not-a-jwt-but-secret', /JWT/],
    [
      'audience other than sigstore',
      () => stack.issueToken({ aud: 'api://AzureADTokenExchange' }),
      /audience/,
    ],
    ['expired', () => stack.issueToken({ exp: Math.floor(Date.now() / 1000) - 10 }), /expired/],
  ])('refuses an explicit token that is %s, without quoting it', async (_label, make, why) => {
    const token = make();
    const error = await failure(getIdentityToken({ explicitToken: token, env: noActions() }));
    expect(error.code).toBe('OIDC_TOKEN_INVALID');
    expect(error.message).toMatch(why);
    expect(error.message).not.toContain(token);
  });
});
