/**
 * `npm run bench`: every figure is printed next to a baseline measured in the same run, with their ratio
 * (ratio > 1 means Provenant is faster). Absolute times on shared machines mean little; ratios do.
 * BENCH_SCALE=0.1 runs a quick, smaller version.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { benchLargeFile, benchPeakRss, benchSmallFiles, type Row } from './hash.js';
import { benchEncrypt } from './encrypt.js';
import { benchReleaseScale } from './release-scale.js';
import { benchShards } from './shards.js';
import { benchSign } from './sign.js';
import { benchColdStart } from './startup.js';
import { stopLauncher } from './launcher.js';
import { benchVerify } from './verify.js';
import { benchLayout } from './layout.js';

const scale = Number(process.env.BENCH_SCALE ?? '1');
/** BENCH_ONLY=large,small,rss,start,sign,verify,layout,scale,shards,encrypt runs only those sections (all by default). */
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const wanted = (section: string) => only === undefined || only.includes(section);
const dir = await mkdtemp(path.join(tmpdir(), 'provenant-bench-'));
const rows: Row[] = [];
try {
  if (wanted('large')) {
    process.stderr.write('bench: one large file…\n');
    rows.push(...(await benchLargeFile(dir, Math.round(2 ** 30 * scale))));
  }
  if (wanted('small')) {
    process.stderr.write('bench: many small files…\n');
    rows.push(...(await benchSmallFiles(dir, Math.max(100, Math.round(10000 * scale)))));
  }
  if (wanted('rss')) {
    process.stderr.write('bench: peak RSS on a huge file…\n');
    rows.push(...(await benchPeakRss(dir, Math.round(4 * 2 ** 30 * scale))));
  }
  if (wanted('start')) {
    process.stderr.write('bench: action cold start…\n');
    rows.push(...(await benchColdStart(dir)));
  }
  if (wanted('sign')) {
    process.stderr.write('bench: sign latency…\n');
    rows.push(
      ...(await benchSign({ iterations: Math.max(10, Math.round(40 * scale)), witnesses: 'both' })).rows,
    );
  }
  if (wanted('verify')) {
    process.stderr.write('bench: verify throughput…\n');
    rows.push(...(await benchVerify({ bundles: Math.max(20, Math.round(200 * scale)) })).rows);
  }
  if (wanted('layout')) {
    process.stderr.write('bench: a 5-step layout over a release, against its provenance alone…\n');
    rows.push(...(await benchLayout({ artifacts: Math.max(50, Math.round(1000 * scale)) })));
  }
  if (wanted('shards')) {
    process.stderr.write('bench: sharded signing against slow services…\n');
    rows.push(...(await benchShards(dir, Math.max(1, Number(process.env.BENCH_RUNS ?? '3')))));
  }
  if (wanted('encrypt')) {
    process.stderr.write('bench: encrypting and decrypting a large file…\n');
    rows.push(...(await benchEncrypt(dir, Math.round(2 ** 30 * scale))));
  }
  if (wanted('scale')) {
    process.stderr.write('bench: a release of many subjects, signed end to end…\n');
    rows.push(...(await benchReleaseScale(dir, Math.max(2000, Math.round(100000 * scale)))));
  }
} finally {
  stopLauncher();
  await rm(dir, { recursive: true, force: true });
}

const widths = [0, 1, 2, 3].map((i) =>
  Math.max(
    ...rows.map((r) => (Object.values(r)[i] as string).length),
    ['figure', 'provenant', 'baseline', 'ratio'][i]!.length,
  ),
);
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
process.stdout.write(
  [
    line(['figure', 'provenant', 'baseline', 'ratio']),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map((r) => line([r.figure, r.value, r.baseline, r.ratio])),
  ].join('\n') + '\n',
);
