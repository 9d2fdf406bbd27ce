import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import type { FoundFile } from '../../../src/core/files.js';
import { withoutPermissionOverride } from '../../../test-support/action-runner.js';
import { HASH_CHUNK_SIZE } from '../../../src/adapters/fs/hash-file.js';
import {
  hashFiles,
  MAX_WORKERS,
  planHashing,
  POOL_MIN_BYTES,
  POOL_MIN_FILES,
  runHashing,
  startHashWorkers,
  WarmWorkers,
  type HashProgress,
} from '../../../src/adapters/fs/hash-files.js';
import { createNodeFileSystem } from '../../../src/adapters/fs/index.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'provenant-hash-files-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every file goes through the worker threads: the main thread does not help while they start. */
const poolOnly = { workers: 2, mainThread: false };

/** One coreutils call for many files: `{path: hex}`. */
function coreutils(tool: string, files: readonly string[]): Map<string, string> {
  const out = execFileSync(tool, ['--', ...files], { maxBuffer: 64 * 1024 * 1024 }).toString();
  return new Map(
    out
      .trimEnd()
      .split('\n')
      .map((line) => [line.slice(line.indexOf(' ') + 2), line.slice(0, line.indexOf(' '))] as const),
  );
}

async function makeFiles(sub: string, sizes: readonly number[]): Promise<FoundFile[]> {
  const root = path.join(dir, sub);
  await mkdir(root, { recursive: true });
  return Promise.all(
    sizes.map(async (size, i) => {
      const p = path.join(root, `f${i}-${size}.bin`);
      await writeFile(p, randomBytes(size));
      return { name: `${sub}/f${i}-${size}.bin`, path: p, pattern: '*', size };
    }),
  );
}

function recorder() {
  const seen: HashProgress[] = [];
  return { seen, onProgress: (p: HashProgress) => void seen.push({ ...p }) };
}

