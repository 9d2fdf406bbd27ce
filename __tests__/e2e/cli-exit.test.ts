import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot, runnerEnv } from '../../test-support/action-runner.js';

const CLI = path.join(repoRoot, 'dist', 'cli.js');
const RUNS = 50;
/** Far above a hash of these inputs here (well under a second); a run past it hangs. */
const DEADLINE_MS = 20_000;

let ws: string;
beforeAll(async () => {
  ws = await mkdtemp(path.join(tmpdir(), 'provenant-exit-'));
  const sparse = await open(path.join(ws, 'sparse.bin'), 'w');
  await sparse.truncate(192 * 1024 * 1024);
  await sparse.close();
  await mkdir(path.join(ws, 'many'));
  for (let i = 0; i < 1100; i++) await writeFile(path.join(ws, 'many', `f${i}`), String(i));
});
afterAll(async () => {
  await rm(ws, { recursive: true, force: true });
});

/** Runs the CLI under a pseudo-terminal (util-linux `script`), so it draws its progress bar as on a terminal. */
function hashOnTerminal(target: string): Promise<{ code: number | null; output: string; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} hash ${JSON.stringify(target)}`;
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      cwd: ws,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), DEADLINE_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, output, timedOut: signal === 'SIGKILL' });
    });
  });
}

describe('the CLI always exits', () => {
  it(`${RUNS} hashes of a large sparse file and of a directory that starts hashing threads, with progress, each end`, async () => {
    const results: Awaited<ReturnType<typeof hashOnTerminal>>[] = [];
    // Two at a time: a busy host is where the exit deadlock showed.
    for (let i = 0; i < RUNS; i += 2) {
      results.push(...(await Promise.all([hashOnTerminal('sparse.bin'), hashOnTerminal('many')])));
    }
    expect(results.filter((r) => r.timedOut)).toEqual([]);
    expect(results.map((r) => r.code)).toEqual(results.map(() => 0));
    expect(results[0]!.output).toMatch(/\[[#.]{30}\]/);
    expect(results[0]!.output).toContain('sparse.bin');
  }, 300_000);

  it('without process.exit, which can deadlock Node’s shutdown while a thread winds down', async () => {
    const source = await readFile(path.join(repoRoot, 'src', 'cli.ts'), 'utf8');
    expect(source).not.toMatch(/process\.exit\(/);
    expect(source).toMatch(/process\.exitCode = /);
  });

  it.each([
    ['hash', ['hash', 'many']],
    ['hash --json', ['hash', 'many', '--json']],
    ['statement', ['statement', 'many']],
    ['help', ['--help']],
    ['verify --help', ['verify', '--help']],
    ['sign --help', ['sign', '--help']],
  ])('%s ends quietly with its own exit code when its reader goes away (EPIPE)', async (_label, args) => {
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, ...args], {
        cwd: ws,
        // The runner's variables, which `statement` builds its context from.
        env: { ...process.env, ...runnerEnv() },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      // Like `| head -c 1`: read one chunk, then close the pipe while the command is still writing.
      child.stdout.once('data', () => child.stdout.destroy());
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), DEADLINE_MS);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stderr });
      });
    });
    expect(result.stderr).not.toMatch(/EPIPE|Unhandled|node:events/);
    expect(result.code).toBe(0);
  });
});
