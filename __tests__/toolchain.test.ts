import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROVENANT_VERSION } from '../src/version.js';
import { repoRoot } from '../test-support/action-runner.js';

describe('toolchain', () => {
  it('runs on Node 24, the Actions runtime the action declares', async () => {
    expect(process.versions.node.split('.')[0]).toBe('24');
    const action = await readFile(path.join(repoRoot, 'action.yml'), 'utf8');
    expect(action).toMatch(/using:\s*['"]?node24/);
  });

  it('keeps the version constant equal to package.json', async () => {
    const pkg = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8'));
    expect(PROVENANT_VERSION).toBe(pkg.version);
  });

  it('has a committed dist/ identical to a fresh build', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'provenant-dist-'));
    try {
      execFileSync(
        process.execPath,
        [path.join(repoRoot, 'scripts/build.mjs'), '--outdir', path.join(out, 'dist')],
        {
          cwd: repoRoot,
        },
      );
      const list = async (dir: string) =>
        (await readdir(dir, { recursive: true, withFileTypes: true }))
          .filter((e) => e.isFile())
          .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
          .sort();
      const fresh = await list(path.join(out, 'dist'));
      const committed = await list(path.join(repoRoot, 'dist'));
      expect(committed).toEqual(fresh);
      expect(fresh).toEqual(expect.arrayContaining(['index.js', 'cli.js', 'verify.js']));
      for (const f of fresh) {
        const same = (await readFile(path.join(out, 'dist', f))).equals(
          await readFile(path.join(repoRoot, 'dist', f)),
        );
        if (!same) throw new Error(`dist/${f} is stale: run \`npm run build\` and commit dist/.`);
      }
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