describe('hashing through the worker pool agrees with coreutils', () => {
  const C = HASH_CHUNK_SIZE;
  const sizes = [0, 1, C - 1, C, C + 1, 2 * C, 5 * C + 7, 17 * C + 3];

  it('at and around chunk boundaries, with two algorithms', async () => {
    const files = await makeFiles('boundaries', sizes);
    const subjects = await runHashing(files, { algorithms: ['sha256', 'sha512'] }, poolOnly);
    const sha256 = coreutils(
      'sha256sum',
      files.map((f) => f.path),
    );
    const sha512 = coreutils(
      'sha512sum',
      files.map((f) => f.path),
    );
    expect(subjects.map((s) => s.name)).toEqual(files.map((f) => f.name));
    for (const [i, s] of subjects.entries()) {
      expect(s.size).toBe(sizes[i]);
      expect(s.digest).toEqual({ sha256: sha256.get(files[i]!.path), sha512: sha512.get(files[i]!.path) });
    }
  });

  it('for many files spread over the workers, keeping their order and reporting progress to the totals', async () => {
    const count = 617;
    const files = await makeFiles(
      'many',
      Array.from({ length: count }, (_, i) => (i * 7919) % (70 * 1024)),
    );
    const { seen, onProgress } = recorder();
    const subjects = await hashFiles(files, { onProgress, workers: 2 });
    const sha256 = coreutils(
      'sha256sum',
      files.map((f) => f.path),
    );
    expect(subjects.map((s) => s.name)).toEqual(files.map((f) => f.name));
    for (const [i, s] of subjects.entries()) expect(s.digest.sha256).toBe(sha256.get(files[i]!.path));

    const bytesTotal = files.reduce((sum, f) => sum + f.size!, 0);
    expect(seen.at(-1)).toEqual({ filesDone: count, filesTotal: count, bytesDone: bytesTotal, bytesTotal });
    for (const [k, p] of seen.entries()) {
      expect(p.filesTotal).toBe(count);
      if (k > 0) {
        expect(p.filesDone).toBeGreaterThanOrEqual(seen[k - 1]!.filesDone);
        expect(p.bytesDone).toBeGreaterThanOrEqual(seen[k - 1]!.bytesDone);
      }
    }
  });

  it('with large files first and small ones after, whichever thread takes them', async () => {
    const files = await makeFiles('mixed', [3, 9 * C, 100, 20 * C + 1, 0, 9 * C]);
    const sha256 = coreutils(
      'sha256sum',
      files.map((f) => f.path),
    );
    for (const plan of [
      poolOnly,
      { workers: 2, mainThread: true },
      { workers: 1, mainThread: false },
      { workers: 0, mainThread: true },
    ]) {
      const subjects = await runHashing(files, {}, plan);
      expect(subjects.map((s) => [s.name, s.digest.sha256])).toEqual(
        files.map((f) => [f.name, sha256.get(f.path)]),
      );
    }
  });

  it('reports bytes while a worker is still reading one large file', async () => {
    const files = await makeFiles('large', [40 * C]);
    const { seen, onProgress } = recorder();
    await runHashing(files, { onProgress }, { workers: 1, mainThread: false });
    expect(seen.some((p) => p.filesDone === 0 && p.bytesDone > 0)).toBe(true);
    expect(seen.at(-1)).toEqual({ filesDone: 1, filesTotal: 1, bytesDone: 40 * C, bytesTotal: 40 * C });
  });

  it('with sizes unknown before hashing (a big walk), on every thread, learning them as it goes', async () => {
    const sizes = [3, 9 * C, 100, 0, C, C + 1, 5 * C + 7, 2];
    const files = (await makeFiles('unsized', sizes)).map(({ size: _size, ...f }) => f);
    const sha256 = coreutils(
      'sha256sum',
      files.map((f) => f.path),
    );
    for (const plan of [poolOnly, { workers: 1, mainThread: true }, { workers: 0, mainThread: true }]) {
      const { seen, onProgress } = recorder();
      const subjects = await runHashing(files, { onProgress }, plan);
      expect(subjects.map((s) => [s.name, s.size, s.digest.sha256])).toEqual(
        files.map((f, i) => [f.name, sizes[i], sha256.get(f.path)]),
      );
      const total = sizes.reduce((a, b) => a + b, 0);
      expect(seen.slice(0, -1).every((p) => p.bytesTotal === undefined)).toBe(true);
      expect(seen.at(-1)).toEqual({ filesDone: 8, filesTotal: 8, bytesDone: total, bytesTotal: total });
    }
  });

  it('keeps the main thread responsive on a large file of unknown size, reporting its bytes as they come', async () => {
    const [big] = await makeFiles('unsized-large', [24 * C + 3]);
    const { size: _size, ...file } = big!;
    const { seen, onProgress } = recorder();
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    try {
      const [subject] = await runHashing([file], { onProgress }, { workers: 0, mainThread: true });
      expect(subject!.digest.sha256).toBe(coreutils('sha256sum', [file.path]).get(file.path));
    } finally {
      clearInterval(ticker);
    }
    // Asynchronous past the first chunk: progress before the end, and timers ran while it was read.
    expect(seen.some((p) => p.filesDone === 0 && p.bytesDone > 0)).toBe(true);
    expect(turns).toBeGreaterThan(0);
  });

  it('plans workers for files of unknown size, which only a big walk gives', () => {
    expect(planHashing([{}, {}], undefined, 2).workers).toBe(1);
    expect(planHashing([{}], undefined, 2).workers).toBe(0);
  });

  it('returns nothing for no files, without starting a worker', async () => {
    await expect(runHashing([], {}, poolOnly)).resolves.toEqual([]);
    expect(planHashing([])).toEqual({ workers: 0, mainThread: true });
    await expect(hashFiles([])).resolves.toEqual([]);
  });
});

describe('failures in the pool', () => {
  it('names a file that vanished before it was read', async () => {
    const files = await makeFiles(
      'vanished',
      Array.from({ length: 50 }, () => 10),
    );
    const gone = files[37]!;
    await rm(gone.path);
    await expect(runHashing(files, {}, poolOnly)).rejects.toMatchObject({
      code: 'FILE_UNREADABLE',
      message: expect.stringContaining(gone.path),
    });
  });

  it('names a directory given as a file', async () => {
    const files = await makeFiles('directory', [5, 6, 7]);
    const bad = { name: 'directory/sub', path: path.join(dir, 'directory'), pattern: '*', size: 0 };
    await expect(runHashing([...files, bad], {}, poolOnly)).rejects.toMatchObject({
      code: 'FILE_UNREADABLE',
      message: expect.stringMatching(/directory.*EISDIR/),
    });
  });

  it('ends the job when a progress callback throws', async () => {
    const files = await makeFiles('callback', [1, 2, 3, 4]);
    const onProgress = () => {
      throw new Error('listener broke');
    };
    await expect(runHashing(files, { onProgress }, poolOnly)).rejects.toThrow('listener broke');
    await expect(runHashing(files, { onProgress }, { workers: 0, mainThread: true })).rejects.toThrow(
      'listener broke',
    );
  });
});

