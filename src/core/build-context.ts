import { ProvenantError } from './errors.js';

/**
 * What the provenance says about the run. The GitHub part mirrors the Actions OIDC token's claims (the token is what
 * Fulcio certifies, so when signing these come from the verified token, not from the environment).
 */
export interface BuildContext {
  serverUrl: string;
  repository: string;
  repositoryId: string;
  repositoryOwner: string;
  repositoryOwnerId: string;
  ref: string;
  sha: string;
  /** `owner/repo/.github/workflows/release.yml@refs/tags/v1` */
  workflowRef: string;
  /** The workflow whose job runs: for a reusable workflow, the called one. The builder id. */
  jobWorkflowRef: string;
  eventName: string;
  runId: string;
  runAttempt: string;
  runnerEnvironment: string;
  /** Extra facts GitHub's own provenance leaves out. */
  extras: BuildExtras;
}

export interface BuildExtras {
  /** `workflow_dispatch` (or `workflow_call`) inputs, as given by whoever started the run. */
  workflowInputs?: Record<string, unknown>;
  runner?: RunnerInfo;
  /** When the workflow run started (ISO 8601), when known. */
  startedOn?: string;
  /** When the outputs were attested (ISO 8601): the build is over by then. */
  finishedOn?: string;
  /** Versions of the tools that made this provenance (provenant, node). */
  tools?: Record<string, string>;
}

export interface RunnerInfo {
  os?: string;
  arch?: string;
  name?: string;
  imageOs?: string;
  imageVersion?: string;
}

/** The claims of a GitHub Actions OIDC token that the provenance uses (all strings, as GitHub issues them). */
export interface GitHubClaims {
  repository: string;
  repository_id: string;
  repository_owner: string;
  repository_owner_id: string;
  ref: string;
  sha: string;
  workflow_ref: string;
  job_workflow_ref: string;
  event_name: string;
  run_id: string;
  run_attempt: string;
  runner_environment: string;
  [other: string]: unknown;
}

const REQUIRED_CLAIMS = [
  'repository',
  'repository_id',
  'repository_owner',
  'repository_owner_id',
  'ref',
  'sha',
  'workflow_ref',
  'job_workflow_ref',
  'event_name',
  'run_id',
  'run_attempt',
  'runner_environment',
] as const;

export function contextFromClaims(
  claims: Record<string, unknown>,
  serverUrl: string,
  extras: BuildExtras,
): BuildContext {
  const missing = REQUIRED_CLAIMS.filter((k) => typeof claims[k] !== 'string' || claims[k] === '');
  if (missing.length > 0) {
    throw new ProvenantError(
      'CONTEXT_INVALID',
      `the OIDC token lacks the GitHub Actions claims ${missing.join(', ')}: expected a token issued to a GitHub ` +
        'Actions job. Sign from a workflow run (with `permissions: id-token: write`) or pass a token from GitHub Actions.',
    );
  }
  const c = claims as GitHubClaims;
  return {
    serverUrl: serverUrl.replace(/\/+$/, ''),
    repository: c.repository,
    repositoryId: c.repository_id,
    repositoryOwner: c.repository_owner,
    repositoryOwnerId: c.repository_owner_id,
    ref: c.ref,
    sha: c.sha,
    workflowRef: c.workflow_ref,
    jobWorkflowRef: c.job_workflow_ref,
    eventName: c.event_name,
    runId: c.run_id,
    runAttempt: c.run_attempt,
    runnerEnvironment: c.runner_environment,
    extras,
  };
}

/** Splits `owner/repo/.github/workflows/x.yml@refs/heads/main` into its path within the repository and its ref. */
export function splitWorkflowRef(workflowRef: string, repository: string): { path: string; ref: string } {
  const withoutRepo = workflowRef.startsWith(`${repository}/`)
    ? workflowRef.slice(repository.length + 1)
    : workflowRef;
  const at = withoutRepo.indexOf('@');
  return at < 0
    ? { path: withoutRepo, ref: '' }
    : { path: withoutRepo.slice(0, at), ref: withoutRepo.slice(at + 1) };
}

const ENV_FOR_CLAIM: Record<(typeof REQUIRED_CLAIMS)[number], string> = {
  repository: 'GITHUB_REPOSITORY',
  repository_id: 'GITHUB_REPOSITORY_ID',
  repository_owner: 'GITHUB_REPOSITORY_OWNER',
  repository_owner_id: 'GITHUB_REPOSITORY_OWNER_ID',
  ref: 'GITHUB_REF',
  sha: 'GITHUB_SHA',
  workflow_ref: 'GITHUB_WORKFLOW_REF',
  // The runner does not export the called workflow of a reusable workflow; the OIDC token has it. Without a token
  // (dry run) the top-level workflow is the best the environment can say.
  job_workflow_ref: 'GITHUB_WORKFLOW_REF',
  event_name: 'GITHUB_EVENT_NAME',
  run_id: 'GITHUB_RUN_ID',
  run_attempt: 'GITHUB_RUN_ATTEMPT',
  runner_environment: 'RUNNER_ENVIRONMENT',
};

/**
 * A context from the runner's environment, for dry runs and for statements built without signing. When signing, the
 * token's claims replace the GitHub part (see contextFromClaims), because only those are certified.
 */
export function contextFromEnv(
  env: Record<string, string | undefined>,
  event: Record<string, unknown> | undefined,
  extras: BuildExtras,
): BuildContext {
  const missing = Object.entries(ENV_FOR_CLAIM)
    .filter(([claim, name]) => !env[name] && !(claim === 'runner_environment'))
    .map(([, name]) => name);
  if (missing.length > 0) {
    throw new ProvenantError(
      'CONTEXT_INVALID',
      `expected the GitHub Actions environment, but ${[...new Set(missing)].join(', ')} ${missing.length === 1 ? 'is' : 'are'} ` +
        'not set. Run inside a GitHub Actions job, or export these variables to describe the build you attest.',
    );
  }
  const claims: Record<string, string> = {};
  for (const [claim, name] of Object.entries(ENV_FOR_CLAIM)) claims[claim] = env[name] ?? '';
  // Older runners do not set RUNNER_ENVIRONMENT; GitHub-hosted images always set ImageOS.
  if (!claims.runner_environment) claims.runner_environment = env.ImageOS ? 'github-hosted' : 'self-hosted';
  const inputs = workflowInputs(claims.event_name!, event);
  return contextFromClaims(claims, env.GITHUB_SERVER_URL ?? 'https://github.com', {
    ...extras,
    ...(inputs ? { workflowInputs: inputs } : {}),
    runner: runnerFromEnv(env),
  });
}

/** The inputs a person typed when dispatching the run; they are external parameters by definition. */
export function workflowInputs(
  eventName: string,
  event: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  if (eventName !== 'workflow_dispatch' || !event) return undefined;
  const inputs = event.inputs;
  if (inputs === null || typeof inputs !== 'object' || Array.isArray(inputs)) return undefined;
  return { ...(inputs as Record<string, unknown>) };
}

export function runnerFromEnv(env: Record<string, string | undefined>): RunnerInfo {
  const r: RunnerInfo = {};
  if (env.RUNNER_OS) r.os = env.RUNNER_OS;
  if (env.RUNNER_ARCH) r.arch = env.RUNNER_ARCH;
  if (env.RUNNER_NAME) r.name = env.RUNNER_NAME;
  if (env.ImageOS) r.imageOs = env.ImageOS;
  if (env.ImageVersion) r.imageVersion = env.ImageVersion;
  return r;
}
