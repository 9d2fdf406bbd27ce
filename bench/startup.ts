/**
 * Item 5: the action's cold start, `node dist/index.js` until its first log line, next to bare `node` printing a
 * line (what any JavaScript action pays); and the size of the bundles in dist/.
 */
import { spawn } from 'node:child_process';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runnerEnv } from '../test-support/action-runner.js';
import { distDir, interleavedMedians, type Row } from './hash.js';
import { launcher } from './launcher.js';

/** Seconds from spawning `node args` until its first byte on stdout (the child then runs to its end). */
function timeToFirstLine(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    let first: number | undefined;
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.on('data', () => {
      first ??= Number(process.hrtime.bigint() - started) / 1e9;
    });
    child.on('error', reject);
    child.on('close', () =>
      first === undefined ? reject(new Error(`no output from node ${args.join(' ')}`)) : resolve(first),
    );
  });
}

export async function benchColdStart(dir: string): Promise<Row[]> {
  const workspace = path.join(dir, 'cold-start');
  const runnerTemp = path.join(workspace, '.runner');
  await mkdir(runnerTemp, { recursive: true });
  await writeFile(path.join(workspace, 'app.tar.gz'), 'release\n');
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? workspace,
    ...runnerEnv(),
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: runnerTemp,
    'INPUT_SUBJECT-PATH': 'app.tar.gz',
    'INPUT_DRY-RUN': 'true',
  };
  const [ours, bare] = await interleavedFirstLines(
    [
      () => timeToFirstLine([path.join(distDir, 'index.js')], env, workspace),
      () => timeToFirstLine(['-e', 'console.log("hello")'], env, workspace),
    ],
    9,
  );
  // What every `provenant` command pays before doing anything: the CLI bundle's load, on one empty file. And a
  // release's worth of files, named by their directory as a workflow would: the usual job, too small for a hashing
  // thread to pay for itself.
  await writeFile(path.join(workspace, 'empty.bin'), '');
  const release = path.join(workspace, 'release');
  await mkdir(release, { recursive: true });
  for (let i = 0; i < RELEASE_FILES; i++) {
    await writeFile(path.join(release, `asset-${i}.tar.gz`), Buffer.alloc(1024 * (1 + ((i * 37) % 64)), i));
  }
  const [cliRun, bareRun, releaseRun] = await interleavedMedians(
    [
      () =>
        launcher().run(
          process.execPath,
          [path.join(distDir, 'cli.js'), 'hash', '--quiet', 'empty.bin'],
          workspace,
        ),
      () => launcher().run(process.execPath, ['-e', '0'], workspace),
      () =>
        launcher().run(
          process.execPath,
          [path.join(distDir, 'cli.js'), 'hash', '--quiet', 'release'],
          workspace,
        ),
    ],
    9,
  );
  // Entry files by name; the shared and on-demand chunks summed (an entry loads only the chunks its run needs).
  const files = (await readdir(distDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  const all = await Promise.all(
    files.map(async (e) => {
      const full = path.join(e.parentPath, e.name);
      return [path.relative(distDir, full), (await stat(full)).size] as const;
    }),
  );
  const chunks = all.filter(([f]) => f.startsWith('chunks'));
  const sizes = [
    ...all.filter(([f]) => f.endsWith('.js') && !f.startsWith('chunks')),
    [`${chunks.length} chunks`, chunks.reduce((sum, [, s]) => sum + s, 0)] as const,
  ];
  const total = all.reduce((sum, [, s]) => sum + s, 0);
  return [
    {
      figure: 'action cold start to first log line (target < 250 ms) vs bare node',
      value: `${(ours! * 1000).toFixed(0)} ms`,
      baseline: `${(bare! * 1000).toFixed(0)} ms`,
      ratio: (bare! / ours!).toFixed(2),
    },
    {
      figure: 'CLI start-up: provenant hash of an empty file vs bare node',
      value: `${(cliRun! * 1000).toFixed(0)} ms`,
      baseline: `${(bareRun! * 1000).toFixed(0)} ms`,
      ratio: (bareRun! / cliRun!).toFixed(2),
    },
    {
      figure: `CLI: provenant hash of a directory of ${RELEASE_FILES} files vs bare node`,
      value: `${(releaseRun! * 1000).toFixed(0)} ms`,
      baseline: `${(bareRun! * 1000).toFixed(0)} ms`,
      ratio: (bareRun! / releaseRun!).toFixed(2),
    },
    {
      figure: `size of dist/ (${sizes.map(([f, s]) => `${f} ${(s / 1024).toFixed(0)} KiB`).join(', ')})`,
      value: `${(total / 1024).toFixed(0)} KiB`,
      baseline: '—',
      ratio: '—',
    },
  ];
}

/** A release's assets, 1–64 KiB each. */
const RELEASE_FILES = 20;

/** Medians of values measured in turns after one warm-up each, as {@link interleavedMedians} does for durations. */
async function interleavedFirstLines(fns: (() => Promise<number>)[], runs: number): Promise<number[]> {
  for (const fn of fns) await fn();
  const values = fns.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) for (const [k, fn] of fns.entries()) values[k]!.push(await fn());
  return values.map((v) => v.sort((a, b) => a - b)[Math.floor(v.length / 2)]!);
}
