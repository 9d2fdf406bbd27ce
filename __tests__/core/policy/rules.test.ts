import { describe, expect, it } from '@jest/globals';
import { evaluatePolicy, RULES } from '../../../src/core/policy/evaluate.js';
import { identityRule } from '../../../src/core/policy/rules/identity.js';
import { issuerRule } from '../../../src/core/policy/rules/issuer.js';
import { predicateTypeRule } from '../../../src/core/policy/rules/predicate-type.js';
import { runnerRule } from '../../../src/core/policy/rules/runner.js';
import {
  signerDigestRule,
  signerOwnerRule,
  signerRepoRule,
  signerWorkflowRule,
} from '../../../src/core/policy/rules/signer.js';
import {
  sourceDigestRule,
  sourceOwnerRule,
  sourceRefRule,
  sourceRepoRule,
} from '../../../src/core/policy/rules/source.js';
import { statementSourceRule } from '../../../src/core/policy/rules/statement-source.js';
import { digestsMatch, subjectRule } from '../../../src/core/policy/rules/subject.js';
import {
  impliedSignerRepo,
  signerRepoPattern,
  signerWorkflowPattern,
} from '../../../src/core/policy/github-identity.js';
import { compileSafePattern } from '../../../src/core/policy/safe-regex.js';
import type { Policy, PolicyInput, Rule } from '../../../src/core/policy/types.js';
import { claims, DIGEST, input, policy, provenance, SAN, SHA } from './fixtures.js';

type Row = [name: string, rule: Rule, input: PolicyInput, policy: Policy, code: string | undefined];

const pattern = (value: string) => signerWorkflowPattern(value, '--signer-workflow');
const wf = (ref = '') => pattern(`octo-org/octo-repo/.github/workflows/release.yml${ref}`);
const repo = (value: string) => ({ ...signerRepoPattern(value, '--signer-repo'), implied: false });

