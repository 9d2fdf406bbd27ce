import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SIZES_UP_TO } from '../../src/adapters/fs/collect-files.js';
import { command } from '../../src/cli/hash.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'provenant-hash-progress-'));
  await mkdir(path.join(dir, 'few'));
  await mkdir(path.join(dir, 'many'));
  await writeFile(path.join(dir, 'few', 'a.bin'), 'a'.repeat(300));
  await writeFile(path.join(dir, 'few', 'b.bin'), 'b'.repeat(700));
  await Promise.all(
    Array.from({ length: SIZES_UP_TO + 10 }, (_, i) => writeFile(path.join(dir, 'many', `m${i}`), 'm')),
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function hash(isTTY: boolean, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  // Patterns start at the process's working directory, which `io.cwd` does not change for the file adapter: the
  // directories are named whole, and named relative to `dir` by --base-dir.
  const whole = args.map((a) => (a.startsWith('-') ? a : path.join(dir, a)));
  const code = await command.run([...whole, '--base-dir', dir], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: {},
    cwd: dir,
    isTTY,
  });
  return { code, stdout, stderr };
}

/** The last state the bar was drawn in. */
const lastBar = (stderr: string) =>
  stderr
    .split('\r')
    .filter((s) => s.startsWith('['))
    .at(-1)
    ?.trimEnd();

describe('the progress bar of `provenant hash` on a terminal', () => {
  it('ends full, with the files and bytes hashed', async () => {
    const run = await hash(true, 'few');
    expect(run.code).toBe(0);
    expect(lastBar(run.stderr)).toBe(`[${'#'.repeat(30)}] 100% 2/2 files 1000 B`);
  });

  it('ends full too when sizes come only from hashing', async () => {
    const n = SIZES_UP_TO + 10;
    const run = await hash(true, 'many');
    expect(run.code).toBe(0);
    expect(lastBar(run.stderr)).toBe(`[${'#'.repeat(30)}] 100% ${n}/${n} files 1.0 KiB`);
  });

  it('is not drawn off a terminal, or when asked to be quiet', async () => {
    expect((await hash(false, 'few')).stderr).not.toContain('\r[');
    expect((await hash(true, '--quiet', 'few')).stderr).toBe('');
  });
});