describe('planning', () => {
  const sized = (n: number, size: number) => Array.from({ length: n }, () => ({ size }));

  it('keeps one file, and small jobs, on the main thread', () => {
    expect(planHashing(sized(1, 4 * 2 ** 30), undefined, 2).workers).toBe(0);
    expect(planHashing(sized(POOL_MIN_FILES / 2, 1024), undefined, 2).workers).toBe(0);
    expect(planHashing(sized(10_000, 1024), undefined, 1).workers).toBe(0);
  });

  it('adds a worker per extra core for many files, many bytes or enough of both', () => {
    expect(planHashing(sized(POOL_MIN_FILES, 1), undefined, 2)).toEqual({ workers: 1, mainThread: true });
    expect(planHashing(sized(2, POOL_MIN_BYTES / 2), undefined, 16).workers).toBe(1);
    expect(
      planHashing(sized(POOL_MIN_FILES / 2, Math.ceil(POOL_MIN_BYTES / POOL_MIN_FILES)), undefined, 4)
        .workers,
    ).toBe(3);
    expect(planHashing(sized(10_000, 1024), undefined, 64).workers).toBe(MAX_WORKERS);
  });

  it('honours an explicit worker count, 0 meaning the main thread only', () => {
    expect(planHashing(sized(10_000, 1024), 0, 2).workers).toBe(0);
    expect(planHashing(sized(3, 1), 5, 2)).toEqual({ workers: 3, mainThread: true });
  });
});

describe('workers started before the files are known', () => {
  it('take the job, and give the same digests as coreutils', async () => {
    const warm = new WarmWorkers(2);
    const files = await makeFiles(
      'warm',
      Array.from({ length: 300 }, (_, i) => (i * 4099) % (3 * HASH_CHUNK_SIZE)),
    );
    const subjects = await runHashing(files, { warm }, { workers: 2, mainThread: false });
    const sha256 = coreutils(
      'sha256sum',
      files.map((f) => f.path),
    );
    for (const [i, s] of subjects.entries()) expect(s.digest.sha256).toBe(sha256.get(files[i]!.path));
    // Both were handed over (none left to stop).
    expect(warm.take()).toBeUndefined();
  });

  it('that the plan does not need are stopped', async () => {
    const warm = new WarmWorkers(2);
    const [file] = await makeFiles('warm-unused', [10]);
    // An idle worker waits for a job forever: it only exits if it is stopped.
    const exited = new Promise<string>((resolve) => {
      const w = warm.take()!;
      w.on('exit', () => resolve('exited'));
      (warm as unknown as { idle: unknown[] }).idle.push(w);
    });
    await hashFiles([file!], { warm });
    const timeout = new Promise<string>((resolve) =>
      setTimeout(() => resolve('still running'), 5000).unref(),
    );
    await expect(Promise.race([exited, timeout])).resolves.toBe('exited');
    expect(warm.take()).toBeUndefined();
  });

  it('that ended before their job are not handed over; the job starts its own', async () => {
    const warm = new WarmWorkers(1);
    const [idle] = (warm as unknown as { idle: import('node:worker_threads').Worker[] }).idle;
    await new Promise((resolve) => {
      idle!.once('exit', resolve);
      void idle!.terminate();
    });
    expect(warm.take()).toBeUndefined();
    const files = await makeFiles('warm-dead', [1, 2, 3]);
    const subjects = await runHashing(files, { warm }, { workers: 1, mainThread: false });
    expect(subjects.map((s) => s.size)).toEqual([1, 2, 3]);
  });

  it('are started by the filesystem adapter once collecting passes its threshold, and hash what it finds', async () => {
    await makeFiles(
      'adapter',
      Array.from({ length: 50 }, (_, i) => i * 100),
    );
    const started: WarmWorkers[] = [];
    const fs = createNodeFileSystem({
      warmAfterFiles: 20,
      startWorkers: () => {
        const w = new WarmWorkers(1);
        started.push(w);
        return w;
      },
    });
    const counts: number[] = [];
    const found = await fs.collectFiles(['adapter'], { baseDir: dir, onFound: (n) => counts.push(n) });
    expect(found).toHaveLength(50);
    // Started once, while collecting, and the caller's own count still arrives.
    expect(started).toHaveLength(1);
    expect(counts.at(-1)).toBe(50);
    const subjects = await fs.hashFiles(found, { workers: 1 });
    // The job took the started worker.
    expect(started[0]!.take()).toBeUndefined();
    const sha256 = coreutils(
      'sha256sum',
      found.map((f) => f.path),
    );
    for (const [i, s] of subjects.entries()) expect(s.digest.sha256).toBe(sha256.get(found[i]!.path));
  });

  it('are not started for a directory or glob of few files, which the main thread hashes alone', async () => {
    await makeFiles('adapter-few', [1, 2, 3]);
    let starts = 0;
    const fs = createNodeFileSystem({
      startWorkers: () => {
        starts++;
        return new WarmWorkers(0);
      },
    });
    for (const pattern of ['adapter-few', 'adapter-few/*.bin']) {
      const found = await fs.collectFiles([pattern], { baseDir: dir });
      expect((await fs.hashFiles(found, {})).map((s) => s.size)).toEqual([1, 2, 3]);
    }
    expect(starts).toBe(0);
  });

  it('are stopped when collecting fails after they started', async () => {
    await makeFiles('adapter-then-fail', [1, 2, 3]);
    let warm: WarmWorkers | undefined;
    const fs = createNodeFileSystem({ warmAfterFiles: 0, startWorkers: () => (warm = new WarmWorkers(1)) });
    await expect(
      fs.collectFiles(['adapter-then-fail', 'nothing-here/*'], { baseDir: dir }),
    ).rejects.toMatchObject({ code: 'NO_FILES_FOUND' });
    // Started by the first pattern, and stopped: nothing is left to hand over.
    expect(warm).toBeDefined();
    expect(warm!.take()).toBeUndefined();
  });

  it('number one per extra core, none on a single core', () => {
    const one = startHashWorkers(1);
    expect(one.take()).toBeUndefined();
    const two = startHashWorkers(2);
    expect(two.take()).toBeDefined();
    expect(two.take()).toBeUndefined();
  });
});

