import path from 'node:path';
import { readActionInputs, type ActionInputs } from './adapters/actions/action-inputs.js';
import { readEventPayload } from './adapters/actions/event.js';
import { envInputs } from './adapters/actions/input-reader.js';
import { actionsLogger, fail, maskSecret, setOutput, writeSummary } from './adapters/actions/runtime.js';
import { nodeFileSystem } from './adapters/fs/index.js';
import { writeFileAtomic } from './adapters/fs/write-file.js';
import type { GitHubClient, RepoRef } from './adapters/github/index.js';
import { attest, type AttestResult } from './app/attest.js';
import {
  attestSummary,
  publishLog,
  publishOutputs,
  signingLog,
  signingOutputs,
  subjectsOutput,
} from './app/attest-report.js';
import { SUBJECTS_FILE } from './core/bundle-name.js';
import { formatChecksums } from './core/checksums.js';
import type { Logger } from './app/ports.js';
import type { PublishResult } from './app/publish.js';
import type { ResignPlan } from './app/resign.js';
import { inputError } from './core/errors.js';
import { failureLine } from './core/failure.js';
import { PROVENANT_VERSION } from './version.js';

interface GitHub {
  client: GitHubClient;
  repo: RepoRef;
}

/** The action's composition root: inputs → adapters → use cases → outputs. The only place that fails the step. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const log = actionsLogger;
  let signed: AttestResult | undefined;
  try {
    const event = await readEventPayload(env.GITHUB_EVENT_PATH);
    const inputs = readActionInputs(envInputs(env), env, event);
    if (inputs.githubToken) maskSecret(inputs.githubToken);
    log.info(
      `Provenant ${PROVENANT_VERSION}${inputs.dryRun ? ' (dry run: nothing will be signed or published)' : ''}`,
    );
    // Signing and GitHub clients are large: load them after the first log line, and only when this run needs them.
    const github = inputs.githubToken ? await gitHub(inputs, env, log) : undefined;
    const resign = await planResign(inputs, github, log);
    signed = await attestRun(inputs, env, event, github, resign, log);
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
    const published = inputs.dryRun ? undefined : await publish(signed, inputs, github, log);
    await writeSummary(attestSummary(signed, { dryRun: inputs.dryRun, published }));
  } catch (e) {
    const message = failureLine(e);
    // Whatever failed after signing, say where the signatures are: they are never lost.
    const kept = signed?.bundles.length
      ? ` The signed bundle${signed.bundles.length === 1 ? ' is' : 's are'} kept at ${signed.bundles.map((b) => b.path).join(', ')}.`
      : '';
    if (signed?.bundles.length) {
      await writeSummary(attestSummary(signed, { dryRun: false, failure: message })).catch(() => {});
    }
    fail(message + kept);
  }
}

async function attestRun(
  inputs: ActionInputs,
  env: NodeJS.ProcessEnv,
  event: Record<string, unknown> | undefined,
  github: GitHub | undefined,
  resign: ResignPlan | undefined,
  log: Logger,
): Promise<AttestResult> {
  let startedOn: string | undefined;
  if (github && env.GITHUB_RUN_ID) {
    const { runStartedAt } = await import('./adapters/github/workflow-run.js');
    startedOn = await runStartedAt(github.client, github.repo, env.GITHUB_RUN_ID, (m) => log.debug?.(m));
  }
  const { signingIdentity } = await import('./adapters/sigstore/signing-identity.js');
  const signing = signingIdentity(
    {
      sigstore: inputs.sigstore,
      fulcioUrl: inputs.fulcioUrl,
      rekorUrl: inputs.rekorUrl,
      tsaUrl: inputs.tsaUrl,
      trustedRoot: inputs.trustedRoot,
      allowPublicLog: inputs.allowPublicLog,
      verifyAfterSign: inputs.verifyAfterSign,
      env,
      maskSecret,
    },
    log,
  );
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
        concurrency: 4,
      },
    },
    { fs: nodeFileSystem, writeFile: writeFileAtomic, signing, log },
  );
}

async function gitHub(
  inputs: ActionInputs,
  env: NodeJS.ProcessEnv,
  log: Logger,
): Promise<GitHub | undefined> {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) return undefined;
  const unit = Number(env.PROVENANT_RETRY_UNIT_MS ?? '');
  const { createGitHubClient } = await import('./adapters/github/index.js');
  const client = createGitHubClient({
    token: inputs.githubToken,
    ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}),
    ...(Number.isFinite(unit) && unit > 0 ? { backoffUnitMs: unit, paceWrites: false } : {}),
    log: { debug: (m) => log.debug?.(m), warn: (m) => log.warn(m) },
  });
  return { client, repo: { owner, repo } };
}

function requireGitHub(github: GitHub | undefined, input: string): GitHub {
  if (!github) {
    throw inputError(
      'INPUT_INVALID',
      `${input} needs the GitHub API: expected github-token (default: the job's github.token) and GITHUB_REPOSITORY, got none. ` +
        'Leave github-token at its default, or pass a token that can read the release.',
    );
  }
  return github;
}

async function planResign(
  inputs: ActionInputs,
  github: GitHub | undefined,
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
    githubResignPorts(gh.client, gh.repo, log),
  );
}

async function publish(
  signed: AttestResult,
  inputs: ActionInputs,
  github: GitHub | undefined,
  log: Logger,
): Promise<PublishResult | undefined> {
  if (!github) {
    // Only an explicit request makes a missing token an error; `auto` quietly leaves the bundles on disk.
    if (inputs.attachToRelease === 'true') requireGitHub(github, 'attach-to-release: true');
    if (inputs.attestationStore === 'true') requireGitHub(github, 'attestation-store: true');
    if (inputs.uploadArtifact)
      log.warn('upload-artifact needs the Actions runtime and a github-token; nothing was published.');
    log.info('No github-token: the bundles stay on disk (see bundle-path).');
    return undefined;
  }
  const { publishBundles } = await import('./app/publish.js');
  const { githubPublishPorts } = await import('./adapters/github/publish-ports.js');
  const visibility = signed.claims?.repository_visibility;
  const result = await publishBundles(
    {
      bundles: signed.bundles.map((b) => ({ path: b.path, assetName: b.name })),
      bundleDirectory: inputs.outputDir,
      artifactName: inputs.uploadArtifact ? inputs.artifactName : undefined,
      releaseTag: inputs.releaseTag || undefined,
      attachToRelease: inputs.attachToRelease,
      overwrite: inputs.overwrite,
      attestationStore: inputs.attestationStore,
      requireAttestationStore: inputs.requireAttestationStore,
      repositoryVisibility: typeof visibility === 'string' ? visibility : undefined,
    },
    githubPublishPorts(github.client, github.repo, signed.context.serverUrl, log),
  );
  const lines = publishLog(result);
  for (const line of lines.info) log.info(line);
  for (const w of lines.warnings) log.warn(w);
  for (const [name, value] of Object.entries(publishOutputs(result))) setOutput(name, value);
  return result;
}
