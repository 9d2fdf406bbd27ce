import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { collectFiles } from '../src/adapters/fs/collect-files.js';
import { hashFile } from '../src/adapters/fs/hash-file.js';
import { hashFiles } from '../src/adapters/fs/hash-files.js';
import { repoRoot } from '../test-support/action-runner.js';
import { launcher, type Launched } from './launcher.js';

export interface Row {
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
}

/** The bundles measured: dist/ by default; BENCH_DIST=DIR measures a build made elsewhere (`build.mjs --outdir`). */
export const distDir = process.env.BENCH_DIST
  ? path.resolve(process.env.BENCH_DIST)
  : path.join(repoRoot, 'dist');
const cli = path.join(distDir, 'cli.js');
/** Measured runs per figure (after one warm-up); BENCH_RUNS raises it on a noisy machine. */
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? '3'));

/**
 * Median wall times of several variants measured in turns (a, b, c, a, b, c, …) after one warm-up each, so load
 * from other processes falls on all of them alike and their ratios stay meaningful on a shared machine. `prepare`
 * runs, untimed, before every measured call. A variant that times itself returns `{ seconds }`, which is taken
 * instead of the wall time of the call.
 */
export async function interleavedMedians(
  fns: (() => unknown)[],
  runs = RUNS,
  prepare?: () => unknown,
): Promise<number[]> {
  for (const fn of fns) await fn();
  const times = fns.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    for (const [k, fn] of fns.entries()) {
      await prepare?.();
      const t = process.hrtime.bigint();
      const result = await fn();
      const wall = Number(process.hrtime.bigint() - t) / 1e9;
      times[k]!.push(selfTimed(result) ?? wall);
    }
  }
  return times.map((t) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)]!);
}

function selfTimed(result: unknown): number | undefined {
  if (typeof result !== 'object' || result === null || !('seconds' in result)) return undefined;
  return typeof result.seconds === 'number' ? result.seconds : undefined;
}

/**
 * The in-memory ceiling: OpenSSL's SHA-256 over the file's bytes already in memory, timed inside a child process that
 * holds them. Were the bench process to hold them, every process started from it would be slower to start (see
 * launcher.ts and README, Performance).
 */
