/**
 * What a run showed anyone, and the secrets it held: for checking that no token reaches a log, an output, a file the
 * run wrote, a release asset, a workflow artifact or a stored attestation. The only exception is the `::add-mask::`
 * command, which the runner consumes to mask the value and never shows.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ActionRun } from '../../test-support/action-runner.js';
import type { GitHubEmulator } from '../../test-support/github-emulator/index.js';
import type { SigstoreStack } from '../../test-support/sigstore-stack/index.js';
import { REPO, artifactFiles } from './support.js';

export const JWT = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]+/g;

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const f of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (f.isFile()) out.push(await readFile(path.join(f.parentPath, f.name), 'utf8'));
  }
  return out;
}

/** Every byte the run produced that anyone could see, `::add-mask::` commands left out. */
export async function everythingShown(run: ActionRun, em: GitHubEmulator): Promise<string> {
  const artifacts = await Promise.all(em.artifacts().map((a) => artifactFiles(em, a.name)));
  return [
    run.everything
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n'),
    ...(await filesUnder(run.runnerTemp)),
    ...em.releases(REPO).flatMap((r) => em.assets(r.id).map((a) => Buffer.from(a.bytes).toString('utf8'))),
    ...artifacts.flatMap((files) => Object.values(files)),
    ...em.attestations().map((a) => JSON.stringify(a.bundle)),
  ].join('\n');
}

/** The secrets the run held: the GitHub, request and runtime tokens, and every identity token it masked. */
export function secretsOf(run: ActionRun, stack: SigstoreStack, em: GitHubEmulator): string[] {
  const masked = run.stdout
    .split('\n')
    .filter((l) => l.startsWith('::add-mask::'))
    .map((l) => l.slice('::add-mask::'.length));
  const oidc = masked.filter((m) => /^eyJ[^.]+\.eyJ[^.]+\.[^.]+$/.test(m));
  return [
    em.token,
    stack.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN!,
    em.env.ACTIONS_RUNTIME_TOKEN!,
    ...oidc,
    // The signature part alone is enough to replay nothing, but it must not leak either.
    ...oidc.map((t) => t.split('.')[2]!),
  ];
}

/** The secrets (and anything JWT-shaped) found in what the run showed; [] when there are none. */
export async function leaks(run: ActionRun, stack: SigstoreStack, em: GitHubEmulator): Promise<string[]> {
  const shown = await everythingShown(run, em);
  const found = secretsOf(run, stack, em).filter((s) => shown.includes(s));
  // Nor the request token's tail, in case something truncates it.
  if (shown.includes(stack.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN!.slice(-12))) found.push('request token tail');
  return [...found, ...(shown.match(JWT) ?? [])];
}
