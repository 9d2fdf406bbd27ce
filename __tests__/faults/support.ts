import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runAction, type ActionRun } from '../../test-support/action-runner.js';
import type { GitHubEmulator } from '../../test-support/github-emulator/index.js';
import type { SigstoreStack } from '../../test-support/sigstore-stack/index.js';

export const REPO = 'octo-org/octo-repo';
export const TAG = 'v1.0.0';

/** A workspace with two build outputs under dist/. */
export async function workspace(prefix: string): Promise<string> {
  const ws = await mkdtemp(path.join(tmpdir(), prefix));
  await mkdir(path.join(ws, 'dist'), { recursive: true });
  await writeFile(path.join(ws, 'dist/app-linux.tar.gz'), 'linux build');
  await writeFile(path.join(ws, 'dist/app-darwin.tar.gz'), 'darwin build');
  return ws;
}

/** Runs dist/index.js as the runner would, signing against the stack and publishing to the emulator. */
export function actWith(
  stack: SigstoreStack,
  em: GitHubEmulator,
  ws: string,
  inputs: Record<string, string> = {},
  env: Record<string, string> = {},
): Promise<ActionRun> {
  return runAction({
    workspace: ws,
    inputs: {
      'subject-path': 'dist',
      sigstore: 'custom',
      'fulcio-url': stack.urls.fulcio,
      'rekor-url': stack.urls.rekor,
      'tsa-url': stack.urls.tsa,
      'trusted-root': stack.trustedRootPath,
      'github-token': em.token,
      'release-tag': TAG,
      'attestation-store': 'false',
      ...inputs,
    },
    env: {
      ...stack.env,
      ...em.env,
      GITHUB_REF: `refs/tags/${TAG}`,
      PROVENANT_RETRY_UNIT_MS: '1',
      ...env,
    },
  });
}

export const assetNames = (em: GitHubEmulator, releaseId: number): string[] =>
  em
    .assets(releaseId)
    .map((a) => a.name)
    .sort();

/** The asset's bytes on the release, as text. */
export const assetText = (em: GitHubEmulator, releaseId: number, name: string): string | undefined => {
  const a = em.assets(releaseId).find((x) => x.name === name);
  return a ? Buffer.from(a.bytes).toString('utf8') : undefined;
};

/** Every bundle the run says it wrote, read back from disk. */
export async function bundlesOnDisk(run: ActionRun): Promise<string[]> {
  const paths = JSON.parse(run.outputs['bundle-paths'] ?? '[]') as string[];
  return Promise.all(paths.map((p) => readFile(p, 'utf8')));
}

/** The path of every bundle named in a failure message ("kept at a, b."). */
export function keptPaths(run: ActionRun): string[] {
  const m = /kept at (.+?)\.(?:\n|$)/m.exec(run.stdout);
  return m ? m[1]!.split(', ') : [];
}

/** No asset that is incomplete, and none left under a temporary name. */
export function cleanRelease(em: GitHubEmulator, releaseId: number): boolean {
  return em
    .assets(releaseId)
    .every((a) => (a.state ?? 'uploaded') === 'uploaded' && !a.name.endsWith('.replacing'));
}

/** The default artifact name of a job `release` (runnerEnv's GITHUB_JOB): unique per job, with 8 hex of its id. */
export const DEFAULT_ARTIFACT = /^provenance-bundles-release-[0-9a-f]{8}$/;

/** The files inside the workflow artifact named `name` (a zip), by base name, read with unzip. */
export async function artifactFiles(
  em: GitHubEmulator,
  name: string | RegExp = DEFAULT_ARTIFACT,
): Promise<Record<string, string>> {
  const named = (n: string): boolean => (typeof name === 'string' ? n === name : name.test(n));
  const artifact = em.artifacts().find((a) => named(a.name) && a.finalized);
  if (!artifact?.bytes) return {};
  const dir = await mkdtemp(path.join(tmpdir(), 'provenant-artifact-'));
  await writeFile(path.join(dir, 'a.zip'), artifact.bytes);
  execFileSync('unzip', ['-q', 'a.zip', '-d', 'out'], { cwd: dir });
  const out: Record<string, string> = {};
  for (const f of await readdir(path.join(dir, 'out'), { recursive: true, withFileTypes: true })) {
    if (f.isFile()) out[f.name] = await readFile(path.join(f.parentPath, f.name), 'utf8');
  }
  await rm(dir, { recursive: true, force: true });
  return out;
}
