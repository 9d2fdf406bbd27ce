import path from 'node:path';
import { readActionInputs, type ActionInputs } from './adapters/actions/action-inputs.js';
import { readEventPayload } from './adapters/actions/event.js';
import { envInputs } from './adapters/actions/input-reader.js';
import { guardProcessOutput } from './adapters/actions/output-guard.js';
import type { RunEnd } from './adapters/actions/process-end.js';
import { actionsLogger, fail, maskSecret, setOutput, writeSummary } from './adapters/actions/runtime.js';
import { nodeFileSystem } from './adapters/fs/index.js';
import { writeFileAtomic } from './adapters/fs/write-file.js';
import { actionSigning } from './adapters/actions/action-signing.js';
import { actionGitHub } from './adapters/github/action-client.js';
import { attest, type AttestResult } from './app/attest.js';
import { attestSummary, signingLog, signingOutputs, subjectsOutput } from './app/attest-report.js';
import { Budgets, strandedError } from './app/budget.js';
import { budgetedResign, budgetedSigning, type ServiceNames } from './app/budgeted-ports.js';
import type { Logger, SignedBundle } from './app/ports.js';
import type { ResignPlan } from './app/resign.js';
import { SIGNING_CONCURRENCY, SUBJECTS_FILE } from './core/bundle-name.js';
import { formatChecksums } from './core/checksums.js';
import { failureLine } from './core/failure.js';
import { secrets } from './core/redact.js';
import { Publisher, requireGitHub, type GitHub } from './main-publish.js';
import { ociRun, pushToRegistry, type OciRun } from './main-oci.js';
import { PROVENANT_VERSION } from './version.js';

/** What a failure report needs, whenever it comes: every bundle on disk so far, and what the run waits for. */
const progress: { bundles: SignedBundle[]; signed?: AttestResult; budgets?: Budgets } = { bundles: [] };

/** Whatever failed, say where the signatures are: they are never lost. */
function failureMessage(e: unknown): string {
  const { bundles } = progress;
  const kept = bundles.length
    ? ` The signed bundle${bundles.length === 1 ? ' is' : 's are'} kept at ${bundles.map((b) => b.path).join(', ')}.`
    : '';
  const line = failureLine(e);
  return kept && !/[.!?]$/.test(line) ? `${line}.${kept}` : line + kept;
}

/** How index.ts reports a run that can no longer settle, or a library's stray crash. */
export const runEnd: RunEnd = {
  stranded: () => fail(failureMessage(strandedError(progress.budgets?.waitingFor))),
  crashed: (e) => fail(failureMessage(e)),
};

/** The action's composition root: inputs → adapters → use cases → outputs. The only place that fails the step. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const log = actionsLogger;
  guardProcessOutput(secrets);
  for (const token of [env.ACTIONS_RUNTIME_TOKEN, env.ACTIONS_ID_TOKEN_REQUEST_TOKEN])
    if (token) maskSecret(token);
  try {
    const event = await readEventPayload(env.GITHUB_EVENT_PATH);
    const inputs = readActionInputs(envInputs(env), env, event);
    if (inputs.githubToken) maskSecret(inputs.githubToken);
    log.info(
      `Provenant ${PROVENANT_VERSION}${inputs.dryRun ? ' (dry run: nothing will be signed or published)' : ''}`,
    );
    const budgets = new Budgets({
      signing: { ms: inputs.signingTimeoutMs, input: 'signing-timeout' },
      publishing: { ms: inputs.publishTimeoutMs, input: 'publish-timeout' },
    });
    progress.budgets = budgets;
    const names = serviceNames(env);
    // Signing and GitHub clients are large: load them after the first log line, and only when this run needs them.
    const github = inputs.githubToken
      ? await actionGitHub({ token: inputs.githubToken, requestTimeoutMs: inputs.requestTimeoutMs }, env, log)
      : undefined;
    const publisher = new Publisher(inputs, env, github, budgets, names, log);
    const resign = await planResign(inputs, github, budgets, names, log);
    const oci = await ociRun(inputs, env, log);
    const signed = await attestRun(
      inputs,
      env,
      event,
      github,
      resign,
      { budgets, names, publisher, oci },
      log,
    );
    progress.signed = signed;
    await report(signed, inputs, log);
    if (!inputs.dryRun) await pushToRegistry(oci, signed, inputs, log);
    const published = inputs.dryRun ? undefined : await publisher.publish(signed);
    await writeSummary(attestSummary(signed, { dryRun: inputs.dryRun, published }));
  } catch (e) {
    const message = failureMessage(e);
    if (progress.signed?.bundles.length) {
      await writeSummary(attestSummary(progress.signed, { dryRun: false, failure: failureLine(e) })).catch(
        () => {},
      );
    }
    fail(message);
  }
}

function serviceNames(env: NodeJS.ProcessEnv): ServiceNames {
  const origin = (url: string | undefined, fallback: string): string => {
    try {
      return new URL(url ?? '').origin;
    } catch {
      return fallback;
    }
  };
  return {
    oidc: `the Actions OIDC token endpoint (${origin(env.ACTIONS_ID_TOKEN_REQUEST_URL, 'unset')})`,
    github: `the GitHub API (${origin(env.GITHUB_API_URL, 'https://api.github.com')})`,
    results: `the Actions results service (${origin(env.ACTIONS_RESULTS_URL, 'unset')}) and its blob storage`,
  };
}

/** The outputs and log lines known once signing is done, before anything is published. */
async function report(signed: AttestResult, inputs: ActionInputs, log: Logger): Promise<void> {
  const subjectsPath = await writeFileAtomic(
    path.join(inputs.outputDir, SUBJECTS_FILE),
    formatChecksums(signed.subjects),
  );
  for (const [name, value] of Object.entries(signingOutputs(signed, subjectsPath))) setOutput(name, value);
  if (subjectsOutput(signed) === undefined) {
    log.warn(
      `The subjects do not fit in a step output (GitHub's limit is 1 MB): the subjects output is empty; pass ` +
        `subjects-path (${subjectsPath}) between jobs instead, e.g. in a workflow artifact.`,
    );
  }
  for (const line of signingLog(signed)) log.info(line);
}