const rows: Row[] = [
  // subject
  ['subject: artifact is a subject', subjectRule, input(), policy(), undefined],
  [
    'subject: no subject matches',
    subjectRule,
    input({ artifact: { sha256: 'b'.repeat(64) } }),
    policy(),
    'SUBJECT_MISMATCH',
  ],
  [
    'subject: only other algorithms in common',
    subjectRule,
    input({ artifact: { sha512: 'c'.repeat(128) } }),
    policy(),
    'SUBJECT_MISMATCH',
  ],
  [
    'subject: message signature (no statement) is bound by crypto',
    subjectRule,
    input({ statement: undefined }),
    policy(),
    undefined,
  ],
  [
    'subject: empty subject list',
    subjectRule,
    input({ statement: { subjects: [], predicateType: 'x', predicate: {} } }),
    policy(),
    'SUBJECT_MISMATCH',
  ],
  // predicate type
  [
    'predicate: matches',
    predicateTypeRule,
    input(),
    policy({ predicateType: 'https://slsa.dev/provenance/v1' }),
    undefined,
  ],
  [
    'predicate: differs',
    predicateTypeRule,
    input(),
    policy({ predicateType: 'https://spdx.dev/Document' }),
    'PREDICATE_TYPE_MISMATCH',
  ],
  // A message signature has no statement: the rule is about statements only.
  [
    'predicate: a message signature has none to check',
    predicateTypeRule,
    input({ statement: undefined }),
    policy({ predicateType: 'https://slsa.dev/provenance/v1' }),
    undefined,
  ],
  ['predicate: not asked', predicateTypeRule, input({ statement: undefined }), policy(), undefined],
  // issuer
  [
    'issuer: matches',
    issuerRule,
    input(),
    policy({ issuer: 'https://token.actions.githubusercontent.com' }),
    undefined,
  ],
  [
    'issuer: differs',
    issuerRule,
    input(),
    policy({ issuer: 'https://accounts.google.com' }),
    'CERT_ISSUER_MISMATCH',
  ],
  [
    'issuer: absent in certificate',
    issuerRule,
    input({ claims: claims({ issuer: undefined }) }),
    policy({ issuer: 'x' }),
    'CERT_ISSUER_MISMATCH',
  ],
  // identity
  [
    'identity: exact',
    identityRule,
    input(),
    policy({ identity: { exact: claims().subjectAlternativeName! } }),
    undefined,
  ],
  [
    'identity: exact differs by ref',
    identityRule,
    input(),
    policy({ identity: { exact: claims().subjectAlternativeName!.replace('v1.0.0', 'v1.0.1') } }),
    'CERT_IDENTITY_MISMATCH',
  ],
  [
    'identity: regex matches',
    identityRule,
    input(),
    policy({
      identity: {
        pattern: compileSafePattern(
          'https://github\\.com/octo-org/[^/]+/\\.github/workflows/release\\.yml@refs/tags/v.*',
          'r',
        ),
      },
    }),
    undefined,
  ],
  // Patterns are searched for, as gh (Go's regexp.MatchString) and cosign do: anchors are the user's to write.
  [
    'identity: an unanchored regex matches anywhere, as in gh',
    identityRule,
    input(),
    policy({ identity: { pattern: compileSafePattern('github\\.com/octo-org/', 'r') } }),
    undefined,
  ],
  [
    'identity: ^ anchors the start',
    identityRule,
    input(),
    policy({ identity: { pattern: compileSafePattern('^github\\.com/octo-org/', 'r') } }),
    'CERT_IDENTITY_MISMATCH',
  ],
  [
    'identity: $ anchors the end',
    identityRule,
    input(),
    policy({ identity: { pattern: compileSafePattern('^https://github\\.com/octo-org/octo-repo/$', 'r') } }),
    'CERT_IDENTITY_MISMATCH',
  ],
  [
    "identity: Go's (?i) makes it case-insensitive",
    identityRule,
    input(),
    policy({ identity: { pattern: compileSafePattern('(?i)^HTTPS://GITHUB\\.COM/OCTO-ORG/', 'r') } }),
    undefined,
  ],
  // signer workflow, as gh matches it: ^https://HOST/ then the value, searched for
  [
    'signer workflow: path, any ref',
    signerWorkflowRule,
    input(),
    policy({ signerWorkflow: wf() }),
    undefined,
  ],
  [
    'signer workflow: path and full ref',
    signerWorkflowRule,
    input(),
    policy({ signerWorkflow: wf('@refs/tags/v1.0.0') }),
    undefined,
  ],
  [
    'signer workflow: path and short tag',
    signerWorkflowRule,
    input(),
    policy({ signerWorkflow: wf('@v1.0.0') }),
    undefined,
  ],
  [
    'signer workflow: @main is refs/heads/main',
    signerWorkflowRule,
    input({ claims: claims({ buildSignerURI: SAN.replace('refs/tags/v1.0.0', 'refs/heads/main') }) }),
    policy({ signerWorkflow: wf('@main') }),
    undefined,
  ],
  [
    'signer workflow: other ref',
    signerWorkflowRule,
    input(),
    policy({ signerWorkflow: wf('@refs/heads/main') }),
    'SIGNER_WORKFLOW_MISMATCH',
  ],
  [
    'signer workflow: a commit SHA as ref is kept as it is',
    signerWorkflowRule,
    input({ claims: claims({ buildSignerURI: SAN.replace('refs/tags/v1.0.0', SHA) }) }),
    policy({ signerWorkflow: wf(`@${SHA}`) }),
    undefined,
  ],
  [
    'signer workflow: other path',
    signerWorkflowRule,
    input(),
    policy({ signerWorkflow: pattern('octo-org/octo-repo/.github/workflows/other.yml') }),
    'SIGNER_WORKFLOW_MISMATCH',
  ],
  [
    'signer workflow: another repository whose name extends it',
    signerWorkflowRule,
    input(),
    policy({ signerWorkflow: pattern('octo-org/octo/.github/workflows/release.yml') }),
    'SIGNER_WORKFLOW_MISMATCH',
  ],
  [
    'signer workflow: a host in the value',
    signerWorkflowRule,
    input(),
    policy({ signerWorkflow: pattern('github.com/octo-org/octo-repo/.github/workflows/release.yml') }),
    undefined,
  ],
  [
    'signer workflow: other host',
    signerWorkflowRule,
    input(),
    policy({ signerWorkflow: pattern('ghe.example.com/octo-org/octo-repo/.github/workflows/release.yml') }),
    'SIGNER_WORKFLOW_MISMATCH',
  ],
  [
    'signer workflow: an alternation stays behind the host prefix',
    signerWorkflowRule,
    input(),
    policy({ signerWorkflow: pattern('x/y/z|octo-org/octo-repo/.github/workflows/release.yml') }),
    undefined,
  ],
  [
    'signer workflow: the prefix anchors every alternative',
    signerWorkflowRule,
    input({ claims: claims({ buildSignerURI: 'https://evil.example/x/y/z' }) }),
    policy({ signerWorkflow: pattern('a/b/c|x/y/z') }),
    'SIGNER_WORKFLOW_MISMATCH',
  ],
  // signer repo / owner
  [
    'signer repo: same',
    signerRepoRule,
    input(),
    policy({ signerRepo: repo('octo-org/octo-repo') }),
    undefined,
  ],
  [
    'signer repo: case-insensitive, as gh',
    signerRepoRule,
    input(),
    policy({ signerRepo: repo('Octo-Org/Octo-Repo') }),
    undefined,
  ],
  [
    'signer repo: reusable workflow elsewhere',
    signerRepoRule,
    input({
      claims: claims({
        buildSignerURI:
          'https://github.com/provenant/provenant/.github/workflows/provenance.yml@refs/tags/v1',
      }),
    }),
    policy({
      signerRepo: { ...impliedSignerRepo('https://github.com', 'octo-org/octo-repo'), implied: true },
    }),
    'SIGNER_REPO_MISMATCH',
  ],
  [
    'signer repo: a repo whose name extends it',
    signerRepoRule,
    input({
      claims: claims({
        buildSignerURI: 'https://github.com/octo-org/octo-repo-evil/.github/workflows/r.yml@refs/heads/main',
      }),
    }),
    policy({ signerRepo: repo('octo-org/octo-repo') }),
    'SIGNER_REPO_MISMATCH',
  ],
  [
    'signer repo: implied by --repo, its dots are literal',
    signerRepoRule,
    input({
      claims: claims({
        buildSignerURI: 'https://github.com/octo-org/rfc8785xpy/.github/workflows/r.yml@refs/tags/v1',
      }),
    }),
    policy({
      signerRepo: { ...impliedSignerRepo('https://github.com', 'octo-org/rfc8785.py'), implied: true },
    }),
    'SIGNER_REPO_MISMATCH',
  ],
  ['signer owner: same', signerOwnerRule, input(), policy({ signerOwner: 'octo-org' }), undefined],
  ['signer owner: other', signerOwnerRule, input(), policy({ signerOwner: 'octo' }), 'SIGNER_REPO_MISMATCH'],
  // signer digest
  ['signer digest: same', signerDigestRule, input(), policy({ signerDigest: SHA }), undefined],
  [
    'signer digest: other',
    signerDigestRule,
    input(),
    policy({ signerDigest: 'b'.repeat(40) }),
    'SIGNER_DIGEST_MISMATCH',
  ],
  [
    'signer digest: absent',
    signerDigestRule,
    input({ claims: claims({ buildSignerDigest: undefined }) }),
    policy({ signerDigest: SHA }),
    'SIGNER_DIGEST_MISMATCH',
  ],
  // source
  ['source repo: same', sourceRepoRule, input(), policy({ sourceRepo: 'octo-org/octo-repo' }), undefined],
  [
    'source repo: other',
    sourceRepoRule,
    input(),
    policy({ sourceRepo: 'octo-org/other' }),
    'SOURCE_REPO_MISMATCH',
  ],
  [
    'source repo: absent',
    sourceRepoRule,
    input({ claims: claims({ sourceRepositoryURI: undefined }) }),
    policy({ sourceRepo: 'octo-org/octo-repo' }),
    'SOURCE_REPO_MISMATCH',
  ],
  ['source owner: same', sourceOwnerRule, input(), policy({ sourceOwner: 'octo-org' }), undefined],
  ['source owner: other', sourceOwnerRule, input(), policy({ sourceOwner: 'octo' }), 'SOURCE_OWNER_MISMATCH'],
  ['source ref: same', sourceRefRule, input(), policy({ sourceRef: 'refs/tags/v1.0.0' }), undefined],
  [
    'source ref: short form is not the ref',
    sourceRefRule,
    input(),
    policy({ sourceRef: 'v1.0.0' }),
    'SOURCE_REF_MISMATCH',
  ],
  ['source digest: same', sourceDigestRule, input(), policy({ sourceDigest: SHA }), undefined],
  [
    'source digest: other',
    sourceDigestRule,
    input(),
    policy({ sourceDigest: 'c'.repeat(40) }),
    'SOURCE_DIGEST_MISMATCH',
  ],
  // runner
  ['runner: github-hosted', runnerRule, input(), policy({ denySelfHostedRunners: true }), undefined],
  [
    'runner: self-hosted denied',
    runnerRule,
    input({ claims: claims({ runnerEnvironment: 'self-hosted' }) }),
    policy({ denySelfHostedRunners: true }),
    'SELF_HOSTED_RUNNER_DENIED',
  ],
  [
    'runner: absent counts as self-hosted',
    runnerRule,
    input({ claims: claims({ runnerEnvironment: undefined }) }),
    policy({ denySelfHostedRunners: true }),
    'SELF_HOSTED_RUNNER_DENIED',
  ],
  [
    'runner: self-hosted allowed by default',
    runnerRule,
    input({ claims: claims({ runnerEnvironment: 'self-hosted' }) }),
    policy(),
    undefined,
  ],
];

