import { describe, expect, it } from '@jest/globals';
import { mkdir, realpath, symlink } from 'node:fs/promises';
import path from 'node:path';
import {
  insideBase,
  nameInBase,
  resolveBaseDir,
  type BaseDir,
} from '../../../src/adapters/fs/containment.js';
import { scratchDir } from './support.js';

const scratch = scratchDir('containment');

/** A base directory reached through a link: its path as given and its real location differ. */
const base: BaseDir = { path: '/ws/link', real: '/data/build' };

describe('inside the base directory', () => {
  // A path as named is compared with the base as given; where a path really leads, with either location.
  it.each([
    ['/ws/link', true, true],
    ['/ws/link/dist/app.tgz', true, true],
    ['/ws/link/./dist', true, true],
    ['/ws/linked', false, false],
    ['/ws', false, false],
    ['/ws/link/../other', false, false],
    ['/data/build', false, true],
    ['/data/build/dist/app.tgz', false, true],
    ['/data/builds/app.tgz', false, false],
    // A name that starts with two dots is an ordinary name inside the base, not a way out of it.
    ['/ws/link/..cache/x', true, true],
    ['/ws/link/...', true, true],
    ['/data/build/..cache', false, true],
    ['/data', false, false],
    ['/etc/passwd', false, false],
  ])('%s: as named %s, resolved %s', (target, asNamed, resolved) => {
    expect(insideBase(base, target, 'as-named')).toBe(asNamed);
    expect(insideBase(base, target, 'resolved')).toBe(resolved);
  });
});

describe('names below the base directory', () => {
  it('are POSIX paths relative to the base as given, empty for the base itself', () => {
    expect(nameInBase(base, '/ws/link/dist/a/app.tgz')).toBe('dist/a/app.tgz');
    expect(nameInBase(base, '/ws/link')).toBe('');
  });

  it('do not exist for paths outside it, even below its real location', () => {
    expect(nameInBase(base, '/ws/other/app.tgz')).toBeUndefined();
    expect(nameInBase(base, '/data/build/app.tgz')).toBeUndefined();
  });
});

describe('the base directory', () => {
  it('is resolved to an absolute path and to where it really is', async () => {
    const real = path.join(scratch(), 'real');
    await mkdir(real);
    await symlink(real, path.join(scratch(), 'via-link'));
    const resolved = await resolveBaseDir(path.relative(process.cwd(), path.join(scratch(), 'via-link')));
    expect(resolved).toEqual({ path: path.join(scratch(), 'via-link'), real: await realpath(real) });
  });

  it('must exist', async () => {
    await expect(resolveBaseDir(path.join(scratch(), 'missing'))).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      message: expect.stringMatching(/base directory: expected an existing directory, got .*missing.*ENOENT/),
    });
  });
});
