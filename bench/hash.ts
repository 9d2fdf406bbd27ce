import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from '../test-support/action-runner.js';

export interface Row {
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
}

const cli = path.join(repoRoot, 'dist', 'cli.js');

/** Median wall time of `runs` calls, after one warm-up that also fills the page cache. */
export async function medianSeconds(fn: () => unknown, runs = 3): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e9);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
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

function provenantHash(cwd: string, target: string): void {
  const r = spawnSync(process.execPath, [cli, 'hash', '--quiet', target], {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (r.status !== 0) throw new Error(`provenant hash failed: ${r.stderr.toString()}`);
}

const mbps = (bytes: number, s: number) => `${(bytes / s / 1e6).toFixed(0)} MB/s`;

export async function benchLargeFile(dir: string, bytes: number): Promise<Row[]> {
  const file = await makeLargeFile(dir, bytes);
  const ours = await medianSeconds(() => provenantHash(dir, path.basename(file)));
  const coreutils = await medianSeconds(() => execFileSync('sha256sum', [file]));
  // The in-process ceiling: OpenSSL's SHA-256 over bytes already in memory, no I/O at all.
  const buffer = await readFile(file);
  const ceiling = await medianSeconds(() => createHash('sha256').update(buffer).digest('hex'));
  const label = `${(bytes / 2 ** 30).toFixed(2)} GiB file`;
  return [
    {
      figure: `hash ${label} vs in-memory ceiling`,
      value: mbps(bytes, ours),
      baseline: mbps(bytes, ceiling),
      ratio: (ceiling / ours).toFixed(2),
    },
    {
      figure: `hash ${label} vs sha256sum`,
      value: mbps(bytes, ours),
      baseline: mbps(bytes, coreutils),
      ratio: (coreutils / ours).toFixed(2),
    },
  ];
}

export async function benchSmallFiles(dir: string, count: number): Promise<Row[]> {
  const set = await makeSmallFiles(dir, count);
  const ours = await medianSeconds(() => provenantHash(set.dir, '.'));
  const coreutils = await medianSeconds(() =>
    spawnSync('sh', ['-c', 'find . -type f -print0 | xargs -0 sha256sum > /dev/null'], { cwd: set.dir }),
  );
  // The incumbent's approach: one file at a time through a default read stream.
  const sequential = await medianSeconds(async () => {
    for (const f of set.files) {
      const h = createHash('sha256');
      for await (const chunk of createReadStream(f)) h.update(chunk as Buffer);
      h.digest('hex');
    }
  });
  const label = `${count} files of 4–64 KiB`;
  return [
    {
      figure: `hash ${label} vs sequential stream loop`,
      value: mbps(set.bytes, ours),
      baseline: mbps(set.bytes, sequential),
      ratio: (sequential / ours).toFixed(2),
    },
    {
      figure: `hash ${label} vs sha256sum`,
      value: mbps(set.bytes, ours),
      baseline: mbps(set.bytes, coreutils),
      ratio: (coreutils / ours).toFixed(2),
    },
  ];
}
