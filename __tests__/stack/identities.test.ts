/**
 * The stack's OIDC issuer mints tokens for a second identity beside the stack-wide one: the approving job of a
 * release, in its environment, signing while the build job's identity stays what the endpoint gives everyone else.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';
import { tokenClaims } from './support.js';

let stack: SigstoreStack;
beforeAll(async () => {
  stack = await startSigstoreStack({ claims: { repository: 'acme/widget' } });
});
afterAll(async () => {
  await stack.stop();
});

const tokenFrom = async (env: Readonly<Record<string, string>>) => {
  const res = await fetch(`${env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=sigstore`, {
    headers: { authorization: `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` },
  });
  expect(res.status).toBe(200);
  return tokenClaims(((await res.json()) as { value: string }).value);
};

describe('a second identity', () => {
  it('has its own request token, whose tokens carry its claims; the stack-wide endpoint is unchanged', async () => {
    const approver = stack.identityEnv({ repository: 'acme/widget', environment: 'release' });
    expect(approver.ACTIONS_ID_TOKEN_REQUEST_TOKEN).not.toBe(stack.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
    const second = await tokenFrom(approver);
    expect(second).toMatchObject({
      environment: 'release',
      sub: 'repo:acme/widget:environment:release',
      aud: 'sigstore',
    });
    const first = await tokenFrom(stack.env);
    expect(first['environment']).toBeUndefined();
    expect(first['sub']).toBe('repo:acme/widget:ref:refs/tags/v1.0.0');
  });

  it('refuses a request token it never issued', async () => {
    const res = await fetch(`${stack.urls.tokenRequest}&audience=sigstore`, {
      headers: { authorization: 'Bearer rt_not-one-of-ours' },
    });
    expect(res.status).toBe(401);
  });
});
