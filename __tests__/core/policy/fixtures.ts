import type { CertificateClaims } from '../../../src/core/certificate-claims.js';
import type { Policy, PolicyInput } from '../../../src/core/policy/types.js';

export const DIGEST = 'a'.repeat(64);
export const SHA = '5f7b2e1c9a3d4b6e8f0a1c2e3d4f5a6b7c8d9e0f';
export const SAN = 'https://github.com/octo-org/octo-repo/.github/workflows/release.yml@refs/tags/v1.0.0';

export function claims(overrides: Partial<CertificateClaims> = {}): CertificateClaims {
  return {
    subjectAlternativeName: SAN,
    issuer: 'https://token.actions.githubusercontent.com',
    buildSignerURI: SAN,
    buildSignerDigest: SHA,
    runnerEnvironment: 'github-hosted',
    sourceRepositoryURI: 'https://github.com/octo-org/octo-repo',
    sourceRepositoryDigest: SHA,
    sourceRepositoryRef: 'refs/tags/v1.0.0',
    sourceRepositoryOwnerURI: 'https://github.com/octo-org',
    legacy: {},
    ...overrides,
  };
}

export function provenance(
  source: { repository?: string; ref?: string; sha?: string; buildType?: string; deps?: unknown[] } = {},
) {
  const repository = source.repository ?? 'https://github.com/octo-org/octo-repo';
  const ref = source.ref ?? 'refs/tags/v1.0.0';
  return {
    buildDefinition: {
      buildType: source.buildType ?? 'https://actions.github.io/buildtypes/workflow/v1',
      externalParameters: { workflow: { ref, repository, path: '.github/workflows/release.yml' } },
      resolvedDependencies: source.deps ?? [
        { uri: `git+${repository}@${ref}`, digest: { gitCommit: source.sha ?? SHA } },
      ],
    },
  };
}

export function input(overrides: Partial<PolicyInput> = {}): PolicyInput {
  return {
    artifact: { sha256: DIGEST },
    statement: {
      subjects: [{ name: 'app.tgz', digest: { sha256: DIGEST } }],
      predicateType: 'https://slsa.dev/provenance/v1',
      predicate: provenance(),
    },
    claims: claims(),
    ...overrides,
  };
}

export function policy(overrides: Partial<Policy> = {}): Policy {
  return {
    server: 'https://github.com',
    denySelfHostedRunners: false,
    checkStatementSource: false,
    ...overrides,
  };
}
