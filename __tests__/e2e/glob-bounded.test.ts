/**
 * A glob that makes a backtracking regular expression run for minutes (picomatch compiles `*a*a…*b` to one) is
 * decided at once through the built CLI: matched by the linear glob matcher, with the same answers as picomatch.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCliProcess } from '../../test-support/action-runner.js';

let ws: string;
const GLOB = `dist/${'*a'.repeat(10)}*b`;

beforeAll(async () => {
  ws = await mkdtemp(path.join(tmpdir(), 'provenant-glob-'));
  await mkdir(path.join(ws, 'dist'));
  await writeFile(path.join(ws, 'dist', 'a'.repeat(60)), 'no b at the end');
  await writeFile(path.join(ws, 'dist', `${'a'.repeat(59)}b`), 'ends in b');
});
afterAll(async () => {
  await rm(ws, { recursive: true, force: true });
});

describe('a glob with many stars', () => {
  // With picomatch's regular expression this takes minutes (7 stars against 60 characters: 18 s here).
  it('is matched against long names at once, choosing the same files as picomatch would', async () => {
    const r = await runCliProcess(['hash', GLOB, '--quiet'], { cwd: ws });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`  dist/a{59}b$`))]);
  }, 30_000);
});