// A key-signed bundle has no certificate: every rule that reads one must fail on its own, with its own code.
const keySignedInput = input({ claims: undefined });
const keySignedRows: [Rule, Partial<Policy>, string][] = [
  [issuerRule, { issuer: 'x' }, 'CERT_ISSUER_MISMATCH'],
  [identityRule, { identity: { exact: 'x' } }, 'CERT_IDENTITY_MISMATCH'],
  [signerWorkflowRule, { signerWorkflow: wf() }, 'SIGNER_WORKFLOW_MISMATCH'],
  [
    signerRepoRule,
    { signerRepo: { ...impliedSignerRepo('https://github.com', 'octo-org/octo-repo'), implied: true } },
    'SIGNER_REPO_MISMATCH',
  ],
  [signerOwnerRule, { signerOwner: 'octo-org' }, 'SIGNER_REPO_MISMATCH'],
  [signerDigestRule, { signerDigest: SHA }, 'SIGNER_DIGEST_MISMATCH'],
  [sourceRepoRule, { sourceRepo: 'octo-org/octo-repo' }, 'SOURCE_REPO_MISMATCH'],
  [sourceOwnerRule, { sourceOwner: 'octo-org' }, 'SOURCE_OWNER_MISMATCH'],
  [sourceRefRule, { sourceRef: 'refs/tags/v1.0.0' }, 'SOURCE_REF_MISMATCH'],
  [sourceDigestRule, { sourceDigest: SHA }, 'SOURCE_DIGEST_MISMATCH'],
  [runnerRule, { denySelfHostedRunners: true }, 'SELF_HOSTED_RUNNER_DENIED'],
  [statementSourceRule, { checkStatementSource: true }, 'STATEMENT_CERT_MISMATCH'],
];
rows.push(
  ...keySignedRows.map(([rule, asked, code]): Row => [
    `key-signed: ${rule.name}`,
    rule,
    keySignedInput,
    policy(asked),
    code,
  ]),
  // Nothing asked of the certificate: a key-signed bundle passes (the conformance protocol's --key mode).
  ...RULES.map((rule): Row => [
    `key-signed, nothing asked: ${rule.name}`,
    rule,
    keySignedInput,
    policy(),
    undefined,
  ]),
);

