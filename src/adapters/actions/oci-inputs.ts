import path from 'node:path';
import { inputError } from '../../core/errors.js';
import { booleanInput, multilineInput, type RawInputs, stringInput } from './input-reader.js';

/** The inputs for container images, registry credentials, SBOMs and other predicates. */
export interface OciInputs {
  /** `registry/repo:tag` or `registry/repo@sha256:…`, one per line. */
  subjectOci: string[];
  ociPlatforms: boolean;
  pushToRegistry: boolean;
  registryUsername: string;
  /** Masked as soon as the inputs are read; never logged. */
  registryPassword: string;
  sbomPath: string;
  predicateType: string;
  predicatePath: string;
}

export function readOciInputs(get: RawInputs, workspace: string): OciInputs {
  const file = (name: string) =>
    stringInput(get, name) ? path.resolve(workspace, stringInput(get, name)) : '';
  const inputs: OciInputs = {
    subjectOci: multilineInput(get, 'subject-oci').flatMap((l) =>
      l
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
    ociPlatforms: booleanInput(get, 'oci-platforms', false),
    pushToRegistry: booleanInput(get, 'push-to-registry', true),
    registryUsername: stringInput(get, 'registry-username'),
    registryPassword: stringInput(get, 'registry-password'),
    sbomPath: file('sbom-path'),
    predicateType: stringInput(get, 'predicate-type'),
    predicatePath: file('predicate-path'),
  };
  if ((inputs.registryUsername === '') !== (inputs.registryPassword === '')) {
    throw inputError(
      'INPUT_INVALID',
      `inputs registry-username and registry-password go together: expected both or neither, got ${inputs.registryUsername ? 'registry-username only' : 'registry-password only'}.`,
    );
  }
  return inputs;
}
