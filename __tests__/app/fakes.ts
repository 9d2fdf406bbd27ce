/** Fake ports for the use cases: in memory, recording what was asked of them, no network and no crypto. */
import type {
  BundleFacts,
  FileSystemPort,
  IdentityPort,
  Logger,
  SigningIdentity,
  SigningSession,
  SigstoreInstance,
} from '../../src/app/ports.js';
import type { Subject } from '../../src/core/subject.js';

export const sha = (c: string): string => c.repeat(64);

export function recordingLog(): Logger & { lines: string[]; warnings: string[] } {
  const lines: string[] = [];
  const warnings: string[] = [];
  return { lines, warnings, info: (m) => lines.push(m), warn: (m) => warnings.push(m) };
}

/** A filesystem of named files whose digests are given; patterns match names exactly. */
export function fakeFileSystem(files: Record<string, string>): FileSystemPort {
  return {
    collectFiles: (patterns) =>
      Promise.resolve(
        patterns.filter((p) => p in files).map((p) => ({ name: p, path: `/work/${p}`, pattern: p, size: 3 })),
      ),
    hashFiles: (found) =>
      Promise.resolve(
        found.map((f): Subject => ({ name: f.name, digest: { sha256: files[f.name]! }, size: 3 })),
      ),
    readTextFile: () => Promise.reject(new Error('no checksum files in this fake')),
  };
}

export function fakeWriter(): {
  written: Map<string, string>;
  writeFile: (path: string, data: string) => Promise<string>;
} {
  const written = new Map<string, string>();
  return {
    written,
    writeFile: (path, data) => {
      written.set(path, data);
      return Promise.resolve(path);
    },
  };
}

export const GITHUB_CLAIMS = {
  iss: 'https://token.actions.githubusercontent.com',
  repository: 'acme/widget',
  repository_id: '1',
  repository_owner: 'acme',
  repository_owner_id: '2',
  repository_visibility: 'public',
  ref: 'refs/tags/v1',
  sha: 'f'.repeat(40),
  workflow_ref: 'acme/widget/.github/workflows/release.yml@refs/tags/v1',
  job_workflow_ref: 'acme/widget/.github/workflows/release.yml@refs/tags/v1',
  event_name: 'push',
  run_id: '42',
  run_attempt: '1',
  runner_environment: 'github-hosted',
};

export const INSTANCE: SigstoreInstance = {
  name: 'custom',
  fulcioUrl: 'http://127.0.0.1:1/fulcio',
  rekorUrl: 'http://127.0.0.1:1/rekor',
  publicLog: false,
};

export interface FakeSigning extends IdentityPort {
  calls: string[];
  /** The statements signed, in the order they were signed. */
  signed: { subject: { name: string }[] }[];
  sessionArgs: { identity: SigningIdentity; expected: { identity: string } }[];
}

/** A signer whose bundles are the statement itself, numbered in signing order. */
export function fakeSigning(
  options: { claims?: Record<string, unknown>; failOn?: number; verify?: boolean } = {},
): FakeSigning {
  const calls: string[] = [];
  const signed: { subject: { name: string }[] }[] = [];
  const sessionArgs: FakeSigning['sessionArgs'] = [];
  const session: SigningSession = {
    instance: INSTANCE,
    sign: (statement) => {
      const n = signed.push(statement as { subject: { name: string }[] });
      calls.push(`sign ${n}`);
      if (options.failOn === n) return Promise.reject(new Error(`signing ${n} failed`));
      const facts: BundleFacts = { certificateIdentity: 'https://github.com/san', rekorLogIndex: String(n) };
      return Promise.resolve({ bundleJson: JSON.stringify({ n, statement }), bundle: { n }, facts });
    },
    ...(options.verify === false
      ? {}
      : {
          verifyAfterSign: (bundle: unknown) => {
            calls.push(`verify ${(bundle as { n: number }).n}`);
            return Promise.resolve();
          },
        }),
  };
  return {
    calls,
    signed,
    sessionArgs,
    identity: () => {
      calls.push('identity');
      return Promise.resolve({ claims: options.claims ?? GITHUB_CLAIMS, token: 'the-token-value' });
    },
    session: (identity, expected) => {
      calls.push('session');
      sessionArgs.push({ identity, expected });
      return Promise.resolve(session);
    },
  };
}