async function attestRun(
  inputs: ActionInputs,
  env: NodeJS.ProcessEnv,
  event: Record<string, unknown> | undefined,
  github: GitHub | undefined,
  resign: ResignPlan | undefined,
  wiring: { budgets: Budgets; names: ServiceNames; publisher: Publisher; oci: OciRun },
  log: Logger,
): Promise<AttestResult> {
  let startedOn: string | undefined;
  if (github && env.GITHUB_RUN_ID) {
    const { runStartedAt } = await import('./adapters/github/workflow-run.js');
    startedOn = await runStartedAt(github.client, github.repo, env.GITHUB_RUN_ID, (m) => log.debug?.(m));
  }
  const signing = await actionSigning(inputs, env, log);
  return attest(
    {
      subjects: {
        patterns: inputs.subjectPatterns,
        checksumFiles: inputs.subjectChecksums,
        digests: inputs.subjectDigests,
        baseDir: inputs.baseDir,
        allowOutsideBase: inputs.allowOutsideBase,
        ifNoFilesFound: inputs.ifNoFilesFound,
        algorithms: ['sha256'],
      },
      ...(resign ? { presetSubjects: resign.subjects, provenance: resign.provenance } : {}),
      outputDir: inputs.outputDir,
      dryRun: inputs.dryRun,
      env,
      event,
      extras: startedOn ? { startedOn } : {},
      bundles: {
        layout: inputs.bundleLayout,
        bundleName: inputs.bundleName,
        subjectsPerStatement: inputs.subjectsPerStatement,
        concurrency: SIGNING_CONCURRENCY,
      },
      ...wiring.oci.request,
    },
    {
      fs: nodeFileSystem,
      ...(wiring.oci.registry ? { registry: wiring.oci.registry } : {}),
      writeFile: writeFileAtomic,
      signing: budgetedSigning(signing, wiring.budgets, wiring.names),
      beforeSigning: (bundles, claims) =>
        wiring.publisher.plan(
          bundles.map((b) => b.name),
          claims,
        ),
      written: (b) => progress.bundles.push(b),
      log,
    },
  );
}

async function planResign(
  inputs: ActionInputs,
  github: GitHub | undefined,
  budgets: Budgets,
  names: ServiceNames,
  log: Logger,
): Promise<ResignPlan | undefined> {
  if (inputs.subjectReleaseAssets.length === 0) return undefined;
  const gh = requireGitHub(github, 'subject-release-assets');
  const { planResign: plan } = await import('./app/resign.js');
  const { githubResignPorts } = await import('./adapters/github/resign-ports.js');
  return plan(
    {
      tag: inputs.releaseTag,
      patterns: inputs.subjectReleaseAssets,
      downloadDir: path.join(inputs.outputDir, 'release-assets'),
    },
    budgetedResign(githubResignPorts(gh.client, gh.repo, log), budgets, names),
  );
}
