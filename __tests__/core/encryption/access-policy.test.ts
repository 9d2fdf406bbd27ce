import { describe, expect, it } from '@jest/globals';
import type { CertificateClaims } from '../../../src/core/certificate-claims.js';
import { decideAccess, parseAccessPolicy } from '../../../src/core/encryption/access-policy.js';
import { KEY_REQUEST_PREDICATE } from '../../../src/core/encryption/protocol.js';

const DIGEST = 'a'.repeat(64);
const claims = (over: Partial<CertificateClaims> = {}): CertificateClaims => ({
  subjectAlternativeName: 'https://github.com/acme/widget/.github/workflows/deploy.yml@refs/heads/main',
  issuer: 'https://token.actions.githubusercontent.com',
  buildSignerURI: 'https://github.com/acme/widget/.github/workflows/deploy.yml@refs/heads/main',
  sourceRepositoryURI: 'https://github.com/acme/widget',
  sourceRepositoryOwnerURI: 'https://github.com/acme',
  sourceRepositoryRef: 'refs/heads/main',
  runnerEnvironment: 'github-hosted',
  legacy: {},
  ...over,
});
const request = (c: CertificateClaims, digest = DIGEST, predicateType = KEY_REQUEST_PREDICATE) => ({
  artifact: { sha256: DIGEST },
  statement: { subjects: [{ name: 'w.enc', digest: { sha256: digest } }], predicateType, predicate: {} },
  claims: c,
});
const decide = (policy: object, input = request(claims())) =>
  decideAccess(parseAccessPolicy(JSON.stringify(policy), 'p.json'), input, KEY_REQUEST_PREDICATE);

describe('decryption policies', () => {
  it.each([
    ['the repository', { repo: 'acme/widget' }],
    ['the owner', { owner: 'acme' }],
    [
      'the signer workflow',
      { repo: 'acme/widget', 'signer-workflow': 'acme/widget/.github/workflows/deploy.yml' },
    ],
    [
      'the exact identity',
      { 'cert-identity': 'https://github.com/acme/widget/.github/workflows/deploy.yml@refs/heads/main' },
    ],
    ['the ref', { repo: 'acme/widget', 'source-ref': 'refs/heads/main' }],
    ['a hosted runner', { repo: 'acme/widget', 'deny-self-hosted-runners': true }],
  ])('allows a request matching %s', (_label, entry) => {
    expect(decide({ allow: [entry] })).toEqual({ allowed: true, entry: 0 });
  });

  it.each([
    ['another repository', { repo: 'acme/gadget' }, /acme\/gadget/],
    [
      'another signer workflow',
      { repo: 'acme/widget', 'signer-workflow': 'acme/widget/.github/workflows/release.yml' },
      /release\.yml/,
    ],
    [
      'another issuer',
      { repo: 'acme/widget', 'cert-oidc-issuer': 'https://accounts.example' },
      /accounts\.example/,
    ],
    ['another ref', { repo: 'acme/widget', 'source-ref': 'refs/tags/v1' }, /refs\/tags\/v1/],
    [
      'an environment it did not run in',
      { repo: 'acme/widget', environment: 'production' },
      /deployment environment "production", got null/,
    ],
  ])('refuses a request from %s, saying why', (_label, entry, why) => {
    const d = decide({ allow: [entry] });
    expect(d.allowed).toBe(false);
    expect(!d.allowed && d.reasons.join(' ')).toMatch(why);
  });

  it('allows when any entry matches, and reports each entry that did not', () => {
    expect(
      decide({ allow: [{ repo: 'acme/gadget' }, { owner: 'acme', environment: 'prod' }, { owner: 'acme' }] }),
    ).toEqual({ allowed: true, entry: 2 });
    const d = decide({ allow: [{ repo: 'acme/gadget' }, { owner: 'other' }] });
    expect(!d.allowed && d.reasons.map((r) => r.slice(0, 9))).toEqual(['allow[0]:', 'allow[1]:']);
  });

  it('matches the deployment environment the certificate names', () => {
    expect(
      decide(
        { allow: [{ repo: 'acme/widget', environment: 'prod' }] },
        request(claims({ deploymentEnvironment: 'prod' })),
      ),
    ).toMatchObject({ allowed: true });
  });

  it('refuses a request signed for another artifact, or of another type, whoever signed it', () => {
    expect(decide({ allow: [{ owner: 'acme' }] }, request(claims(), 'b'.repeat(64))).allowed).toBe(false);
    expect(
      decide({ allow: [{ owner: 'acme' }] }, request(claims(), DIGEST, 'https://slsa.dev/provenance/v1'))
        .allowed,
    ).toBe(false);
  });

  it.each([
    ['not JSON', '{', /expected JSON/],
    ['no allow list', '{}', /non-empty "allow" list/],
    ['an empty allow list', '{"allow": []}', /non-empty "allow" list/],
    ['an unknown name', '{"allow": [{"repository": "a/b"}]}', /expected only known names, got "repository"/],
    ['the predicate type', '{"allow": [{"repo": "a/b", "predicate-type": "x"}]}', /"predicate-type"/],
    [
      'an entry without identity',
      '{"allow": [{"source-ref": "refs/heads/main"}]}',
      /allow\[0\].*at least one identity constraint/,
    ],
    ['a wrong type', '{"allow": [{"repo": 1}]}', /repo: expected a string/],
    ['another top-level key', '{"allow": [{"repo": "a/b"}], "deny": []}', /expected only "allow"/],
  ])('refuses a policy with %s, naming the file', (_label, text, message) => {
    expect(() => parseAccessPolicy(text, 'p.json')).toThrow(message);
    expect(() => parseAccessPolicy(text, 'p.json')).toThrow(/^p\.json/);
  });
});
