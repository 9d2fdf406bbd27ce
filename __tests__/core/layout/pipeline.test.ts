import { describe, expect, it } from '@jest/globals';
import type { CertificateClaims } from '../../../src/core/certificate-claims.js';
import { readLayout } from '../../../src/core/layout/layout.js';
import { parseLayoutText } from '../../../src/core/layout/layout-file.js';
import { linkStatement } from '../../../src/core/layout/link.js';
import { lintLayout } from '../../../src/core/layout/lint.js';
import { verifyPipeline } from '../../../src/core/layout/pipeline.js';
import type { StepAttestation } from '../../../src/core/layout/step-links.js';
import { parseStatement } from '../../../src/core/policy/statement-view.js';
import { IN_TOTO_PAYLOAD_TYPE } from '../../../src/core/statement.js';

const ISSUER = 'https://token.actions.githubusercontent.com';
const SAN = 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1';
const D = (c: string) => c.repeat(64);
const NOW = new Date('2026-06-01T00:00:00Z');

const claims = (environment: string, extra: Partial<CertificateClaims> = {}): CertificateClaims => ({
  subjectAlternativeName: SAN,
  issuer: ISSUER,
  buildSignerURI: SAN,
  sourceRepositoryURI: 'https://github.com/acme/app',
  sourceRepositoryRef: 'refs/tags/v1',
  deploymentEnvironment: environment,
  legacy: {},
  ...extra,
});

const layoutDoc = (patch: Record<string, unknown> = {}) => ({
  _type: 'layout',
  expires: '2027-01-01T00:00:00Z',
  functionaries: {
    builder: { issuer: ISSUER, identity: SAN, environment: 'build' },
    tester: { issuer: ISSUER, identity_regex: '^https://github\\.com/acme/app/', environment: 'test' },
    packager: { issuer: ISSUER, identity: SAN, repository: 'acme/app', environment: 'package' },
  },
  steps: [
    {
      name: 'build',
      functionaries: ['builder'],
      expected_materials: [
        ['ALLOW', 'src/*'],
        ['DISALLOW', '*'],
      ],
      expected_products: [
        ['CREATE', 'out/app'],
        ['DISALLOW', '*'],
      ],
    },
    {
      name: 'test',
      functionaries: ['tester'],
      expected_materials: [
        ['MATCH', 'out/*', 'WITH', 'PRODUCTS', 'FROM', 'build'],
        ['DISALLOW', '*'],
      ],
      expected_products: [['DISALLOW', '*']],
    },
    {
      name: 'package',
      functionaries: ['packager'],
      expected_materials: [
        ['MATCH', 'out/*', 'WITH', 'PRODUCTS', 'FROM', 'build'],
        ['DISALLOW', '*'],
      ],
      expected_products: [
        ['CREATE', 'app.tgz'],
        ['DISALLOW', '*'],
      ],
    },
  ],
  ...patch,
});

type Files = Record<string, string>;
function link(
  name: string,
  materials: Files,
  products: Files,
  environment: string,
  source = `${name}.link.sigstore.json`,
): StepAttestation {
  const subjects = (f: Files) => Object.entries(f).map(([n, c]) => ({ name: n, digest: { sha256: D(c) } }));
  const statement = linkStatement({
    name,
    command: [],
    materials: subjects(materials),
    products: subjects(products),
    environment: {},
  });
  return {
    source,
    signer: { kind: 'certificate', claims: claims(environment) },
    statement: parseStatement(IN_TOTO_PAYLOAD_TYPE, Buffer.from(JSON.stringify(statement)), source),
  };
}

const honest = () => [
  link('build', { 'src/main.c': 'a' }, { 'out/app': 'b' }, 'build'),
  link('test', { 'out/app': 'b' }, {}, 'test'),
  link('package', { 'out/app': 'b' }, { 'app.tgz': 'c' }, 'package'),
];
const artifact = [{ name: 'dist/app.tgz', digest: { sha256: D('c') } }];
const verify = (attestations: StepAttestation[], doc = layoutDoc(), artifacts = artifact, now = NOW) =>
  verifyPipeline(readLayout(doc, 'layout.json'), attestations, artifacts, now);

