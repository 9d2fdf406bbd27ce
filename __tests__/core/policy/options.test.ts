import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { POLICY_FLAGS, readPolicyOptions } from '../../../src/core/policy/options.js';
import { repoRoot } from '../../../test-support/action-runner.js';

const reader = (given: Record<string, string | boolean>) => ({
  string: (name: string) => (typeof given[name] === 'string' ? given[name] : undefined),
  boolean: (name: string) => given[name] === true,
});

describe('the policy flag table', () => {
  it('reads every flag into its option, and the host name into a server URL', () => {
    const options = readPolicyOptions(
      reader({
        owner: 'octo-org',
        repo: 'octo-org/app',
        'signer-workflow': 'w',
        'signer-repo': 'sr',
        'signer-digest': 'sd',
        'cert-identity': 'ci',
        'cert-identity-regex': 'cir',
        'cert-oidc-issuer': 'iss',
        'source-ref': 'ref',
        'source-digest': 'dig',
        'predicate-type': 'pt',
        'deny-self-hosted-runners': true,
        hostname: 'ghe.example.com',
      }),
    );
    expect(options).toEqual({
      owner: 'octo-org',
      repo: 'octo-org/app',
      signerWorkflow: 'w',
      signerRepo: 'sr',
      signerDigest: 'sd',
      certIdentity: 'ci',
      certIdentityRegex: 'cir',
      certOidcIssuer: 'iss',
      sourceRef: 'ref',
      sourceDigest: 'dig',
      predicateType: 'pt',
      denySelfHostedRunners: true,
      server: 'https://ghe.example.com',
    });
  });

  it('leaves out what was not given or given empty (an action input defaults to "")', () => {
    expect(readPolicyOptions(reader({ repo: '', owner: 'o' }))).toEqual({
      owner: 'o',
      denySelfHostedRunners: false,
    });
  });

  it('names each option once, and each flag once', () => {
    expect(new Set(POLICY_FLAGS.map((f) => f.option)).size).toBe(POLICY_FLAGS.length);
    expect(new Set(POLICY_FLAGS.map((f) => f.name)).size).toBe(POLICY_FLAGS.length);
  });

  it('has an input of the verify action for every flag', () => {
    const action = parse(readFileSync(join(repoRoot, 'verify', 'action.yml'), 'utf8')) as {
      inputs: Record<string, unknown>;
    };
    const missing = POLICY_FLAGS.map((f) => f.name).filter((name) => !(name in action.inputs));
    expect(missing).toEqual([]);
  });
});
