import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { collectFiles, SIZES_UP_TO } from '../../../src/adapters/fs/collect-files.js';

let root: string;
let base: string;

async function file(rel: string, content = rel): Promise<void> {
  await mkdir(path.dirname(path.join(base, rel)), { recursive: true });
  await writeFile(path.join(base, rel), content);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'provenant-collect-'));
  base = path.join(root, 'ws');
  await file('dist/a/app.tar.gz');
  await file('dist/b/app.tar.gz');
  await file('dist/.hidden/secret.txt');
  await file('dist/notes.md');
  await file('dist/deep/er/x.bin');
  await mkdir(path.join(root, 'outside'), { recursive: true });
  await writeFile(path.join(root, 'outside', 'evil'), 'evil');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const names = async (patterns: string[], extra: Partial<Parameters<typeof collectFiles>[1]> = {}) =>
  (await collectFiles(patterns, { cwd: base, baseDir: base, ...extra })).map((f) => f.name);

describe('collecting files', () => {
  it('recurses directories, includes dotfiles, names paths relative to the base and sorts them', async () => {
    expect(await names(['dist'])).toEqual([
      'dist/.hidden/secret.txt',
      'dist/a/app.tar.gz',
      'dist/b/app.tar.gz',
      'dist/deep/er/x.bin',
      'dist/notes.md',
    ]);
  });

  it('expands ** globs and applies ! excludes to every pattern', async () => {
    expect(await names(['dist/**/*.gz', 'dist/**/*.md', '!**/b/**'])).toEqual([
      'dist/a/app.tar.gz',
      'dist/notes.md',
    ]);
  });

  it('takes plain paths, and never merges a/x with b/x', async () => {
    const found = await collectFiles(['dist/a/app.tar.gz', './dist/b/app.tar.gz'], {
      cwd: base,
      baseDir: base,
    });
    expect(found.map((f) => [f.name, f.size])).toEqual([
      ['dist/a/app.tar.gz', 'dist/a/app.tar.gz'.length],
      ['dist/b/app.tar.gz', 'dist/b/app.tar.gz'.length],
    ]);
  });

  it('takes plain paths whose names hold glob characters as they are', async () => {
    for (const name of ['app (1).tar.gz', 'c++@2.zip', 'x[1].bin', 'a{b}.txt', 'q?.txt'])
      await file(`odd/${name}`);
    const names = ['app (1).tar.gz', 'c++@2.zip', 'x[1].bin', 'a{b}.txt', 'q?.txt'].map((n) => `odd/${n}`);
    const found = await collectFiles(names, { cwd: base, baseDir: base });
    expect(found.map((f) => f.name)).toEqual([...names].sort());
    expect((await collectFiles(['odd/*.zip'], { cwd: base, baseDir: base })).map((f) => f.name)).toEqual([
      'odd/c++@2.zip',
    ]);
    await rm(path.join(base, 'odd'), { recursive: true });
  });

  it('fails on a pattern that matches nothing, naming the pattern (default if-no-files-found: error)', async () => {
    await expect(names(['dist/*.exe'])).rejects.toMatchObject({
      code: 'NO_FILES_FOUND',
      message: expect.stringContaining('"dist/*.exe"'),
    });
  });

  it('warns or stays silent when asked to', async () => {
    const warnings: string[] = [];
    expect(
      await names(['dist/*.exe', 'dist/notes.md'], { ifNoFilesFound: 'warn', warn: (m) => warnings.push(m) }),
    ).toEqual(['dist/notes.md']);
    expect(warnings).toHaveLength(1);
    expect(await names(['nothing/**'], { ifNoFilesFound: 'ignore' })).toEqual([]);
  });

  it.each([['../outside/evil'], ['../outside/*'], [path.join('..', 'outside')]])(
    'refuses %s, which leaves the base directory',
    async (pattern) => {
      await expect(names([pattern])).rejects.toMatchObject({
        code: 'PATH_OUTSIDE_BASE',
        message: expect.stringContaining('allow-outside-base'),
      });
    },
  );

  it('refuses an absolute path outside the base directory', async () => {
    await expect(names([path.join(root, 'outside', 'evil')])).rejects.toMatchObject({
      code: 'PATH_OUTSIDE_BASE',
    });
  });

  it('accepts outside paths when explicitly allowed, naming them relative to the pattern', async () => {
    expect(await names(['../outside/*'], { allowOutsideBase: true })).toEqual(['evil']);
  });

  describe('symbolic links', () => {
    beforeAll(async () => {
      await mkdir(path.join(base, 'links'), { recursive: true });
      await symlink(path.join(root, 'outside', 'evil'), path.join(base, 'links', 'escape'));
      await symlink(path.join(base, 'dist', 'notes.md'), path.join(base, 'links', 'inside'));
      await symlink(path.join(base, 'missing'), path.join(base, 'links', 'dangling'));
    });

    it('refuses a link that points outside the base directory', async () => {
      await expect(names(['links/escape'])).rejects.toMatchObject({
        code: 'PATH_OUTSIDE_BASE',
        message: expect.stringContaining('resolves to'),
      });
    });

    it('follows a link that stays inside, under the link name', async () => {
      expect(await names(['links/inside'])).toEqual(['links/inside']);
    });

    it('accepts the escaping link when allowed', async () => {
      expect(await names(['links/escape'], { allowOutsideBase: true })).toEqual(['links/escape']);
    });
  });

  describe('special files', () => {
    it('refuses a FIFO found by a glob', async () => {
      const dir = path.join(base, 'fifo');
      await mkdir(dir, { recursive: true });
      execFileSync('mkfifo', [path.join(dir, 'pipe')]);
      await expect(names(['fifo/*'])).rejects.toMatchObject({
        code: 'NOT_REGULAR_FILE',
        message: expect.stringContaining('named pipe'),
      });
      await rm(dir, { recursive: true });
    });

    it('refuses a socket', async () => {
      const dir = path.join(base, 'sock');
      await mkdir(dir, { recursive: true });
      const server = net.createServer();
      await new Promise<void>((resolve) => server.listen(path.join(dir, 's.sock'), resolve));
      try {
        await expect(names(['sock'])).rejects.toMatchObject({
          code: 'NOT_REGULAR_FILE',
          message: expect.stringContaining('socket'),
        });
      } finally {
        await new Promise((resolve) => server.close(resolve));
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('refuses a device given by path', async () => {
      await expect(names(['/dev/null'], { allowOutsideBase: true })).rejects.toMatchObject({
        code: 'NOT_REGULAR_FILE',
        message: expect.stringContaining('character device'),
      });
    });
  });
});

describe('sizes', () => {
  const many = async (dir: string, count: number) => {
    await mkdir(path.join(base, dir), { recursive: true });
    await Promise.all(
      Array.from({ length: count }, (_, i) => writeFile(path.join(base, dir, `f${i}`), 'x'.repeat(i % 7))),
    );
  };

  it('are looked up for a pattern matching few files', async () => {
    await many('few', SIZES_UP_TO);
    const found = await collectFiles(['few'], { cwd: base, baseDir: base });
    expect(found).toHaveLength(SIZES_UP_TO);
    for (const f of found) expect(f.size).toBe(Number(/f(\d+)$/.exec(f.name)![1]) % 7);
    await rm(path.join(base, 'few'), { recursive: true });
  });

  it('are left to hashing for a walk that finds many plain files, which are still checked one by one', async () => {
    await many('lots', SIZES_UP_TO + 1);
    const found = await collectFiles(['lots'], { cwd: base, baseDir: base });
    expect(found).toHaveLength(SIZES_UP_TO + 1);
    expect(found.every((f) => f.size === undefined)).toBe(true);
    // What the walk does not know to be a plain file is still looked at, however many files there are.
    execFileSync('mkfifo', [path.join(base, 'lots', 'pipe')]);
    await symlink(path.join(root, 'outside', 'evil'), path.join(base, 'lots', 'escape'));
    await expect(collectFiles(['lots', '!lots/escape'], { cwd: base, baseDir: base })).rejects.toMatchObject({
      code: 'NOT_REGULAR_FILE',
    });
    await expect(collectFiles(['lots', '!lots/pipe'], { cwd: base, baseDir: base })).rejects.toMatchObject({
      code: 'PATH_OUTSIDE_BASE',
    });
    await rm(path.join(base, 'lots'), { recursive: true });
  });
});

describe('the count of files found so far', () => {
  it('grows as a walk lists each directory, then with every pattern, and ends at the number found', async () => {
    const tree = path.join(base, 'counted');
    for (let d = 0; d < 5; d++) {
      await mkdir(path.join(tree, `d${d}`), { recursive: true });
      for (let f = 0; f <= d; f++) await writeFile(path.join(tree, `d${d}`, `f${f}`), 'x');
    }
    const counts: number[] = [];
    const found = await collectFiles(['counted', 'dist/notes.md'], {
      cwd: base,
      baseDir: base,
      onFound: (n) => counts.push(n),
    });
    expect(found).toHaveLength(16);
    // One report per directory listed (five, in whatever order they come), one when the pattern is done, and one
    // for the plain path.
    expect(counts).toHaveLength(7);
    expect(counts.slice(0, 5).every((n, i) => i === 0 || n > counts[i - 1]!)).toBe(true);
    expect(counts.slice(4)).toEqual([15, 15, 16]);
    await rm(tree, { recursive: true });
  });
});

describe('the base directory itself', () => {
  it('takes "." as every file below the working directory, named relative to the base', async () => {
    const all = await collectFiles(['.', '!links/**', '!fifo/**', '!sock/**'], {
      cwd: path.join(base, 'dist'),
      baseDir: path.join(base, 'dist'),
    });
    expect(all.map((f) => f.name)).toContain('a/app.tar.gz');
  });
});

describe('patterns start at the working directory, names at the base directory', () => {
  const dist = () => path.join(base, 'dist');
  const inDist = (patterns: string[], extra: Partial<Parameters<typeof collectFiles>[1]> = {}) =>
    names(patterns, { baseDir: dist(), ...extra });

  it('finds dist/* with base-dir dist, named without the dist/ prefix', async () => {
    expect(await inDist(['dist/*'])).toEqual(['notes.md']);
    expect(await inDist(['dist'])).toEqual([
      '.hidden/secret.txt',
      'a/app.tar.gz',
      'b/app.tar.gz',
      'deep/er/x.bin',
      'notes.md',
    ]);
    expect(await inDist(['dist/**/*.gz', './dist/notes.md'])).toEqual([
      'a/app.tar.gz',
      'b/app.tar.gz',
      'notes.md',
    ]);
  });

  it('matches excludes against paths from the working directory too', async () => {
    expect(await inDist(['dist/**/*.gz', '!dist/b/**'])).toEqual(['a/app.tar.gz']);
    expect(await inDist(['dist/**/*.gz', '!**/b/*'])).toEqual(['a/app.tar.gz']);
  });

  it('never looks for a pattern below the base directory: dist/* there is dist/dist/*', async () => {
    await expect(inDist(['*.gz'], {})).rejects.toMatchObject({ code: 'NO_FILES_FOUND' });
    await expect(inDist(['a/app.tar.gz'])).rejects.toMatchObject({
      code: 'PATH_OUTSIDE_BASE',
    });
  });

  it('refuses a file a pattern finds outside the base directory, naming it, unless allowed', async () => {
    await writeFile(path.join(base, 'stray.gz'), 'stray');
    try {
      await expect(inDist(['**/*.gz'])).rejects.toMatchObject({
        code: 'PATH_OUTSIDE_BASE',
        message: expect.stringContaining(`${path.join(base, 'stray.gz')}" (matched by "**/*.gz") is outside`),
      });
      expect(await inDist(['**/*.gz', '!stray.gz'])).toEqual(['a/app.tar.gz', 'b/app.tar.gz']);
      expect(await inDist(['**/*.gz'], { allowOutsideBase: true })).toEqual([
        'a/app.tar.gz',
        'b/app.tar.gz',
        'stray.gz',
      ]);
    } finally {
      await rm(path.join(base, 'stray.gz'));
    }
  });

  it('says where a pattern that matched nothing was looked for', async () => {
    await expect(inDist(['dist/*.exe'])).rejects.toMatchObject({
      code: 'NO_FILES_FOUND',
      message: expect.stringContaining(`in "${base}"`),
    });
  });
});
