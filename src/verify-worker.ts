/**
 * A verification thread's entry (dist/verify-worker.js): builds the trust material once from the trusted root it is
 * given, then checks the cryptography of each bundle it is sent, answering with what verification established or
 * the error, as plain data. The policy stays on the main thread; only the CPU-bound sigstore-js work moves here.
 */
import { bundleFromJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { parentPort, workerData } from 'node:worker_threads';
import type { VerifyJob, VerifyAnswer, VerifyWorkerData } from './adapters/sigstore/verify-pool.js';
import { trustMaterial } from './adapters/sigstore/trust.js';
import { verifyBundleCrypto } from './adapters/sigstore/verifier.js';
import { isProvenantError } from './core/errors.js';

function answer(job: VerifyJob, trust: ReturnType<typeof trustMaterial>): VerifyAnswer {
  try {
    const bundle = bundleFromJSON(job.bundle);
    return {
      id: job.id,
      verified: verifyBundleCrypto(bundle, { source: job.source, trust, artifact: job.artifact }),
    };
  } catch (e) {
    if (isProvenantError(e)) return { id: job.id, error: { code: e.code, message: e.message } };
    return { id: job.id, error: { message: e instanceof Error ? e.message : String(e) } };
  }
}

const data = workerData as VerifyWorkerData | undefined;
if (parentPort && data?.provenantVerifyWorker) {
  const trust = trustMaterial(TrustedRoot.fromJSON(data.trustedRoot));
  const port = parentPort;
  port.on('message', (job: VerifyJob) => port.postMessage(answer(job, trust)));
}
