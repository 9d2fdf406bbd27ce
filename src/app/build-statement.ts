import type { BuildContext, BuildExtras } from '../core/build-context.js';
import { PROVENANT_VERSION } from '../version.js';
import {
  buildProvenance,
  type ProvenanceOptions,
  SLSA_PROVENANCE_V1,
  type SlsaProvenanceV1,
} from '../core/provenance.js';
import { buildStatement, type Statement } from '../core/statement.js';
import type { Subject } from '../core/subject.js';
import { ProvenantError } from '../core/errors.js';

/** The SLSA v1 provenance statement for a set of subjects built in a given context. */
export function provenanceStatement(
  subjects: readonly Subject[],
  context: BuildContext,
  options: ProvenanceOptions = {},
): Statement<SlsaProvenanceV1> {
  if (subjects.length === 0) {
    throw new ProvenantError(
      'NO_FILES_FOUND',
      'expected at least one subject to attest, got none. Give subject-path, subject-checksums or subject-digest.',
    );
  }
  return buildStatement(subjects, SLSA_PROVENANCE_V1, buildProvenance(context, options));
}

/**
 * The facts of this run every statement carries: the tools that made it, and when the outputs were attested. Called
 * once the subjects are hashed, so `finishedOn` is the moment the build's outputs were final.
 */
export function withRunFacts(extras: BuildExtras): BuildExtras {
  return {
    ...extras,
    finishedOn: new Date().toISOString(),
    tools: { provenant: PROVENANT_VERSION, node: process.versions.node },
  };
}
