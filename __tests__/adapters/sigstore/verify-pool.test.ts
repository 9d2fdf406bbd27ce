/**
 * The verification threads (verify-pool.ts with the built dist/verify-worker.js): a real bundle checked on a thread
 * gives what the in-process check gives, a failure keeps its code, and a thread that dies decides nothing.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBundle } from '../../../src/adapters/sigstore/bundle-loader.js';
import { parseTrustedRoot, trustMaterial } from '../../../src/adapters/sigstore/trust.js';
import { verifyBundleCrypto } from '../../../src/adapters/sigstore/verifier.js';
import { ThreadLost, VerifyPool } from '../../../src/adapters/sigstore/verify-pool.js';
import { repoRoot } from '../../../test-support/action-runner.js';

const fixtures = join(repoRoot, '__tests__', 'fixtures');
const pools: VerifyPool[] = [];
afterAll(() => pools.forEach((p) => p.stop()));

async function material() {
  const root = parseTrustedRoot(
    await readFile(join(fixtures, 'trust', 'public-good-trusted-root.json'), 'utf8'),
    'pg',
  );
  const wheel = await readFile(join(fixtures, 'real-bundles', 'rfc8785-0.1.2.whl'));
  const bundle = parseBundle(
    await readFile(join(fixtures, 'real-bundles', 'rfc8785-0.1.2.whl.sigstore.json'), 'utf8'),
    'b',
  );
  return { root, bundle, artifact: { sha256: createHash('sha256').update(wheel).digest('hex') } };
}

describe('verification threads', () => {
  it('check a real bundle as the main thread does, and keep a failure’s code', async () => {
    const { root, bundle, artifact } = await material();
    const pool = new VerifyPool(join(repoRoot, 'dist', 'verify-worker.js'), root, 1);
    pools.push(pool);
    const here = verifyBundleCrypto(bundle, { source: 'b', trust: trustMaterial(root), artifact });
    const there = await pool.verify(bundle, 'b', artifact);
    expect(there).toEqual(
      JSON.parse(JSON.stringify(here), (k, v) =>
        k === 'timestamps' ? v.map((t: string) => new Date(t)) : v,
      ),
    );
    await expect(pool.verify(bundle, 'b', { sha256: 'a'.repeat(64) })).rejects.toMatchObject({
      code: 'SUBJECT_MISMATCH',
    });
  });

  it('a thread that dies decides nothing: its bundles are refused as lost, to be checked elsewhere', async () => {
    const { root, bundle, artifact } = await material();
    const dir = await mkdtemp(join(tmpdir(), 'provenant-pool-'));
    try {
      const script = join(dir, 'dies.mjs');
      await writeFile(script, 'process.exit(3);\n');
      const pool = new VerifyPool(script, root, 1);
      pools.push(pool);
      await expect(pool.verify(bundle, 'b', artifact)).rejects.toBeInstanceOf(ThreadLost);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
