import type { DigestSet } from '../core/digest.js';
import { isProvenantError } from '../core/errors.js';
import { evaluatePolicy } from '../core/policy/evaluate.js';
import type { Policy, Violation } from '../core/policy/types.js';
import type { LoadedBundle, VerifiedBundle, VerifyPorts } from './ports.js';

/** An error on the way to a verdict (loading, hashing, cryptography), reported like a policy violation. */
export function asFailure(e: unknown): Violation {
  if (isProvenantError(e)) return { code: e.code, rule: 'bundle', message: e.message };
  return { code: 'INTERNAL', rule: 'bundle', message: e instanceof Error ? e.message : String(e) };
}

/** Lower is closer to verifying: used to pick which failed bundle to report when several were tried. */
function closeness(failures: readonly Violation[]): number {
  if (failures.some((f) => f.code === 'SUBJECT_MISMATCH')) return 3;
  if (failures.some((f) => f.rule === 'bundle')) return 2;
  return 1;
}

/** The verdict on one artifact's candidates: the bundle that verified, or the failure closest to verifying. */
export type Choice = { bundle: string; bundlePath?: string } & (
  | { verified: true; crypto: VerifiedBundle }
  | { verified: false; failures: Violation[]; crypto?: VerifiedBundle }
);
type Failed = Extract<Choice, { verified: false }>;

/**
 * The cryptography of each bundle, checked through the ports. A DSSE bundle's does not depend on the artifact, so it
 * is checked once however many artifacts share the bundle; a message signature is checked against each artifact.
 */
export function cryptoChecker(
  ports: VerifyPorts,
): (loaded: LoadedBundle, artifact: DigestSet) => Promise<VerifiedBundle> {
  const dsse = new WeakMap<LoadedBundle, Promise<VerifiedBundle>>();
  // A throw of the synchronous port becomes a rejection, checked once like any other.
  const check = (loaded: LoadedBundle, artifact: DigestSet): Promise<VerifiedBundle> =>
    ports.verifyCryptoAsync
      ? ports.verifyCryptoAsync(loaded, artifact)
      : new Promise((resolve) => resolve(ports.verifyCrypto(loaded, artifact)));
  return (loaded, artifact) => {
    if (loaded.bundle.content.$case !== 'dsseEnvelope') return check(loaded, artifact);
    let cached = dsse.get(loaded);
    if (!cached) {
      cached = check(loaded, artifact);
      dsse.set(loaded, cached);
    }
    return cached;
  };
}

/** Which bundle a choice names: its file name for the report, and its path. */
const from = (loaded: LoadedBundle) => ({
  bundle: loaded.source,
  ...(loaded.path !== undefined ? { bundlePath: loaded.path } : {}),
});

/**
 * Tries the candidates in order: the first that passes both the cryptography and every policy rule wins. When none
 * does, the failure closest to verifying is chosen (a policy violation before a broken bundle before another
 * artifact's bundle), the first of equals, counting `closest` (from candidates tried before) as the first.
 * Undefined when there were no candidates.
 */
export async function chooseBundle(
  candidates: readonly LoadedBundle[],
  artifact: DigestSet,
  policy: Policy,
  crypto: (loaded: LoadedBundle, artifact: DigestSet) => Promise<VerifiedBundle>,
  closest?: Choice,
): Promise<Choice | undefined> {
  let best = closest?.verified === false ? closest : undefined;
  const consider = (failed: Failed) => {
    if (!best || closeness(failed.failures) < closeness(best.failures)) best = failed;
  };
  for (const loaded of candidates) {
    let verified: VerifiedBundle;
    try {
      verified = await crypto(loaded, artifact);
    } catch (e) {
      consider({ verified: false, ...from(loaded), failures: [asFailure(e)] });
      continue;
    }
    const violations = evaluatePolicy(
      {
        artifact,
        ...(verified.statement ? { statement: verified.statement } : {}),
        ...(verified.claims ? { claims: verified.claims } : {}),
      },
      policy,
    );
    if (violations.length === 0) return { verified: true, ...from(loaded), crypto: verified };
    consider({ verified: false, ...from(loaded), failures: violations, crypto: verified });
  }
  return best;
}
