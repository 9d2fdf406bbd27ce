/**
 * The container-registry half of the action's composition root: images as subjects, SBOMs and other predicates
 * read (and refused when too large) before signing, and the bundles attached to the images after it.
 */
import { readFile } from 'node:fs/promises';
import type { ActionInputs } from './adapters/actions/action-inputs.js';
import { maskSecret, setOutput } from './adapters/actions/runtime.js';
import { predicateFiles } from './adapters/fs/predicate-files.js';
import type { AttestRequest, AttestResult } from './app/attest.js';
import { readPredicates } from './app/extra-predicates.js';
import type { RegistryPort } from './app/oci-ports.js';
import type { Logger } from './app/ports.js';

export interface OciRun {
  request: Pick<AttestRequest, 'images' | 'predicates'>;
  registry?: RegistryPort;
}

export async function ociRun(inputs: ActionInputs, env: NodeJS.ProcessEnv, log: Logger): Promise<OciRun> {
  if (inputs.registryPassword) maskSecret(inputs.registryPassword);
  const predicates = await readPredicates(
    {
      ...(inputs.sbomPath ? { sbomPath: inputs.sbomPath } : {}),
      ...(inputs.predicateType ? { predicateType: inputs.predicateType } : {}),
      ...(inputs.predicatePath ? { predicatePath: inputs.predicatePath } : {}),
      names: { sbomPath: 'sbom-path', predicateType: 'predicate-type', predicatePath: 'predicate-path' },
    },
    predicateFiles(log),
  );
  const images = inputs.subjectOci.length
    ? { refs: inputs.subjectOci, platforms: inputs.ociPlatforms, inputName: 'subject-oci' }
    : undefined;
  let registry: RegistryPort | undefined;
  if (images) {
    const { registryPort } = await import('./adapters/oci/registry.js');
    registry = registryPort({
      env,
      log,
      requestTimeoutMs: inputs.requestTimeoutMs,
      ...(inputs.registryUsername
        ? { credentials: { username: inputs.registryUsername, password: inputs.registryPassword } }
        : {}),
    });
  }
  return {
    request: { ...(images ? { images } : {}), ...(predicates.length ? { predicates } : {}) },
    ...(registry ? { registry } : {}),
  };
}

/** Attaches every bundle to the images it names (they are on disk and verified by now); sets `oci-referrers`. */
export async function pushToRegistry(
  oci: OciRun,
  signed: AttestResult,
  inputs: ActionInputs,
  log: Logger,
): Promise<void> {
  if (!oci.registry || !signed.images?.length || signed.bundles.length === 0) return;
  if (!inputs.pushToRegistry) {
    log.info('push-to-registry is false: the bundles stay on disk, not attached to the images.');
    return;
  }
  const { pushReferrers } = await import('./app/push-referrers.js');
  const pushed = await pushReferrers(
    { images: signed.images, bundles: signed.bundles },
    { registry: oci.registry, readFile: (p) => readFile(p), log },
  );
  setOutput('oci-referrers', JSON.stringify(pushed));
}
