import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCliProcess } from '../../test-support/action-runner.js';

let ws: string;
beforeAll(async () => {
  ws = await mkdtemp(path.join(tmpdir(), 'provenant-cli-'));
  await chmod(ws, 0o755);
  for (const [name, body] of [
    ['dist/linux/tool', 'linux build'],
    ['dist/darwin/tool', 'darwin build'],
    ['dist/.sig/meta', 'meta'],
    ['dist/with space.txt', 'space'],
    ['dist/back\\slash', 'backslash'],
  ] as const) {
    await mkdir(path.dirname(path.join(ws, name)), { recursive: true });
    await writeFile(path.join(ws, name), body);
  }
});
afterAll(async () => {
  await rm(ws, { recursive: true, force: true });
});

describe('provenant hash (built CLI)', () => {
  it('prints lines that sha256sum -c accepts from the base directory', async () => {
    const r = await runCliProcess(['hash', 'dist', '--quiet'], { cwd: ws });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(5);
    await writeFile(path.join(ws, 'SUMS'), r.stdout);
    const check = execFileSync('sha256sum', ['-c', 'SUMS'], { cwd: ws }).toString();
    expect(check.match(/: OK$/gm)).toHaveLength(5);
  });

  it('starts without loading modules it never uses (an ESM import of node:fs loads fs/promises and readline)', async () => {
    const preload = path.join(ws, 'record-modules.cjs');
    const record = path.join(ws, 'modules.json');
    await writeFile(
      preload,
      `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify(process.moduleLoadList)));`,
    );
    const r = await runCliProcess(['hash', 'dist', '--quiet'], {
      cwd: ws,
      env: { NODE_OPTIONS: `--require ${preload}` },
    });
    expect(r.code).toBe(0);
    const loaded = JSON.parse(await readFile(record, 'utf8')) as string[];
    // The record is real: what hashing needs is in it.
    expect(loaded).toContain('NativeModule internal/crypto/hash');
    expect(loaded.filter((m) => /internal\/(fs\/promises|readline)/.test(m))).toEqual([]);
  });

  it('starts no hashing thread for a few files, and one for a big directory', async () => {
    const preload = path.join(ws, 'record-threads.cjs');
    const record = path.join(ws, 'threads.json');
    await writeFile(
      preload,
      `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify(process.moduleLoadList.includes('NativeModule worker_threads'))));`,
    );
    const big = path.join(ws, 'big');
    await mkdir(big);
    await Promise.all(Array.from({ length: 1100 }, (_, i) => writeFile(path.join(big, `f${i}`), String(i))));
    const threads = async (args: string[]) => {
      const r = await runCliProcess(['hash', ...args, '--quiet'], {
        cwd: ws,
        env: { NODE_OPTIONS: `--require ${preload}` },
      });
      expect(r.code).toBe(0);
      return JSON.parse(await readFile(record, 'utf8')) as boolean;
    };
    // A worker started for a small job costs more than it saves: its start-up competes with the command for the CPU.
    expect(await threads(['dist'])).toBe(false);
    expect(await threads(['dist/**/tool'])).toBe(false);
    expect(await threads(['big'])).toBe(true);
    await rm(big, { recursive: true });
  });

  it('matches globs with excludes (the glob matcher loads on demand)', async () => {
    const r = await runCliProcess(['hash', 'dist/**/tool', '!dist/darwin/**', '--quiet'], { cwd: ws });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^[0-9a-f]{64} {2}dist\/linux\/tool\n$/);
  });

  it('is stable-ordered and gives the same names from another working directory with --base-dir', async () => {
    const a = await runCliProcess(['hash', 'dist', '--quiet'], { cwd: ws });
    // Patterns start at the working directory; --base-dir decides only the names.
    const b = await runCliProcess(['hash', '--base-dir', ws, path.join(ws, 'dist'), '--quiet'], {
      cwd: tmpdir(),
    });
    expect(b.stdout).toBe(a.stdout);
  });

  it('finds patterns from the working directory and names the files relative to --base-dir', async () => {
    const r = await runCliProcess(['hash', 'dist/*/tool', '--base-dir', 'dist', '--quiet'], { cwd: ws });
    expect(r.stderr).toBe('');
    expect(r.stdout.replace(/^[0-9a-f]{64} {2}/gm, '')).toBe('darwin/tool\nlinux/tool\n');
    const outside = await runCliProcess(['hash', 'dist/linux/tool', '--base-dir', 'dist/darwin'], {
      cwd: ws,
    });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('[PATH_OUTSIDE_BASE]');
  });

  it('reads checksum files and explicit digests, and refuses a conflict between them', async () => {
    const sums = (await runCliProcess(['hash', 'dist/linux', '--quiet'], { cwd: ws })).stdout;
    await writeFile(path.join(ws, 'LINUX.SUMS'), sums);
    const merged = await runCliProcess(
      ['hash', 'dist/linux', '--checksums', 'LINUX.SUMS', '--json', '--quiet'],
      { cwd: ws },
    );
    expect(JSON.parse(merged.stdout)).toHaveLength(1);
    const conflict = await runCliProcess(
      ['hash', 'dist/linux', '--digest', `dist/linux/tool=sha256:${'0'.repeat(64)}`],
      { cwd: ws },
    );
    expect(conflict.code).toBe(2);
    expect(conflict.stderr).toContain('[SUBJECT_CONFLICT]');
  });

  it('reports a malformed checksum line with file and line number, exit 2', async () => {
    await writeFile(path.join(ws, 'BAD.SUMS'), `${'a'.repeat(64)}  ok\ngarbage\n`);
    const r = await runCliProcess(['hash', '--checksums', 'BAD.SUMS'], { cwd: ws });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\[CHECKSUM_LINE_INVALID\].*BAD\.SUMS:2/);
  });

  it('exits 1 with NO_FILES_FOUND when a pattern matches nothing, and 0 when told to ignore', async () => {
    const r = await runCliProcess(['hash', 'dist/*.exe'], { cwd: ws });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[NO_FILES_FOUND]');
    const ok = await runCliProcess(
      ['hash', 'dist/*.exe', 'dist/linux', '--if-no-files-found', 'ignore', '--quiet'],
      { cwd: ws },
    );
    expect(ok.code).toBe(0);
  });

  it('refuses a wrong digest length and an unknown algorithm with exit 2', async () => {
    const short = await runCliProcess(['hash', '--digest', 'x=sha256:abc'], { cwd: ws });
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('[DIGEST_INVALID]');
    const md5 = await runCliProcess(['hash', '--digest', `x=md5:${'0'.repeat(32)}`], { cwd: ws });
    expect(md5.stderr).toContain('[DIGEST_ALGORITHM_UNKNOWN]');
  });

  it('refuses unknown flags with a usage error', async () => {
    const r = await runCliProcess(['hash', '--frobnicate'], { cwd: ws });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('provenant hash --help');
  });

  it('names an unreadable file and the fix', async () => {
    const secret = path.join(ws, 'locked', 'file');
    await mkdir(path.dirname(secret), { recursive: true });
    await writeFile(secret, 'x');
    await chmod(secret, 0o000);
    // Root reads anything, so the CLI runs without the permission-override capabilities.
    const r = await runCliProcess(['hash', 'locked'], { cwd: ws, respectPermissions: true });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\[FILE_UNREADABLE\].*locked\/file.*permission denied.*chmod/);
    await chmod(secret, 0o644);
  });

  it('names an unreadable directory deep in the tree, not just the one asked for', async () => {
    const sealed = path.join(ws, 'tree', 'a', 'sealed');
    await mkdir(sealed, { recursive: true });
    await writeFile(path.join(ws, 'tree', 'a', 'ok.bin'), 'ok');
    await writeFile(path.join(sealed, 'inside.bin'), 'x');
    await chmod(sealed, 0o000);
    try {
      const r = await runCliProcess(['hash', 'tree'], { cwd: ws, respectPermissions: true });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`[FILE_UNREADABLE]: cannot list "${sealed}": EACCES.`);
      expect(r.stderr).toContain('chmod a+rx');
    } finally {
      await chmod(sealed, 0o755);
    }
  });

  it('prints every line of a long output through a pipe before it exits', async () => {
    const many = path.join(ws, 'many');
    await mkdir(many, { recursive: true });
    await Promise.all(Array.from({ length: 3000 }, (_, i) => writeFile(path.join(many, `f${i}`), String(i))));
    const r = await runCliProcess(['hash', 'many', '--quiet'], { cwd: ws });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(3000);
    await writeFile(path.join(ws, 'MANYSUMS'), r.stdout);
    expect(execFileSync('sha256sum', ['--quiet', '-c', 'MANYSUMS'], { cwd: ws }).toString()).toBe('');
    await rm(many, { recursive: true });
  });

  it('prints subjects from a sha512sum file in sha512 by default, and says why when no one algorithm fits', async () => {
    const sha512 = execFileSync('sha512sum', ['dist/linux/tool'], { cwd: ws }).toString();
    await writeFile(path.join(ws, 'S512'), sha512);
    const only = await runCliProcess(['hash', '--checksums', 'S512', '--quiet'], { cwd: ws });
    expect(only.code).toBe(0);
    expect(only.stdout).toBe(sha512);
    const mixed = await runCliProcess(['hash', 'dist/darwin', '--checksums', 'S512', '--quiet'], { cwd: ws });
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(
      /the default algorithm sha256: expected every subject to have a sha256 digest, got 1 without one \("dist\/linux\/tool", which has sha512 only\)/,
    );
    const asked = await runCliProcess(['hash', '--checksums', 'S512', '--algorithm', 'sha256', '--quiet'], {
      cwd: ws,
    });
    expect(asked.code).toBe(2);
    expect(asked.stderr).toContain('--algorithm sha256: expected every subject to have a sha256 digest');
    expect(asked.stdout).toBe('');
  });

  it('names its own flags in messages, not the action inputs', async () => {
    const outside = await runCliProcess(['hash', '/etc/hostname', '--quiet'], { cwd: ws });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('--allow-outside-base');
    expect(outside.stderr).toContain('change --base-dir');
    expect(outside.stderr).not.toMatch(/allow-outside-base: true|change base-dir/);
    const none = await runCliProcess(['hash', 'nothing-here/*', '--quiet'], { cwd: ws });
    expect(none.stderr).toContain('--if-no-files-found warn (or ignore)');
    expect(none.stderr).not.toMatch(/not to base-dir|if-no-files-found to/);
  });

  it('takes --format json like every command, and --json as its alias', async () => {
    const format = await runCliProcess(['hash', 'dist/linux/tool', '--format', 'json', '--quiet'], {
      cwd: ws,
    });
    const alias = await runCliProcess(['hash', 'dist/linux/tool', '--json', '--quiet'], { cwd: ws });
    expect(format.code).toBe(0);
    expect(JSON.parse(format.stdout)[0].name).toBe('dist/linux/tool');
    expect(format.stdout).toBe(alias.stdout);
    const bad = await runCliProcess(['hash', 'dist/linux/tool', '--format', 'yaml'], { cwd: ws });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format: expected text or json, got "yaml"');
  });
});
