import { type BuildContext, splitWorkflowRef } from './build-context.js';

export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';
export const GITHUB_WORKFLOW_BUILD_TYPE = 'https://actions.github.io/buildtypes/workflow/v1';

export interface ResourceDescriptor {
  uri?: string;
  digest?: Record<string, string>;
  name?: string;
  downloadLocation?: string;
  mediaType?: string;
  annotations?: Record<string, unknown>;
}

export interface SlsaProvenanceV1 {
  buildDefinition: {
    buildType: string;
    externalParameters: Record<string, unknown> & {
      workflow: { ref: string; repository: string; path: string };
    };
    internalParameters: Record<string, unknown> & {
      github: {
        event_name: string;
        repository_id: string;
        repository_owner_id: string;
        runner_environment: string;
      };
    };
    resolvedDependencies: ResourceDescriptor[];
  };
  runDetails: {
    builder: { id: string; version?: Record<string, string> };
    metadata: { invocationId: string; startedOn?: string; finishedOn?: string };
    byproducts?: ResourceDescriptor[];
  };
}

export interface ProvenanceOptions {
  /** More inputs the build consumed (for a re-sign: the release assets that were re-signed). */
  extraDependencies?: ResourceDescriptor[];
  /** More external parameters (for a re-sign: which release, which assets). */
  extraExternalParameters?: Record<string, unknown>;
  byproducts?: ResourceDescriptor[];
}

/**
 * The SLSA v1 predicate in exactly the layout GitHub's attestation store checks against the certificate
 * (field for field), with our additions only in fields GitHub does not use.
 */
export function buildProvenance(ctx: BuildContext, options: ProvenanceOptions = {}): SlsaProvenanceV1 {
  const { path, ref } = splitWorkflowRef(ctx.workflowRef, ctx.repository);
  const repoUrl = `${ctx.serverUrl}/${ctx.repository}`;
  const x = ctx.extras;

  const externalParameters: SlsaProvenanceV1['buildDefinition']['externalParameters'] = {
    workflow: { ref, repository: repoUrl, path },
  };
  if (x.workflowInputs && Object.keys(x.workflowInputs).length > 0)
    externalParameters.inputs = x.workflowInputs;
  Object.assign(externalParameters, options.extraExternalParameters ?? {});

  const internalParameters: SlsaProvenanceV1['buildDefinition']['internalParameters'] = {
    github: {
      event_name: ctx.eventName,
      repository_id: ctx.repositoryId,
      repository_owner_id: ctx.repositoryOwnerId,
      runner_environment: ctx.runnerEnvironment,
    },
  };
  const runner = runnerDescription(ctx);
  if (runner) internalParameters.runner = runner;

  const metadata: SlsaProvenanceV1['runDetails']['metadata'] = {
    invocationId: `${repoUrl}/actions/runs/${ctx.runId}/attempts/${ctx.runAttempt}`,
  };
  if (x.startedOn) metadata.startedOn = x.startedOn;
  if (x.finishedOn) metadata.finishedOn = x.finishedOn;

  const builder: SlsaProvenanceV1['runDetails']['builder'] = { id: `${ctx.serverUrl}/${ctx.jobWorkflowRef}` };
  if (x.tools && Object.keys(x.tools).length > 0) builder.version = { ...x.tools };

  const runDetails: SlsaProvenanceV1['runDetails'] = { builder, metadata };
  if (options.byproducts && options.byproducts.length > 0) runDetails.byproducts = options.byproducts;

  return {
    buildDefinition: {
      buildType: GITHUB_WORKFLOW_BUILD_TYPE,
      externalParameters,
      internalParameters,
      resolvedDependencies: [
        { uri: `git+${repoUrl}@${ctx.ref}`, digest: { gitCommit: ctx.sha } },
        ...(options.extraDependencies ?? []),
      ],
    },
    runDetails,
  };
}

function runnerDescription(ctx: BuildContext): Record<string, string> | undefined {
  const r = ctx.extras.runner;
  if (!r) return undefined;
  const out: Record<string, string> = {};
  if (r.os) out.os = r.os;
  if (r.arch) out.arch = r.arch;
  if (r.name) out.name = r.name;
  if (r.imageOs) out.image_os = r.imageOs;
  if (r.imageVersion) out.image_version = r.imageVersion;
  return Object.keys(out).length > 0 ? out : undefined;
}
