/**
 * The default workflow artifact name, unique per job: matrix jobs share GITHUB_JOB, and a name used twice in a run is
 * refused (409) before anything is attached. `provenance-bundles-<job>-<8 hex>`, the hex from the sha256 of the
 * job's backend id, which the runtime token's `scp` claim carries (`Actions.Results:<run>:<job>`): every matrix
 * leg, and every attempt of a rerun, has its own.
 */
import { createHash } from 'node:crypto';

/** The job's backend id from ACTIONS_RUNTIME_TOKEN (only the payload is read; nothing is trusted from it). */
export function jobBackendId(runtimeToken: string | undefined): string | undefined {
  const payload = runtimeToken?.split('.')[1];
  if (!payload) return undefined;
  try {
    const { scp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { scp?: unknown };
    const m = typeof scp === 'string' ? /Actions\.Results:[^:\s]+:([^\s]+)/.exec(scp) : null;
    return m?.[1];
  } catch {
    return undefined;
  }
}

export function defaultArtifactName(env: Record<string, string | undefined>, fallback: () => string): string {
  const job = (env.GITHUB_JOB ?? '').replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '') || 'job';
  const id = jobBackendId(env.ACTIONS_RUNTIME_TOKEN) ?? fallback();
  return `provenance-bundles-${job}-${createHash('sha256').update(id).digest('hex').slice(0, 8)}`;
}