const withPredicate = (predicate: unknown) =>
  input({
    statement: {
      subjects: [{ name: 'a', digest: { sha256: DIGEST } }],
      predicateType: 'https://slsa.dev/provenance/v1',
      predicate,
    },
  });
const withV02 = (predicate: unknown) =>
  input({
    statement: {
      subjects: [{ name: 'a', digest: { sha256: DIGEST } }],
      predicateType: 'https://slsa.dev/provenance/v0.2',
      predicate,
    },
  });
const on = policy({ checkStatementSource: true });
rows.push(
  ['statement: agrees', statementSourceRule, withPredicate(provenance()), on, undefined],
  [
    'statement: other repository',
    statementSourceRule,
    withPredicate(provenance({ repository: 'https://github.com/octo-org/elsewhere' })),
    on,
    'STATEMENT_CERT_MISMATCH',
  ],
  [
    'statement: other ref',
    statementSourceRule,
    withPredicate(provenance({ ref: 'refs/heads/main' })),
    on,
    'STATEMENT_CERT_MISMATCH',
  ],
  [
    'statement: other commit',
    statementSourceRule,
    withPredicate(provenance({ sha: 'd'.repeat(40) })),
    on,
    'STATEMENT_CERT_MISMATCH',
  ],
  [
    'statement: GitHub build type without a source dependency',
    statementSourceRule,
    withPredicate(provenance({ deps: [] })),
    on,
    'STATEMENT_CERT_MISMATCH',
  ],
  [
    'statement: GitHub build type without workflow fields',
    statementSourceRule,
    withPredicate({ buildDefinition: { buildType: 'https://actions.github.io/buildtypes/workflow/v1' } }),
    on,
    'STATEMENT_CERT_MISMATCH',
  ],
  [
    'statement: other git dependencies are not compared',
    statementSourceRule,
    withPredicate(
      provenance({
        deps: [
          { uri: 'git+https://github.com/octo-org/octo-repo@refs/tags/v1.0.0', digest: { gitCommit: SHA } },
          { uri: 'git+https://github.com/lib/lib@refs/heads/main', digest: { gitCommit: 'e'.repeat(40) } },
        ],
      }),
    ),
    on,
    undefined,
  ],
  [
    'statement: other predicate types are not read',
    statementSourceRule,
    input({ statement: { subjects: [], predicateType: 'https://spdx.dev/Document', predicate: {} } }),
    on,
    undefined,
  ],
  // slsa-github-generator's container-based builder: SLSA v1 with the commit as digest.sha1, its own build type.
  [
    'statement: a commit recorded as digest.sha1 is the commit',
    statementSourceRule,
    withPredicate(
      provenance({
        buildType: 'https://slsa.dev/container-based-build/v0.1?draft',
        deps: [{ uri: 'git+https://github.com/octo-org/octo-repo@refs/tags/v1.0.0', digest: { sha1: SHA } }],
      }),
    ),
    on,
    undefined,
  ],
  [
    'statement: another commit as digest.sha1',
    statementSourceRule,
    withPredicate(
      provenance({
        deps: [
          {
            uri: 'git+https://github.com/octo-org/octo-repo@refs/tags/v1.0.0',
            digest: { sha1: 'd'.repeat(40) },
          },
        ],
      }),
    ),
    on,
    'STATEMENT_CERT_MISMATCH',
  ],
  [
    'statement: a source without a commit makes no claim about it',
    statementSourceRule,
    withPredicate(
      provenance({ deps: [{ uri: 'git+https://github.com/octo-org/octo-repo@refs/tags/v1.0.0' }] }),
    ),
    on,
    undefined,
  ],
  [
    'statement: SLSA v0.2 configSource and materials agree',
    statementSourceRule,
    withV02({
      invocation: {
        configSource: {
          uri: 'git+https://github.com/octo-org/octo-repo@refs/tags/v1.0.0',
          digest: { sha1: SHA },
        },
      },
      materials: [{ uri: 'git+https://github.com/octo-org/octo-repo', digest: { sha1: SHA } }],
    }),
    on,
    undefined,
  ],
  [
    'statement: SLSA v0.2 configSource at another ref',
    statementSourceRule,
    withV02({
      invocation: {
        configSource: {
          uri: 'git+https://github.com/octo-org/octo-repo@refs/heads/main',
          digest: { sha1: SHA },
        },
      },
    }),
    on,
    'STATEMENT_CERT_MISMATCH',
  ],
  [
    'statement: SLSA v0.2 material at another commit',
    statementSourceRule,
    withV02({
      materials: [{ uri: 'git+https://github.com/octo-org/octo-repo', digest: { sha1: 'e'.repeat(40) } }],
    }),
    on,
    'STATEMENT_CERT_MISMATCH',
  ],
  [
    'statement: a certificate naming no source repository has nothing to compare',
    statementSourceRule,
    input({
      ...withPredicate(provenance({ repository: 'https://github.com/octo-org/elsewhere' })),
      claims: claims({
        sourceRepositoryURI: undefined,
        sourceRepositoryRef: undefined,
        sourceRepositoryDigest: undefined,
      }),
    }),
    on,
    undefined,
  ],
  [
    'statement: off unless asked',
    statementSourceRule,
    withPredicate(provenance({ sha: 'd'.repeat(40) })),
    policy(),
    undefined,
  ],
);