describe('verifying a pipeline against its layout', () => {
  it('passes an honest three-step pipeline, naming who signed each step', () => {
    const r = verify(honest());
    expect(r.failures).toEqual([]);
    expect(r.verified).toBe(true);
    expect(r.steps.map((s) => [s.name, s.signers[0]!.functionary, s.signers[0]!.signer])).toEqual([
      ['build', 'builder', `${SAN} (environment build)`],
      ['test', 'tester', `${SAN} (environment test)`],
      ['package', 'packager', `${SAN} (environment package)`],
    ]);
    expect(r.artifacts).toEqual([
      expect.objectContaining({ artifact: 'dist/app.tgz', verified: true, product: 'app.tgz' }),
    ]);
  });

  const cases: [
    string,
    () => StepAttestation[],
    Partial<{ doc: object; artifacts: typeof artifact; now: Date }>,
    string,
    RegExp,
  ][] = [
    [
      'a product changed after its step',
      () => [honest()[0]!, honest()[1]!, link('package', { 'out/app': 'X' }, { 'app.tgz': 'c' }, 'package')],
      {},
      'ARTIFACT_RULE_FAILED',
      /step package: rule 2 of expected_materials \(DISALLOW \*\) matched out\/app/,
    ],
    [
      'a material swapped between steps',
      () => [honest()[0]!, link('test', { 'out/other': 'b' }, {}, 'test'), honest()[2]!],
      {},
      'ARTIFACT_RULE_FAILED',
      /step test: rule 2 of expected_materials \(DISALLOW \*\) matched out\/other/,
    ],
    [
      'a step signed by an identity the layout does not allow',
      () => [honest()[0]!, link('test', { 'out/app': 'b' }, {}, 'build'), honest()[2]!],
      {},
      'STEP_FUNCTIONARY_MISMATCH',
      /step test: expected a link signed by 1 of tester, got only links by others: test\.link\.sigstore\.json signed by .*\(environment build\) \(tester: environment build, not test\)/,
    ],
    [
      'a missing step',
      () => [honest()[0]!, honest()[2]!],
      {},
      'STEP_MISSING',
      /step test: expected a link signed by 1 of tester, got none/,
    ],
    [
      'a threshold not met',
      honest,
      {
        doc: layoutDoc({
          steps: (layoutDoc().steps as object[]).map((s, i) =>
            i === 1 ? { ...s, functionaries: ['tester', 'builder'], threshold: 2 } : s,
          ),
        }),
      },
      'STEP_THRESHOLD_NOT_MET',
      /step test: expected links by 2 distinct functionaries \(threshold\), got 1: tester/,
    ],
    [
      'links that disagree',
      () => [
        ...honest(),
        link('package', { 'out/app': 'b' }, { 'app.tgz': 'd' }, 'package', 'package-2.link.sigstore.json'),
      ],
      {},
      'STEP_LINKS_DISAGREE',
      /step package: links package\.link\.sigstore\.json and package-2\.link\.sigstore\.json disagree on product app\.tgz/,
    ],
    [
      'an expired layout',
      honest,
      { now: new Date('2027-01-02T00:00:00Z') },
      'LAYOUT_EXPIRED',
      /layout: .*expired at 2027-01-01/,
    ],
    [
      'an artifact the final step did not make',
      honest,
      { artifacts: [{ name: 'dist/app.tgz', digest: { sha256: D('e') } }] },
      'ARTIFACT_NOT_PRODUCED',
      /dist\/app\.tgz: expected the digest step package recorded for its product app\.tgz, got another/,
    ],
  ];

  it.each(cases)(
    'refuses %s, naming the step and the rule',
    (_name, attestations, options, code, message) => {
      const r = verify(
        attestations(),
        options.doc as ReturnType<typeof layoutDoc>,
        options.artifacts,
        options.now,
      );
      expect(r.verified).toBe(false);
      expect(r.failures[0]).toEqual(expect.objectContaining({ code }));
      expect(r.failures[0]!.message).toMatch(message);
    },
  );

  it('takes Provenant SLSA provenance for the build step: resolved dependencies as materials, subjects as products', () => {
    const slsa = (subject: string, digest: string): StepAttestation => ({
      source: `${subject}.sigstore.json`,
      signer: {
        kind: 'certificate',
        claims: claims('build', {
          runInvocationURI: 'https://github.com/acme/app/actions/runs/1/attempts/1',
        }),
      },
      statement: parseStatement(
        IN_TOTO_PAYLOAD_TYPE,
        Buffer.from(
          JSON.stringify({
            _type: 'https://in-toto.io/Statement/v1',
            subject: [{ name: subject, digest: { sha256: D(digest) } }],
            predicateType: 'https://slsa.dev/provenance/v1',
            predicate: {
              buildDefinition: {
                resolvedDependencies: [
                  {
                    uri: 'git+https://github.com/acme/app@refs/tags/v1',
                    digest: { gitCommit: 'f'.repeat(40) },
                  },
                ],
              },
            },
          }),
        ),
        'x',
      ),
    });
    const doc = layoutDoc();
    (doc.steps as Record<string, unknown>[])[0] = {
      name: 'build',
      functionaries: ['builder'],
      predicate_type: 'https://slsa.dev/provenance/v1',
      expected_materials: [
        ['ALLOW', 'git+https://github.com/acme/app@*'],
        ['DISALLOW', '*'],
      ],
      expected_products: [
        ['CREATE', 'out/*'],
        ['DISALLOW', '*'],
      ],
    };
    const pipeline = [
      slsa('out/app', 'b'),
      slsa('out/lib', 'a'),
      link('test', { 'out/app': 'b', 'out/lib': 'a' }, {}, 'test'),
      link('package', { 'out/app': 'b', 'out/lib': 'a' }, { 'app.tgz': 'c' }, 'package'),
    ];
    const r = verify(pipeline, doc);
    expect(r.failures).toEqual([]);
    expect(r.steps[0]!.links).toEqual(['out/app.sigstore.json']);
    // A product of the sharded build swapped under the test step is still caught.
    const swapped = verify(
      [
        pipeline[0]!,
        pipeline[1]!,
        link('test', { 'out/app': 'b', 'out/lib': 'Z' }, {}, 'test'),
        pipeline[3]!,
      ],
      doc,
    );
    expect(swapped.failures[0]!.message).toMatch(
      /step test: rule 2 of expected_materials \(DISALLOW \*\) matched out\/lib/,
    );
  });
});

