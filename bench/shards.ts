/**
 * Sharded signing against slow services: 98 statements (one subject each) signed by `provenant sign` through a
 * signing config naming the local Fulcio, a Rekor v2 log and a TSA, each made to answer after 300 ms (Rekor v2 writes
 * take seconds in the real world). A signer that signed one shard after the other would wait for three answers per
 * shard: the baseline is that serial sum, 98 × 3 × 300 ms; the figure is the measured wall time of the whole run.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startSigstoreStack } from '../test-support/sigstore-stack/index.js';
import type { Row } from './hash.js';
import { runMeasured } from './release-scale.js';

const SHARDS = 98;
const LATENCY_MS = 300;

export async function benchShards(dir: string, runs: number): Promise<Row[]> {
  const root = path.join(dir, 'shards');
  await mkdir(path.join(root, 'dist'), { recursive: true });
  for (let i = 0; i < SHARDS; i++) await writeFile(path.join(root, 'dist', `part-${i}.bin`), `part ${i}\n`);
  const stack = await startSigstoreStack({ rekorV2: { writeLatencyMs: LATENCY_MS } });
  const start = { start: '2020-01-01T00:00:00Z' };
  await writeFile(
    path.join(root, 'signing_config.json'),
    JSON.stringify({
      mediaType: 'application/vnd.dev.sigstore.signingconfig.v0.2+json',
      caUrls: [{ url: stack.urls.fulcio, majorApiVersion: 1, validFor: start }],
      rekorTlogUrls: [{ url: stack.urls.rekorV2, majorApiVersion: 2, validFor: start }],
      tsaUrls: [{ url: `${stack.urls.tsa}/api/v1/timestamp`, majorApiVersion: 1, validFor: start }],
    }),
  );
  const walls: number[] = [];
  try {
    for (let r = 0; r < runs; r++) {
      stack.faults.clear();
      stack.faults.delayNext('fulcio', SHARDS, LATENCY_MS);
      stack.faults.delayNext('tsa', SHARDS, LATENCY_MS);
      walls.push(
        (
          await runMeasured(
            [
              'sign',
              'dist',
              '--quiet',
              '--subjects-per-statement',
              '1',
              '--signing-config',
              'signing_config.json',
              '--trusted-root',
              stack.trustedRootPath,
              '--output-dir',
              path.join(dir, `shards-out-${r}`),
            ],
            root,
            { SIGSTORE_ID_TOKEN: stack.issueToken() },
          )
        ).seconds,
      );
    }
  } finally {
    await stack.stop();
  }
  walls.sort((a, b) => a - b);
  const median = walls[Math.floor(walls.length / 2)]!;
  const serial = (SHARDS * 3 * LATENCY_MS) / 1000;
  const range = `${(serial / walls.at(-1)!).toFixed(1)}–${(serial / walls[0]!).toFixed(1)}`;
  return [
    {
      figure: `${SHARDS} shards, services answering after ${LATENCY_MS} ms: wall time vs the serial sum (target ≥ 8×; range ${range})`,
      value: `${median.toFixed(1)} s`,
      baseline: `${serial.toFixed(1)} s`,
      ratio: (serial / median).toFixed(2),
    },
  ];
}
