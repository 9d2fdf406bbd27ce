import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../test-support/action-runner.js';

/** Markdown that points at the project's own files: a moved test or source must not leave a dead reference. */
function docs(): string[] {
  const files = ['README.md', 'RELEASE.md', 'SECURITY.md'];
  const dir = path.join(repoRoot, 'docs');
  if (existsSync(dir)) for (const f of readdirSync(dir)) if (f.endsWith('.md')) files.push(`docs/${f}`);
  return files.filter((f) => existsSync(path.join(repoRoot, f)));
}

describe('paths named in the docs exist', () => {
  it('every src/, __tests__/, test-support/, scripts/ and bench/ path', () => {
    const missing: string[] = [];
    let seen = 0;
    for (const doc of docs()) {
      const text = readFileSync(path.join(repoRoot, doc), 'utf8');
      for (const m of text.matchAll(
        /\b((?:src|__tests__|test-support|scripts|bench)\/[A-Za-z0-9_./-]+\.(?:ts|mjs|js|json))\b/g,
      )) {
        seen++;
        if (!existsSync(path.join(repoRoot, m[1]!))) missing.push(`${doc}: ${m[1]}`);
      }
    }
    expect(seen).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });
});
