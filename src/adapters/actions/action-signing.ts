/**
 * The signing identity an action's inputs describe, for every action that signs (the main action, the step action):
 * a signing config or a TUF repository (`signing-config`, `tuf-mirror` + `tuf-root`), or the instance inputs.
 */
import type { IdentityPort, Logger } from '../../app/ports.js';
import type { ActionInputs } from './action-inputs.js';
import { maskSecret } from './runtime.js';

export async function actionSigning(
  inputs: ActionInputs,
  env: NodeJS.ProcessEnv,
  log: Logger,
): Promise<IdentityPort> {
  const { signingIdentity } = await import('../sigstore/signing-identity.js');
  const { configuredInstance, ACTION_SOURCE_LABELS } = await import('../sigstore/configured-instance.js');
  const given = (v: string) => (v ? v : undefined);
  const configured = await configuredInstance(
    {
      signingConfig: given(inputs.signingConfig),
      tufMirror: given(inputs.tufMirror),
      tufRoot: given(inputs.tufRoot),
      trustedRoot: given(inputs.trustedRoot),
      sigstore: given(inputs.sigstore),
      fulcioUrl: given(inputs.fulcioUrl),
      rekorUrl: given(inputs.rekorUrl),
      tsaUrl: given(inputs.tsaUrl),
    },
    ACTION_SOURCE_LABELS,
    env,
    log,
  );
  return signingIdentity(
    {
      ...(configured ?? {
        sigstore: inputs.sigstore,
        fulcioUrl: inputs.fulcioUrl,
        rekorUrl: inputs.rekorUrl,
        tsaUrl: inputs.tsaUrl,
        trustedRoot: inputs.trustedRoot,
      }),
      allowPublicLog: inputs.allowPublicLog,
      verifyAfterSign: inputs.verifyAfterSign,
      env,
      maskSecret,
      requestTimeoutMs: inputs.requestTimeoutMs,
    },
    log,
  );
}
