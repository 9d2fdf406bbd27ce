/**
 * The git repositories that checkouts in interpreted workflows clone: a user's small project for the examples, and
 * a snapshot of this checkout (its action metadata, package.json and built dist/, as they are in the working tree)
 * standing for provenant-org/provenant at a commit. Commits have a fixed author and date, so a tree gives one SHA.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../action-runner.js';

const run = promisify(execFile);

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Octo Cat',
  GIT_AUTHOR_EMAIL: 'octocat@example.com',
  GIT_COMMITTER_NAME: 'Octo Cat',
  GIT_COMMITTER_EMAIL: 'octocat@example.com',
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
};

export interface SourceRepo {
  dir: string;
  sha: string;
}

async function git(dir: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', ['-C', dir, ...args], { env: { ...process.env, ...GIT_ENV } });
  return stdout.trim();
}

/** A git repository holding `files` in one commit, with each of `tags` on it. */
export async function sourceRepo(files: Record<string, string>, tags: string[] = []): Promise<SourceRepo> {
  const dir = await mkdtemp(path.join(tmpdir(), 'provenant-source-'));
  await git(dir, 'init', '-q', '-b', 'main');
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return commit(dir, tags);
}

async function commit(dir: string, tags: string[]): Promise<SourceRepo> {
  await git(dir, 'add', '-A');
  await git(dir, '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'Release');
  for (const tag of tags) await git(dir, 'tag', tag);
  return { dir, sha: await git(dir, 'rev-parse', 'HEAD') };
}

/**
 * This checkout as provenant-org/provenant at a commit: what `uses: ./` (and `./verify`, `./approve`), the release
 * policy document the approval pins, and `node dist/cli.js` need of it.
 */
export async function provenantSnapshot(tags: string[] = []): Promise<SourceRepo> {
  const dir = await mkdtemp(path.join(tmpdir(), 'provenant-snapshot-'));
  await git(dir, 'init', '-q', '-b', 'main');
  for (const entry of [
    'package.json',
    'package-lock.json',
    'action.yml',
    'verify/action.yml',
    'approve/action.yml',
    'RELEASE.md',
    'dist',
  ]) {
    await mkdir(path.dirname(path.join(dir, entry)), { recursive: true });
    await cp(path.join(repoRoot, entry), path.join(dir, entry), { recursive: true });
  }
  return commit(dir, tags);
}