describe('reading and checking layouts', () => {
  it('reads YAML of the same shape as JSON', () => {
    const yaml = `_type: layout\nexpires: "2027-01-01T00:00:00Z"\nfunctionaries:\n  ci: {issuer: "${ISSUER}", identity: "${SAN}"}\nsteps:\n  - name: build\n    functionaries: [ci]\n    expected_products: [[CREATE, "*"], [DISALLOW, "*"]]\n`;
    const layout = parseLayoutText(yaml, 'layout.yml');
    expect(layout.steps[0]!.products.map((r) => r.raw)).toEqual([
      ['CREATE', '*'],
      ['DISALLOW', '*'],
    ]);
  });

  it.each([
    [{ expires: '2027-01-01' }, /expires: expected a UTC time/],
    [{ functionaries: { ci: { issuer: ISSUER } } }, /exactly one of identity and identity_regex/],
    [
      { functionaries: { ci: { issuer: ISSUER, identity: SAN, enviroment: 'x' } } },
      /functionaries\.ci\.enviroment: expected one of the fields/,
    ],
    [
      { steps: [{ name: 'a', functionaries: ['nobody'] }] },
      /steps\[0\]\.functionaries: expected names from functionaries/,
    ],
    [
      { steps: [{ name: 'a', functionaries: ['builder'], threshold: 2 }] },
      /threshold: expected a whole number from 1 to 1/,
    ],
    [
      {
        steps: [{ name: 'a', functionaries: ['builder'], expected_products: [['MATCH', '*', 'FROM', 'b']] }],
      },
      /expected_products\[0\]: expected a rule of the form/,
    ],
    [{ inspect: [{ name: 'x' }] }, /inspect: expected no inspections/],
    [
      { functionaries: { ci: { issuer: ISSUER, identity_regex: '(a+)+' } } },
      /identity_regex: expected a pattern without nested repetition/,
    ],
  ])('refuses a malformed layout with where and what: %j', (patch, message) => {
    expect(() => readLayout(layoutDoc(patch), 'layout.json')).toThrow(message);
    try {
      readLayout(layoutDoc(patch), 'layout.json');
    } catch (e) {
      expect((e as { code: string }).code).toMatch(/LAYOUT_INVALID|INPUT_INVALID/);
    }
  });

  it('warns on each rule list not closed by DISALLOW, unanchored patterns and steps that cannot tell jobs apart', () => {
    const doc = layoutDoc({
      functionaries: {
        a: { issuer: ISSUER, identity: SAN },
        b: { issuer: ISSUER, identity: SAN },
        c: { issuer: ISSUER, identity_regex: 'acme/app' },
      },
      steps: [
        {
          name: 'build',
          functionaries: ['a'],
          expected_materials: [['ALLOW', '*']],
          expected_products: [['DISALLOW', '*']],
        },
        {
          name: 'test',
          functionaries: ['b', 'c'],
          expected_materials: [
            ['MATCH', '*', 'WITH', 'PRODUCTS', 'FROM', 'bild'],
            ['DISALLOW', '*'],
          ],
        },
      ],
    });
    const warnings = lintLayout(readLayout(doc, 'l'), NOW);
    expect(warnings).toEqual([
      expect.stringMatching(/^step build: expected_materials does not end in DISALLOW/),
      expect.stringMatching(/^step test: expected_materials MATCHes FROM bild, which is no step/),
      expect.stringMatching(/^step test: expected_products does not end in DISALLOW/),
      expect.stringMatching(/^functionary c: identity_regex acme\/app is searched for anywhere/),
      expect.stringMatching(/^functionaries a and b accept the same identity/),
    ]);
    expect(lintLayout(readLayout(layoutDoc(), 'l'), NOW)).toEqual([]);
  });
});
