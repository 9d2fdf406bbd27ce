/**
 * Every regular expression a user writes (identity and issuer patterns, signer flags, layout rules) is matched by
 * the linear-time RE2 engine behind src/core/policy/safe-regex.ts. JavaScript's own engine backtracks, so no source
 * file may build a RegExp at run time, where a user's text could reach it.
 */
import { describe, expect, it } from '@jest/globals';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from '../../test-support/action-runner.js';

async function sources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sources(full)));
    else if (entry.name.endsWith('.ts')) out.push(full);
  }
  return out;
}

/** Files that build a RegExp from their own constants only, never from anything a user wrote, and why. */
const FROM_CONSTANTS: Record<string, string> = {
  'src/core/oci/reference.ts':
    "the distribution-spec's repository grammar, composed of its path-component constant",
};

describe('regular expressions from users', () => {
  it('are never compiled by the backtracking RegExp engine in src/', async () => {
    const offenders: string[] = [];
    for (const file of await sources(path.join(repoRoot, 'src'))) {
      const text = await readFile(file, 'utf8');
      text.split('\n').forEach((line, i) => {
        const rel = path.relative(repoRoot, file);
        if (/\bRegExp\s*\(/.test(line) && !(rel in FROM_CONSTANTS))
          offenders.push(`${rel}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});
