import { describe, expect, it } from '@jest/globals';
import { isProvenantError } from '../../../src/core/errors.js';
import { buildPolicy } from '../../../src/core/policy/build.js';
import type { PolicyOptions } from '../../../src/core/policy/options.js';

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
      signerRepo: expect.objectContaining({ shown: 'https://github.com/octo-org/octo-repo', implied: true }),
      checkStatementSource: true,
    });
  });

  it('makes --owner constrain the signer owner, unless a signer flag names the signer', () => {
    expect(buildPolicy({ owner: 'octo-org' }).signerOwner).toBe('octo-org');
    const p = buildPolicy({ owner: 'octo-org', signerRepo: 'provenant/provenant' });
    expect(p.signerOwner).toBeUndefined();
    expect(p.signerRepo).toMatchObject({ shown: 'https://github.com/provenant/provenant', implied: false });
  });

  it.each<[string, PolicyOptions, string]>([
    ['malformed --repo', { repo: 'octo-org' }, 'INPUT_INVALID'],
    ['malformed --owner', { owner: 'octo/org' }, 'INPUT_INVALID'],
    ['malformed --signer-workflow', { signerWorkflow: 'octo-org/octo-repo' }, 'INPUT_INVALID'],
    ['abbreviated --source-digest', { repo: 'a/b', sourceDigest: 'abc123' }, 'INPUT_INVALID'],
    ['non-hex --signer-digest', { repo: 'a/b', signerDigest: 'z'.repeat(40) }, 'INPUT_INVALID'],
    ['invalid regex', { certIdentityRegex: 'https://(' }, 'INPUT_INVALID'],
    ['a regex Go refuses (look-ahead)', { certIdentityRegex: '(?=a)a' }, 'INPUT_INVALID'],
    ['both identity flags', { certIdentity: 'x', certIdentityRegex: 'x' }, 'USAGE'],
    ['--repo outside --owner', { owner: 'a', repo: 'b/c' }, 'USAGE'],
    ['non-https server', { repo: 'a/b', server: 'http://github.com' }, 'INPUT_INVALID'],
  ])('refuses %s', (_name, options, expected) => {
    expect(code(options)).toBe(expected);
  });

  // gh's meaning: the value is a pattern searched for in the Build Signer URI, from ^https://HOST/ on.
  it('reads signer workflows with or without host and ref, as gh does', () => {
    const source = (value: string, server?: string) =>
      buildPolicy({ signerWorkflow: value, ...(server ? { server } : {}) }).signerWorkflow!.pattern.source;
    expect(source('octo-org/app/.github/workflows/release.yml@refs/tags/v1')).toBe(
      '^https://github\\.com/(?:octo-org/app/.github/workflows/release.yml@refs/tags/v1)',
    );
    expect(source('github.com/octo-org/app/.github/workflows/release.yml')).toBe(
      '^https://github\\.com/(?:octo-org/app/.github/workflows/release.yml)',
    );
    expect(source('https://ghe.example.com/o/r/.github/workflows/x.yml@main')).toBe(
      '^https://ghe\\.example\\.com/(?:o/r/.github/workflows/x.yml@refs/(?:heads|tags)/main)',
    );
    expect(source('o/r/.github/workflows/x.yml', 'https://ghe.example.com')).toBe(
      '^https://ghe\\.example\\.com/(?:o/r/.github/workflows/x.yml)',
    );
    expect(() => buildPolicy({ signerWorkflow: 'o/r/x.yml@' })).toThrow(/OWNER\/REPO\/PATH/);
    expect(() => buildPolicy({ signerWorkflow: 'o//x.yml' })).toThrow(/OWNER\/REPO\/PATH/);
  });

  it('warns about a pattern not anchored at the start, and not about one that is', () => {
    expect(buildPolicy({ certIdentityRegex: 'https://github\\.com/octo-org/' }).warnings).toEqual([
      expect.stringMatching(
        /^--cert-identity-regex "https:.*" is not anchored at the start: like gh and cosign/,
      ),
    ]);
    expect(buildPolicy({ certIdentityRegex: '^https://github\\.com/octo-org/' }).warnings).toBeUndefined();
    expect(buildPolicy({ repo: 'o/r', certOidcIssuerRegex: 'token' }).warnings).toHaveLength(1);
    expect(
      buildPolicy({ repo: 'o/r', signerWorkflow: 'o/r/.github/workflows/x.yml' }).warnings,
    ).toBeUndefined();
  });

  it('takes an issuer pattern instead of the exact issuer, never both', () => {
    const p = buildPolicy({ repo: 'o/r', certOidcIssuerRegex: '^https://token\\.actions\\.' });
    expect(p.issuer).toBeUndefined();
    expect(p.issuerPattern?.source).toBe('^https://token\\.actions\\.');
    expect(code({ repo: 'o/r', certOidcIssuer: 'x', certOidcIssuerRegex: 'y' })).toBe('USAGE');
  });

  it.each([
    ['slsaprovenance1', 'https://slsa.dev/provenance/v1'],
    ['slsaprovenance', 'https://slsa.dev/provenance/v0.2'],
    ['slsaprovenance02', 'https://slsa.dev/provenance/v0.2'],
    ['spdxjson', 'https://spdx.dev/Document'],
    ['cyclonedx', 'https://cyclonedx.org/bom'],
    ['openvex', 'https://openvex.dev/ns'],
    ['https://in-toto.io/attestation/release/v0.2', 'https://in-toto.io/attestation/release/v0.2'],
  ])("reads cosign's predicate type %s", (given, uri) => {
    expect(buildPolicy({ repo: 'o/r', predicateType: given }).predicateType).toBe(uri);
  });

  it('refuses a predicate type that is neither a URI nor a cosign name', () => {
    expect(code({ repo: 'o/r', predicateType: 'slsa' })).toBe('INPUT_INVALID');
  });
});
