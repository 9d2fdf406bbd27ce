import { describe, expect, it } from '@jest/globals';
import { isProvenantError } from '../../../src/core/errors.js';
import { buildPolicy } from '../../../src/core/policy/build.js';
import type { PolicyOptions } from '../../../src/core/policy/options.js';
import { parseWorkflowRef } from '../../../src/core/policy/github-identity.js';

function code(options: PolicyOptions): string | undefined {
  try {
    buildPolicy(options);
    return undefined;
  } catch (e) {
    if (!isProvenantError(e)) throw e;
    expect(e.exitCode).toBe(2);
    return e.code;
  }
}

describe('buildPolicy', () => {
  it('refuses a policy without any identity constraint', () => {
    expect(code({})).toBe('POLICY_MISSING');
    expect(
      code({
        sourceRef: 'refs/heads/main',
        certOidcIssuer: 'https://token.actions.githubusercontent.com',
        denySelfHostedRunners: true,
      }),
    ).toBe('POLICY_MISSING');
  });

  it('defaults the issuer and predicate type, and makes --repo constrain the signer too', () => {
    const p = buildPolicy({ repo: 'octo-org/octo-repo' });
    expect(p).toMatchObject({
      server: 'https://github.com',
      issuer: 'https://token.actions.githubusercontent.com',
      predicateType: 'https://slsa.dev/provenance/v1',
      sourceRepo: 'octo-org/octo-repo',
      signerRepo: { repository: 'octo-org/octo-repo', implied: true },
      checkStatementSource: true,
    });
  });

  it('makes --owner constrain the signer owner, unless a signer flag names the signer', () => {
    expect(buildPolicy({ owner: 'octo-org' }).signerOwner).toBe('octo-org');
    const p = buildPolicy({ owner: 'octo-org', signerRepo: 'provenant/provenant' });
    expect(p.signerOwner).toBeUndefined();
    expect(p.signerRepo).toEqual({ repository: 'provenant/provenant', implied: false });
  });

  it.each<[string, PolicyOptions, string]>([
    ['malformed --repo', { repo: 'octo-org' }, 'INPUT_INVALID'],
    ['malformed --owner', { owner: 'octo/org' }, 'INPUT_INVALID'],
    ['malformed --signer-workflow', { signerWorkflow: 'octo-org/octo-repo' }, 'INPUT_INVALID'],
    ['abbreviated --source-digest', { repo: 'a/b', sourceDigest: 'abc123' }, 'INPUT_INVALID'],
    ['non-hex --signer-digest', { repo: 'a/b', signerDigest: 'z'.repeat(40) }, 'INPUT_INVALID'],
    ['invalid regex', { certIdentityRegex: 'https://(' }, 'INPUT_INVALID'],
    ['catastrophic regex', { certIdentityRegex: '(a+)+' }, 'INPUT_INVALID'],
    ['both identity flags', { certIdentity: 'x', certIdentityRegex: 'x' }, 'USAGE'],
    ['--repo outside --owner', { owner: 'a', repo: 'b/c' }, 'USAGE'],
    ['non-https server', { repo: 'a/b', server: 'http://github.com' }, 'INPUT_INVALID'],
  ])('refuses %s', (_name, options, expected) => {
    expect(code(options)).toBe(expected);
  });

  it('parses signer workflows with or without host and ref', () => {
    expect(parseWorkflowRef('octo-org/app/.github/workflows/release.yml@refs/tags/v1', 'f')).toEqual({
      server: 'https://github.com',
      repository: 'octo-org/app',
      path: '.github/workflows/release.yml',
      ref: 'refs/tags/v1',
    });
    expect(parseWorkflowRef('github.com/octo-org/app/.github/workflows/release.yml', 'f')).toEqual({
      server: 'https://github.com',
      repository: 'octo-org/app',
      path: '.github/workflows/release.yml',
    });
    expect(
      parseWorkflowRef('https://ghe.example.com/o/r/.github/workflows/x.yml@refs/heads/main', 'f').server,
    ).toBe('https://ghe.example.com');
    expect(() => parseWorkflowRef('o/r/../x.yml', 'f')).toThrow(/OWNER\/REPO\/PATH/);
    expect(() => parseWorkflowRef('o/r/x.yml@', 'f')).toThrow(/OWNER\/REPO\/PATH/);
  });
});
