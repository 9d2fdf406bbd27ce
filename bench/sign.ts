/**
 * Sign latency against the local Sigstore stack: p50 and p95 of `signStatement` (Fulcio + witnesses, our retry
 * wrappers and all), next to a baseline of bare sigstore-js doing the same calls in the same run. The ratio says
 * what our layer costs (≈ 1 means nothing measurable). Warm: one unmeasured sign first.
 */
import { DSSEBundleBuilder, FulcioSigner, RekorWitness, TSAWitness, type Witness } from '@sigstore/sign';
import { signStatement } from '../src/adapters/sigstore/signer.js';
import { startSigstoreStack } from '../test-support/sigstore-stack/index.js';
import type { Row } from './hash.js';

export interface SignBenchOptions {
  /** Measured signs per variant (default 40). */
  readonly iterations?: number;
  readonly witnesses?: 'rekor' | 'tsa' | 'both';
}

export interface LatencyStats {
  readonly p50: number;
  readonly p95: number;
  readonly samples: number;
}

export interface SignBenchResult {
  readonly rows: Row[];
  readonly provenant: LatencyStats;
  readonly baseline: LatencyStats;
}

const STATEMENT = {
  _type: 'https://in-toto.io/Statement/v1',
  subject: [{ name: 'app.tar.gz', digest: { sha256: '0'.repeat(64) } }],
  predicateType: 'https://slsa.dev/provenance/v1',
  predicate: {},
};

export async function benchSign(options: SignBenchOptions = {}): Promise<SignBenchResult> {
  const iterations = options.iterations ?? 40;
  const witnesses = options.witnesses ?? 'both';
  const stack = await startSigstoreStack();
  try {
    const token = stack.issueToken();
    const rekorUrl = witnesses !== 'tsa' ? stack.urls.rekor : undefined;
    const tsaUrl = witnesses !== 'rekor' ? `${stack.urls.tsa}/api/v1/timestamp` : undefined;
    const endpoints = {
      fulcioUrl: stack.urls.fulcio,
      ...(rekorUrl ? { rekorUrl } : {}),
      ...(tsaUrl ? { tsaUrl } : {}),
    };

    const ours = () => signStatement(STATEMENT, { endpoints, identityToken: token });
    const bare = () => {
      const list: Witness[] = [];
      if (rekorUrl) list.push(new RekorWitness({ rekorBaseURL: rekorUrl, entryType: 'dsse' }));
      if (tsaUrl) list.push(new TSAWitness({ tsaBaseURL: tsaUrl }));
      const signer = new FulcioSigner({
        fulcioBaseURL: stack.urls.fulcio,
        identityProvider: { getToken: () => Promise.resolve(token) },
      });
      return new DSSEBundleBuilder({ signer, witnesses: list }).create({
        data: Buffer.from(JSON.stringify(STATEMENT)),
        type: 'application/vnd.in-toto+json',
      });
    };

    const provenant = await measure(ours, iterations);
    const baseline = await measure(bare, iterations);
    const row = (key: 'p50' | 'p95'): Row => ({
      figure: `sign (${witnesses}) ${key}`,
      value: `${provenant[key].toFixed(1)} ms`,
      baseline: `${baseline[key].toFixed(1)} ms`,
      ratio: (baseline[key] / provenant[key]).toFixed(2),
    });
    return { rows: [row('p50'), row('p95')], provenant, baseline };
  } finally {
    await stack.stop();
  }
}

async function measure(fn: () => Promise<unknown>, iterations: number): Promise<LatencyStats> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), samples: times.length };
}

/** Nearest-rank percentile of sorted samples. */
function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
