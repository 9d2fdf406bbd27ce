import { describe, expect, it } from '@jest/globals';
import { mkdir, realpath, symlink } from 'node:fs/promises';
import path from 'node:path';
import { insideBase, nameInBase, resolveBaseDir, type BaseDir } from '../../../src/adapters/fs/containment.js';
import { scratchDir } from './support.js';

const scratch = scratchDir('containment');

/** A base directory reached through a link: its path as given and its real location differ. */
const base: BaseDir = { path: '/ws/link', real: '/data/build' };

describe('inside the base directory', () => {
  it.each([
    ['/ws/link', true],
    ['/ws/link/dist/app.tgz', true],
    ['/ws/link/./dist', true],
    ['/ws/linked', false],
    ['/ws', false],
    ['/ws/link/../other', false],
    ['/data/build/app.tgz', false],
  ])('a path as named, %s: %s', (target, inside) => {
    expect(insideBase(base, target, 'as-named')).toBe(inside);
  });

  it.each([
    ['/ws/link/dist/app.tgz', true],
    ['/data/build', true],
    ['/data/build/dist/app.tgz', true],
    ['/data/builds/app.tgz', false],
    ['/data', false],
    ['/etc/passwd', false],
  ])('where a path really leads, %s: %s', (target, inside) => {
    expect(insideBase(base, target, 'resolved')).toBe(inside);
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
