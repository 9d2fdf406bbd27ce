/**
 * Real bundles from the ecosystem (fixtures/real-bundles, see its README for where each came from), verified offline
 * against the public-good trusted root with the flags a user would copy from gh or cosign. Each row is one bundle,
 * the artifact (a file, or its digest when the artifact is not in the source's data), the policy flags, and the
 * verdict the ecosystem reaches: verified, or the code of the first failure.
 */
import { describe, expect, it } from '@jest/globals';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { command } from '../../src/cli/verify.js';
import { runCommand } from './run-command.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const real = join(fixtures, 'real-bundles');
const trustedRoot = join(fixtures, 'trust', 'public-good-trusted-root.json');

const EMPTY_FILE = 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const NPM_SIGSTORE_1_0_0 =
  'sha512:7bea9f6e7ff37f5fab0b36bf061200fff03099fd2fd696b91d04bc5e4f225eb9fd6e0cadcad54ba980f43fb352a99e8810b4e0abeb5c0ef2cf9108cd1f258b36';
const GENERIC_V14 = 'sha256:376e7e01348585b6e6643bc6663146b9d525d9b41228bf180eaeb4d4a3706caa';
const NPM_PUBLISH = 'https://github.com/npm/attestation/tree/main/specs/publish/v0.1';
const EXAMPLE = 'slsa-framework/example-package';
const GENERATOR = 'slsa-framework/slsa-github-generator/.github/workflows';

interface Row {
  name: string;
  artifact: string;
  bundle: string;
  flags: string[];
  /** 'verified', or the code of the first failure. */
  verdict: string;
}

