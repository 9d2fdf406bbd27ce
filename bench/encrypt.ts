/**
 * Encrypted artifacts: the chunked AES-256-GCM stream against OpenSSL's own AES-256-CTR over the same file (one
 * process, no authentication: what a bare cipher costs), and the peak memory of encrypting a large file against that
 * of only hashing it (both in a process of their own): streaming must keep it flat whatever the file's size.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { decryptFile, encryptFile } from '../src/adapters/encryption/encrypt-file.js';
import { repoRoot } from '../test-support/action-runner.js';
import { interleavedMedians, makeLargeFile, type Row } from './hash.js';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? '3'));
const mbps = (bytes: number, s: number) => `${(bytes / s / 1e6).toFixed(0)} MB/s`;

function openssl(args: string[]): void {
  const r = spawnSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl failed: ${r.stderr}`);
}

function peakRssKiB(mode: 'encrypt' | 'hash', file: string, out: string): number {
  const r = spawnSync(
    process.execPath,
    [
      path.join(repoRoot, 'scripts', 'run-ts.mjs'),
      path.join(repoRoot, 'bench', 'encrypt-child.ts'),
      mode,
      file,
      out,
    ],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`bench child failed: ${r.stderr}`);
  return Number(r.stdout.trim().split('\n').pop());
}

export async function benchEncrypt(dir: string, bytes: number): Promise<Row[]> {
  const file = await makeLargeFile(dir, bytes);
  const key = randomBytes(32);
  const sealed = path.join(dir, 'large.enc');
  await encryptFile(file, sealed, key);
  const [enc, dec, ctr] = await interleavedMedians(
    [
      () => encryptFile(file, path.join(dir, 'again.enc'), key),
      () => decryptFile(sealed, path.join(dir, 'plain.out'), key, () => {}),
      () =>
        openssl([
          'enc',
          '-aes-256-ctr',
          '-K',
          key.toString('hex'),
          '-iv',
          randomBytes(16).toString('hex'),
          '-in',
          file,
          '-out',
          path.join(dir, 'ctr.out'),
        ]),
    ],
    RUNS,
  );
  const rssEncrypt = peakRssKiB('encrypt', file, path.join(dir, 'rss.enc'));
  const rssHash = peakRssKiB('hash', file, '');
  const label = `${(bytes / 2 ** 30).toFixed(2)} GiB file`;
  return [
    {
      figure: `encrypt ${label} (AES-256-GCM chunks, both digests) vs openssl aes-256-ctr`,
      value: mbps(bytes, enc!),
      baseline: mbps(bytes, ctr!),
      ratio: (ctr! / enc!).toFixed(2),
    },
    {
      figure: `decrypt ${label} (every chunk authenticated) vs openssl aes-256-ctr`,
      value: mbps(bytes, dec!),
      baseline: mbps(bytes, ctr!),
      ratio: (ctr! / dec!).toFixed(2),
    },
    {
      figure: `peak RSS encrypting ${label} vs only hashing it`,
      value: `${(rssEncrypt / 1024).toFixed(0)} MiB`,
      baseline: `${(rssHash / 1024).toFixed(0)} MiB`,
      ratio: (rssHash / rssEncrypt).toFixed(2),
    },
  ];
}
