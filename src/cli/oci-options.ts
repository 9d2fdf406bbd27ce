/**
 * `provenant sign`'s flags for container images, SBOMs and other predicates: what they ask for, and what happens
 * after signing (the bundles attached to the images as referrers).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { predicateFiles } from '../adapters/fs/predicate-files.js';
import { registryPort } from '../adapters/oci/registry.js';
import type { AttestRequest, AttestResult } from '../app/attest.js';
import { readPredicates } from '../app/extra-predicates.js';
import type { RegistryPort } from '../app/oci-ports.js';
import type { Logger } from '../app/ports.js';
import { pushReferrers, type PushedReferrer } from '../app/push-referrers.js';
import { list } from './args.js';
import type { CliIO } from './command.js';

export const OCI_SIGN_FLAGS = {
  oci: { type: 'string', multiple: true },
  'oci-platforms': { type: 'boolean' },
  'no-push-to-registry': { type: 'boolean' },
  'sbom-path': { type: 'string' },
  'predicate-type': { type: 'string' },
  'predicate-path': { type: 'string' },
} as const;

export const OCI_SIGN_USAGE = `Images, SBOMs and other predicates:
  --oci REF                    a container image, registry/repo:tag (the digest it names now is signed) or
                               registry/repo@sha256:HEX (repeatable); credentials from $DOCKER_CONFIG/config.json
                               (~/.docker/config.json, as docker login writes it), anonymous otherwise
  --oci-platforms              also attest each platform image of a multi-platform index
  --no-push-to-registry        keep the bundles on disk only (default: attach each to its images as an OCI
                               referrer: the referrers API, or the sha256-<hex> tag where the registry has none)
  --sbom-path FILE             sign an SPDX 2.x/3 or CycloneDX JSON SBOM as its own attestation over the same
                               subjects (<bundle-name>.sbom.sigstore.json; at most 16 MiB)
  --predicate-type URI --predicate-path FILE
                               sign any JSON predicate as its own attestation over the same subjects
                               (<bundle-name>.predicate.sigstore.json)`;

type Values = Record<string, unknown>;

export interface OciSignPlan {
  request: Pick<AttestRequest, 'images' | 'predicates'>;
  registry?: RegistryPort;
  push: boolean;
}

/** Reads the flags and the predicate files (refusing one that is too large) before anything is signed. */
export async function ociSignPlan(values: Values, io: CliIO, log: Logger): Promise<OciSignPlan> {
  const refs = list(values.oci as string[] | undefined);
  const file = (name: string) =>
    typeof values[name] === 'string' ? path.resolve(io.cwd, values[name]) : undefined;
  const predicates = await readPredicates(
    {
      ...(file('sbom-path') ? { sbomPath: file('sbom-path') } : {}),
      ...(typeof values['predicate-type'] === 'string' ? { predicateType: values['predicate-type'] } : {}),
      ...(file('predicate-path') ? { predicatePath: file('predicate-path') } : {}),
      names: {
        sbomPath: '--sbom-path',
        predicateType: '--predicate-type',
        predicatePath: '--predicate-path',
      },
    },
    predicateFiles(log),
  );
  const registry = refs.length > 0 ? registryPort({ env: io.env, log }) : undefined;
  return {
    request: {
      ...(refs.length > 0
        ? { images: { refs, platforms: values['oci-platforms'] === true, inputName: '--oci' } }
        : {}),
      ...(predicates.length > 0 ? { predicates } : {}),
    },
    ...(registry ? { registry } : {}),
    push: values['no-push-to-registry'] !== true,
  };
}

/** After signing: every bundle attached to the images it names (bundles are on disk and verified by now). */
export async function pushAfterSigning(
  plan: OciSignPlan,
  result: AttestResult,
  log: Logger,
): Promise<PushedReferrer[]> {
  if (!plan.push || !plan.registry || !result.images?.length || result.bundles.length === 0) return [];
  return pushReferrers(
    { images: result.images, bundles: result.bundles },
    { registry: plan.registry, readFile: (p) => readFile(p), log },
  );
}