describe('policy rules', () => {
  it.each(rows)('%s', (_name, rule, given, wanted, code) => {
    const v = rule(given, wanted);
    expect(v?.code).toBe(code);
    if (v) expect(v.message).toMatch(/^expected .+, got .+\. /s);
  });

  it('digestsMatch needs one shared algorithm and no disagreement', () => {
    expect(digestsMatch({ sha256: 'AA' }, { sha256: 'aa' })).toBe(true);
    expect(digestsMatch({ sha256: 'aa', sha512: 'bb' }, { sha256: 'aa', sha512: 'cc' })).toBe(false);
    expect(digestsMatch({ sha256: 'aa' }, { sha512: 'aa' })).toBe(false);
  });

  // Every constraint at once, and a certificate that carries no claims at all: whatever fails on that certificate
  // must fail without one too, so a rule (present or added later) cannot be skipped by signing with a bare key.
  const everything = policy({
    issuer: 'https://token.actions.githubusercontent.com',
    identity: { exact: claims().subjectAlternativeName! },
    signerWorkflow: wf(),
    signerRepo: repo('octo-org/octo-repo'),
    signerOwner: 'octo-org',
    signerDigest: SHA,
    sourceRepo: 'octo-org/octo-repo',
    sourceOwner: 'octo-org',
    sourceRef: 'refs/tags/v1.0.0',
    sourceDigest: SHA,
    denySelfHostedRunners: true,
    checkStatementSource: true,
    predicateType: 'https://slsa.dev/provenance/v1',
  });
  it.each(RULES.map((rule) => [rule.name, rule] as const))(
    '%s fails closed for a key-signed bundle',
    (_name, rule) => {
      expect(rule(input(), everything)).toBeUndefined();
      const emptyCertificate = rule(input({ claims: { legacy: {} } }), everything);
      const noCertificate = rule(input({ claims: undefined }), everything);
      if (emptyCertificate) {
        expect(noCertificate?.code).toBe(emptyCertificate.code);
        expect(noCertificate?.message).toMatch(
          /^expected a Fulcio certificate naming .+, got a key-signed bundle/,
        );
      }
    },
  );

  it('evaluatePolicy refuses a key-signed bundle under a --repo policy, each rule saying why', () => {
    const violations = evaluatePolicy(
      input({ claims: undefined }),
      policy({
        issuer: 'https://token.actions.githubusercontent.com',
        sourceRepo: 'octo-org/octo-repo',
        signerRepo: { ...impliedSignerRepo('https://github.com', 'octo-org/octo-repo'), implied: true },
      }),
    );
    expect(violations.map((v) => v.code)).toEqual([
      'CERT_ISSUER_MISMATCH',
      'SOURCE_REPO_MISMATCH',
      'SIGNER_REPO_MISMATCH',
    ]);
  });

  it('evaluatePolicy reports every violation, the explicit --repo before the implied signer', () => {
    const violations = evaluatePolicy(
      input({
        claims: claims({
          sourceRepositoryURI: 'https://github.com/x/y',
          buildSignerURI: 'https://github.com/x/y/.github/workflows/r.yml@refs/heads/main',
          runnerEnvironment: 'self-hosted',
        }),
      }),
      policy({
        sourceRepo: 'octo-org/octo-repo',
        signerRepo: { ...impliedSignerRepo('https://github.com', 'octo-org/octo-repo'), implied: true },
        denySelfHostedRunners: true,
      }),
    );
    expect(violations.map((v) => v.code)).toEqual([
      'SOURCE_REPO_MISMATCH',
      'SIGNER_REPO_MISMATCH',
      'SELF_HOSTED_RUNNER_DENIED',
    ]);
  });
});