const rows: Row[] = [
  {
    name: '2023 npm publish attestation, leaf + intermediate + root, by its e-mail identity',
    artifact: NPM_SIGSTORE_1_0_0,
    bundle: 'npm-sigstore-1.0.0-publish-full-chain.sigstore.json',
    flags: [
      '--cert-identity',
      'brian@dehamer.com',
      '--cert-oidc-issuer',
      'https://github.com/login/oauth',
      '--predicate-type',
      NPM_PUBLISH,
    ],
    verdict: 'verified',
  },
  {
    name: 'the same npm bundle under a GitHub policy: not a GitHub Actions certificate',
    artifact: NPM_SIGSTORE_1_0_0,
    bundle: 'npm-sigstore-1.0.0-publish-full-chain.sigstore.json',
    flags: ['--repo', 'sigstore/sigstore-js', '--predicate-type', NPM_PUBLISH],
    verdict: 'CERT_ISSUER_MISMATCH',
  },
  {
    name: '2023 container-based builder v1.7.0 (GitHub Actions), leaf + intermediate + root, commit as digest.sha1',
    artifact: EMPTY_FILE,
    bundle: 'container-based-v1.7.0-v14-full-chain.sigstore.json',
    flags: [
      '--repo',
      EXAMPLE,
      '--signer-workflow',
      `${GENERATOR}/builder_container-based_slsa3.yml`,
      '--source-ref',
      'refs/tags/v14',
      '--source-digest',
      '62cb1f1e485829bafe8bbec8b9900c0cb7624fe7',
      '--deny-self-hosted-runners',
    ],
    verdict: 'verified',
  },
  {
    name: '2025 container-based builder v2.1.0, commit as digest.sha1, signer pinned by tag',
    artifact: EMPTY_FILE,
    bundle: 'container-based-v2.1.0-push-v14.sigstore.json',
    flags: [
      '--repo',
      EXAMPLE,
      '--signer-workflow',
      `${GENERATOR}/builder_container-based_slsa3.yml@refs/tags/v2.1.0`,
      '--source-digest',
      '4d329c75e7ec1725f7c9ce917a8799d408d06be3',
    ],
    verdict: 'verified',
  },
  {
    name: 'the container-based bundle with --repo alone: the reusable workflow signed, not the repository',
    artifact: EMPTY_FILE,
    bundle: 'container-based-v2.1.0-push-v14.sigstore.json',
    flags: ['--repo', EXAMPLE],
    verdict: 'SIGNER_REPO_MISMATCH',
  },
  {
    name: 'SLSA v0.2 provenance of the generic generator, by cosign short name',
    artifact: GENERIC_V14,
    bundle: 'generic-v2.1.0-push-v14.slsa02.sigstore.json',
    flags: [
      '--repo',
      EXAMPLE,
      '--signer-workflow',
      `${GENERATOR}/generator_generic_slsa3.yml`,
      '--type',
      'slsaprovenance02',
      '--source-ref',
      'refs/tags/v14',
      '--source-digest',
      '4d329c75e7ec1725f7c9ce917a8799d408d06be3',
    ],
    verdict: 'verified',
  },
  {
    name: 'the v0.2 provenance under the default predicate type',
    artifact: GENERIC_V14,
    bundle: 'generic-v2.1.0-push-v14.slsa02.sigstore.json',
    flags: ['--repo', EXAMPLE, '--signer-workflow', `${GENERATOR}/generator_generic_slsa3.yml`],
    verdict: 'PREDICATE_TYPE_MISMATCH',
  },
  {
    name: 'a message signature made by a release workflow, with the GitHub policy flags and a short tag',
    artifact: join(real, 'rfc8785-0.1.2.whl'),
    bundle: 'rfc8785-0.1.2.whl.sigstore.json',
    flags: [
      '--repo',
      'trailofbits/rfc8785.py',
      '--signer-workflow',
      'trailofbits/rfc8785.py/.github/workflows/release.yml@v0.1.2',
      '--source-ref',
      'refs/tags/v0.1.2',
      '--deny-self-hosted-runners',
    ],
    verdict: 'verified',
  },
  {
    name: 'the message signature for another file',
    artifact: join(real, 'reusable-workflow-artifact'),
    bundle: 'rfc8785-0.1.2.whl.sigstore.json',
    flags: ['--repo', 'trailofbits/rfc8785.py'],
    verdict: 'SUBJECT_MISMATCH',
  },
  {
    name: 'the message signature under another source ref',
    artifact: join(real, 'rfc8785-0.1.2.whl'),
    bundle: 'rfc8785-0.1.2.whl.sigstore.json',
    flags: ['--repo', 'trailofbits/rfc8785.py', '--source-ref', 'refs/tags/v0.1.1'],
    verdict: 'SOURCE_REF_MISMATCH',
  },
  {
    name: "a v0.3 attestation from GitHub's reusable attestation workflow, pinned by commit",
    artifact: join(real, 'reusable-workflow-artifact'),
    bundle: 'reusable-workflow-attestation.sigstore.json',
    flags: [
      '--owner',
      'malancas',
      '--signer-repo',
      'github/artifact-attestations-workflows',
      '--signer-digest',
      '09b495c3f12c7881b3cc17209a327792065c1a1d',
    ],
    verdict: 'verified',
  },
  {
    name: 'the reusable-workflow attestation with --repo alone',
    artifact: join(real, 'reusable-workflow-artifact'),
    bundle: 'reusable-workflow-attestation.sigstore.json',
    flags: ['--repo', 'malancas/attest-demo'],
    verdict: 'SIGNER_REPO_MISMATCH',
  },
  {
    name: 'npm provenance of sigstore@2.1.0 as a v0.3 bundle, signer workflow at a short branch name',
    artifact: join(real, 'sigstore-js-2.1.0.tgz'),
    bundle: 'sigstore-js-2.1.0-bundle.json',
    flags: [
      '--repo',
      'sigstore/sigstore-js',
      '--signer-workflow',
      'sigstore/sigstore-js/.github/workflows/release.yml@main',
      '--source-ref',
      'refs/heads/main',
    ],
    verdict: 'verified',
  },
  {
    name: "an enterprise's issuer under the default issuer",
    artifact: join(real, 'custom-issuer-artifact'),
    bundle: 'custom-issuer.sigstore.json',
    flags: ['--repo', 'too-legit/attest'],
    verdict: 'CERT_ISSUER_MISMATCH',
  },
  {
    name: "an enterprise's issuer matched by cosign's issuer pattern",
    artifact: join(real, 'custom-issuer-artifact'),
    bundle: 'custom-issuer.sigstore.json',
    flags: [
      '--repo',
      'too-legit/attest',
      '--certificate-oidc-issuer-regexp',
      '^https://token\\.actions\\.githubusercontent\\.com/[a-z-]+$',
    ],
    verdict: 'verified',
  },
  {
    name: "a bundle from GitHub's own instance, against the public-good root",
    artifact: join(real, 'github_provenance_demo-0.0.12-py3-none-any.whl'),
    bundle: 'github_provenance_demo-0.0.12-py3-none-any-bundle.jsonl',
    flags: ['--repo', 'actions/attest-demo'],
    verdict: 'SIGNATURE_INVALID',
  },
];

describe('real bundles, verified as the ecosystem does', () => {
  it.each(rows.map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    const r = await runCommand(
      command,
      [
        row.artifact,
        '--bundle',
        join(real, row.bundle),
        ...row.flags,
        '--trusted-root',
        trustedRoot,
        '--format',
        'json',
      ],
      real,
    );
    expect(r.stderr).not.toMatch(/error \[/);
    const report = JSON.parse(r.stdout).artifacts[0];
    const verdict = report.verified ? 'verified' : report.code;
    expect({ verdict, failures: report.failures.map((f: { message: string }) => f.message) }).toEqual({
      verdict: row.verdict,
      failures: row.verdict === 'verified' ? [] : expect.anything(),
    });
    expect(r.code).toBe(row.verdict === 'verified' ? 0 : 1);
  });
});