describe('from a single-file bundle', () => {
  let bundle: string;
  beforeAll(async () => {
    const entry = path.join(dir, 'entry.ts');
    const source = path.resolve('src/adapters/fs/hash-files.ts');
    await writeFile(
      entry,
      `import { readFileSync } from 'node:fs';
import { runHashing } from ${JSON.stringify(source)};
const files = JSON.parse(readFileSync(process.argv[2], 'utf8'));
try {
  const subjects = await runHashing(files, {}, { workers: 2, mainThread: false });
  for (const [i, s] of subjects.entries()) process.stdout.write(s.digest.sha256 + '  ' + files[i].path + '\\n');
} catch (e) {
  process.stderr.write(e.code + ': ' + e.message);
  process.exitCode = 1;
}
`,
    );
    bundle = path.join(dir, 'bundle', 'cli.js');
    // The options of scripts/build.mjs that matter here: one minified ESM file that keeps names.
    await build({
      entryPoints: [entry],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node24',
      minify: true,
      keepNames: true,
      logLevel: 'silent',
    });
  });

  it('the worker runs from esbuild output, as in dist/', async () => {
    const files = await makeFiles(
      'bundled',
      Array.from({ length: 80 }, (_, i) => i * 1000),
    );
    const list = path.join(dir, 'bundled.json');
    await writeFile(list, JSON.stringify(files));
    const out = execFileSync(process.execPath, [bundle, list]).toString();
    const sha256 = coreutils(
      'sha256sum',
      files.map((f) => f.path),
    );
    expect(out).toBe(files.map((f) => `${sha256.get(f.path)}  ${f.path}\n`).join(''));
  });

  // Root reads any file whatever its mode, so the bundle runs without the permission-override capabilities.
  it('a worker denied a file names it (run without permission overrides)', async () => {
    const files = await makeFiles(
      'denied',
      Array.from({ length: 30 }, () => 100),
    );
    const denied = files[17]!;
    await chmod(denied.path, 0o000);
    const list = path.join(dir, 'denied.json');
    await writeFile(list, JSON.stringify(files));
    for (const p of [dir, path.join(dir, 'denied'), path.join(dir, 'bundle')]) await chmod(p, 0o755);
    for (const p of [list, bundle, ...files.filter((f) => f !== denied).map((f) => f.path)])
      await chmod(p, 0o644);
    const r = spawnSync(...withoutPermissionOverride(process.execPath, [bundle, list]));
    expect(r.status).toBe(1);
    expect(r.stderr.toString()).toBe(
      `FILE_UNREADABLE: cannot read ${JSON.stringify(denied.path)}: permission denied. ` +
        'Expected a readable file: fix its permissions (chmod a+r) or exclude it.',
    );
  });
});