function ceilingInChild(file: string): { seconds: number } {
  const script =
    "const { readFileSync } = require('node:fs'); const { createHash } = require('node:crypto');" +
    'const b = readFileSync(process.argv[1]); const t = process.hrtime.bigint();' +
    "createHash('sha256').update(b).digest('hex');" +
    'process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e9));';
  const r = spawnSync(process.execPath, ['-e', script, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ceiling measurement failed: ${r.stderr}`);
  return { seconds: Number(r.stdout) };
}

export async function makeLargeFile(dir: string, bytes: number): Promise<string> {
  const file = path.join(dir, `large-${bytes}.bin`);
  const handle = await open(file, 'w');
  const block = randomBytes(16 * 1024 * 1024);
  for (let written = 0; written < bytes; written += block.length) {
    await handle.write(block, 0, Math.min(block.length, bytes - written));
  }
  await handle.close();
  return file;
}

export async function makeSmallFiles(
  dir: string,
  count: number,
): Promise<{ dir: string; files: string[]; bytes: number }> {
  const root = path.join(dir, `small-${count}`);
  await mkdir(root, { recursive: true });
  const files: string[] = [];
  let bytes = 0;
  let seed = 1;
  for (let i = 0; i < count; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const size = 4096 + (seed % (60 * 1024));
    const sub = path.join(root, String(i % 100));
    if (i < 100) await mkdir(sub, { recursive: true });
    const f = path.join(sub, `f${i}.bin`);
    await writeFile(f, randomBytes(size));
    files.push(f);
    bytes += size;
  }
  return { dir: root, files, bytes };
}

/** Runs `provenant hash --quiet TARGET` from the launcher; resolves with its time (taken as the run's time). */
async function provenantHash(cwd: string, target: string, nodeArgs: string[] = []): Promise<Launched> {
  const r = await launcher().run(process.execPath, [...nodeArgs, cli, 'hash', '--quiet', target], cwd);
  if (r.status !== 0) throw new Error(`provenant hash failed: ${r.stderr}`);
  return r;
}

/** Runs a command from the launcher, failing on a non-zero exit. */
async function command(cwd: string, name: string, ...args: string[]): Promise<Launched> {
  const r = await launcher().run(name, args, cwd);
  if (r.status !== 0) throw new Error(`${name} failed (${r.status}): ${r.stderr}`);
  return r;
}

/**
 * Reads files through once, untimed, so each measured run finds them in the page cache: some machines reclaim idle
 * cache within seconds, which would otherwise charge a re-read from disk to whichever variant runs next.
 */
function inPageCache(cwd: string, ...targets: string[]): () => void {
  return () => {
    spawnSync('sh', ['-c', 'find "$@" -type f -exec cat {} + > /dev/null', 'sh', ...targets], {
      cwd,
      stdio: 'ignore',
    });
  };
}

const mbps = (bytes: number, s: number) => `${(bytes / s / 1e6).toFixed(0)} MB/s`;
const ms = (s: number) => `${(s * 1000).toFixed(0)} ms`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

export async function benchLargeFile(dir: string, bytes: number): Promise<Row[]> {
  const file = await makeLargeFile(dir, bytes);
  const [ours, inProcess, ceiling, coreutils] = await interleavedMedians(
    [
      () => provenantHash(dir, path.basename(file)),
      () => hashFile(file),
      () => ceilingInChild(file),
      () => command(dir, 'sha256sum', file),
    ],
    RUNS,
    inPageCache(dir, file),
  );
  const label = `${(bytes / 2 ** 30).toFixed(2)} GiB file`;
  return [
    {
      figure: `hash ${label} vs in-memory ceiling`,
      value: mbps(bytes, ours!),
      baseline: mbps(bytes, ceiling!),
      ratio: (ceiling! / ours!).toFixed(2),
    },
    {
      figure: `hash ${label} vs sha256sum`,
      value: mbps(bytes, ours!),
      baseline: mbps(bytes, coreutils!),
      ratio: (coreutils! / ours!).toFixed(2),
    },
    {
      figure: `  hashFile in-process (no process start) vs ceiling`,
      value: mbps(bytes, inProcess!),
      baseline: mbps(bytes, ceiling!),
      ratio: (ceiling! / inProcess!).toFixed(2),
    },
  ];
}

export async function benchSmallFiles(dir: string, count: number): Promise<Row[]> {
  const set = await makeSmallFiles(dir, count);
  const found = await collectFiles(['.'], { baseDir: set.dir });
  // The incumbent's approach: one file at a time through a default read stream.
  const sequential = async () => {
    for (const f of set.files) {
      const h = createHash('sha256');
      for await (const chunk of createReadStream(f)) h.update(chunk as Buffer);
      h.digest('hex');
    }
  };
  const [ours, coreutils, seq, pool, mainOnly, collect, find] = await interleavedMedians(
    [
      () => provenantHash(set.dir, '.'),
      () => command(set.dir, 'sh', '-c', 'find . -type f -print0 | xargs -0 sha256sum > /dev/null'),
      sequential,
      () => hashFiles(found),
      () => hashFiles(found, { workers: 0 }),
      () => collectFiles(['.'], { baseDir: set.dir }),
      () => command(set.dir, 'find', '.', '-type', 'f', '-printf', '%s\\n'),
    ],
    RUNS,
    inPageCache(set.dir, '.'),
  );
  await writeFile(path.join(dir, 'empty.bin'), '');
  const [rssMany, rssEmpty] = [await peakRss(dir, set.dir, '.'), await peakRss(dir, dir, 'empty.bin')];
  const label = `${count} files of 4–64 KiB`;
  return [
    {
      figure: `hash ${label} vs sequential stream loop`,
      value: mbps(set.bytes, ours!),
      baseline: mbps(set.bytes, seq!),
      ratio: (seq! / ours!).toFixed(2),
    },
    {
      figure: `hash ${label} vs sha256sum`,
      value: mbps(set.bytes, ours!),
      baseline: mbps(set.bytes, coreutils!),
      ratio: (coreutils! / ours!).toFixed(2),
    },
    {
      figure: `  hashFiles in-process (workers) vs sequential stream loop`,
      value: mbps(set.bytes, pool!),
      baseline: mbps(set.bytes, seq!),
      ratio: (seq! / pool!).toFixed(2),
    },
    {
      figure: `  hashFiles in-process, workers vs main thread only`,
      value: mbps(set.bytes, pool!),
      baseline: mbps(set.bytes, mainOnly!),
      ratio: (mainOnly! / pool!).toFixed(2),
    },
    {
      figure: `  collect ${count} files in-process vs find -printf %s`,
      value: ms(collect!),
      baseline: ms(find!),
      ratio: (find! / collect!).toFixed(2),
    },
    {
      figure: `  peak RSS hashing ${count} files vs an empty file`,
      value: mb(rssMany),
      baseline: mb(rssEmpty),
      ratio: (rssEmpty / rssMany).toFixed(2),
    },
  ];
}

/**
 * Peak RSS of a `provenant hash` child, read from inside it as it exits by a preloaded module: `VmHWM` from
 * /proc/self/status (the process's own high-water mark, worker threads included). Not `getrusage`'s maxRSS: on Linux
 * that survives exec and starts at the RSS of the forking parent, here the bench itself.
 */
async function peakRss(dir: string, cwd: string, target: string): Promise<number> {
  const preload = path.join(dir, 'max-rss.mjs');
  await writeFile(
    preload,
    [
      "import { readFileSync, writeSync } from 'node:fs';",
      "import { isMainThread } from 'node:worker_threads';",
      // Workers inherit the preload: only the main thread reports, as the process ends.
      "if (isMainThread) process.on('exit', () => {",
      '  let kib = process.resourceUsage().maxRSS;',
      '  try {',
      "    kib = Number(/VmHWM:\\s*(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]);",
      '  } catch {}',
      '  writeSync(2, `\\nbench-max-rss-kib=${kib}\\n`);',
      '});',
      '',
    ].join('\n'),
  );
  const { stderr } = await provenantHash(cwd, target, ['--import', pathToFileURL(preload).href]);
  const kib = [...stderr.matchAll(/bench-max-rss-kib=(\d+)/g)].at(-1)?.[1];
  if (kib === undefined) throw new Error(`no max RSS reported: ${stderr}`);
  return Number(kib) * 1024;
}

/** Item 4: peak RSS hashing one big file, against the same command on an empty file (what the process costs). */
export async function benchPeakRss(dir: string, bytes: number): Promise<Row[]> {
  const file = await makeLargeFile(dir, bytes);
  await writeFile(path.join(dir, 'empty.bin'), '');
  let big = 0;
  let empty = Infinity;
  for (let i = 0; i < 2; i++) {
    big = Math.max(big, await peakRss(dir, dir, path.basename(file)));
    empty = Math.min(empty, await peakRss(dir, dir, 'empty.bin'));
  }
  return [
    {
      figure: `peak RSS hashing a ${(bytes / 2 ** 30).toFixed(2)} GiB file (target < 150 MB) vs an empty file`,
      value: mb(big),
      baseline: mb(empty),
      ratio: (empty / big).toFixed(2),
    },
  ];
}
