import path from 'node:path';
import {
  booleanInput,
  envInputs,
  multilineInput,
  stringInput,
  type RawInputs,
} from './adapters/actions/input-reader.js';
import { guardProcessOutput } from './adapters/actions/output-guard.js';
import { actionsLogger, fail, maskSecret, setOutput, writeSummary } from './adapters/actions/runtime.js';
import { pathKind } from './adapters/fs/verify-files.js';
import { writeFileAtomic } from './adapters/fs/write-file.js';
import { isProcessEntry } from './adapters/process/entry.js';
import { resolveTrustedRoot, trustMaterial } from './adapters/sigstore/trust.js';
import { nodeVerifyPorts } from './adapters/sigstore/verify-ports.js';
import type { ApproveResult } from './app/approve.js';
import type { Logger } from './app/ports.js';
import type { ReleaseFiles } from './app/release-files.js';
import { APPROVAL_BUNDLE, type Reviewer } from './core/approval/predicate.js';
import { inputError } from './core/errors.js';
import { failureLine } from './core/failure.js';
import { buildPolicy } from './core/policy/build.js';
import { readPolicyOptions } from './core/policy/options.js';
import { splitPatterns } from './core/patterns.js';
import { secrets } from './core/redact.js';
import { escapeCell, inlineCode } from './core/summary.js';
import { actionGitHub, type GitHub } from './adapters/github/action-client.js';

interface Inputs {
  get: RawInputs;
  tag: string;
  outputDir: string;
  workspace: string;
  token: string;
}

function readInputs(env: NodeJS.ProcessEnv): Inputs {
  const get = envInputs(env);
  const tag = stringInput(get, 'release-tag');
  if (!tag)
    throw inputError(
      'INPUT_INVALID',
      'input release-tag: expected the tag of the release to approve, got none.',
    );
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const temp = env.RUNNER_TEMP || workspace;
  const outputDir = path.resolve(
    workspace,
    stringInput(get, 'output-dir', path.join(temp, 'provenant-approval')),
  );
  return { get, tag, outputDir, workspace, token: stringInput(get, 'github-token') };
}

async function gitHub(inputs: Inputs, env: NodeJS.ProcessEnv, log: Logger): Promise<GitHub> {
  const github = inputs.token ? await actionGitHub({ token: inputs.token }, env, log) : undefined;
  if (!github)
    throw inputError(
      'INPUT_INVALID',
      'the approve action reads and attaches to the release: expected github-token (default: the job’s github.token) and GITHUB_REPOSITORY, got none.',
    );
  return github;
}

/** The release's assets and bundles, unless the inputs name files of the workspace instead. */
async function releaseFiles(
  inputs: Inputs,
  github: GitHub,
  log: Logger,
): Promise<ReleaseFiles & { dir: string }> {
  const { fetchReleaseFiles } = await import('./app/release-files.js');
  const { githubResignPorts } = await import('./adapters/github/resign-ports.js');
  const dir = path.join(inputs.outputDir, 'release');
  const files = await fetchReleaseFiles(
    {
      tag: inputs.tag,
      dir,
      artifacts: multilineInput(inputs.get, 'artifacts').length === 0,
      bundles: stringInput(inputs.get, 'bundle-dir') === '',
    },
    githubResignPorts(github.client, github.repo, log),
  );
  return { ...files, dir };
}

/** The release policy document, by its path in the repository; the default may be absent. */
async function policyFile(inputs: Inputs, log: Logger) {
  const given = stringInput(inputs.get, 'policy-file', 'RELEASE.md');
  const file = path.resolve(inputs.workspace, given);
  const name = path.relative(inputs.workspace, file).split(path.sep).join('/');
  if (name.startsWith('../'))
    throw inputError('INPUT_INVALID', `input policy-file: expected a file of the repository, got ${given}.`);
  if ((await pathKind(file)) === 'file') return { path: file, name };
  if (inputs.get('policy-file') !== 'RELEASE.md' && inputs.get('policy-file') !== '')
    throw inputError(
      'FILE_NOT_FOUND',
      `input policy-file: expected a file, got nothing at ${given} (is the repository checked out?).`,
    );
  log.warn(
    `no ${given} in the workspace: the approval pins the builder policy instead of a release policy document.`,
  );
  return undefined;
}

/** Trust for the provenance (and the fresh approval): a trusted root file, or the instance's TUF root. */
function trustedRoot(inputs: Inputs) {
  return resolveTrustedRoot(
    {
      trustedRoot: stringInput(inputs.get, 'trusted-root'),
      instance: stringInput(inputs.get, 'instance'),
      tufCacheDir: stringInput(inputs.get, 'tuf-cache-dir'),
      tufRoot: stringInput(inputs.get, 'tuf-root'),
    },
    (p) => path.resolve(inputs.workspace, p),
  );
}

async function signingFor(inputs: Inputs, env: NodeJS.ProcessEnv, log: Logger) {
  const { signingIdentity } = await import('./adapters/sigstore/signing-identity.js');
  const str = (n: string) => stringInput(inputs.get, n);
  return signingIdentity(
    {
      sigstore: str('sigstore'),
      fulcioUrl: str('fulcio-url'),
      rekorUrl: str('rekor-url'),
      tsaUrl: str('tsa-url'),
      trustedRoot: str('trusted-root'),
      allowPublicLog: booleanInput(inputs.get, 'allow-public-log', false),
      verifyAfterSign: true,
      env,
      maskSecret,
    },
    log,
  );
}

async function approve(inputs: Inputs, env: NodeJS.ProcessEnv, github: GitHub, log: Logger) {
  const files = await releaseFiles(inputs, github, log);
  const given = splitPatterns(multilineInput(inputs.get, 'artifacts'));
  const bundleDir = stringInput(inputs.get, 'bundle-dir');
  const reader = {
    string: (n: string) => stringInput(inputs.get, n),
    boolean: (n: string) => booleanInput(inputs.get, n, false),
  };
  const policy = buildPolicy({ sourceRef: `refs/tags/${inputs.tag}`, ...readPolicyOptions(reader) });
  for (const w of policy.warnings ?? []) log.warn(w);
  const cwd = given.length > 0 ? inputs.workspace : files.dir;
  const root = await trustedRoot(inputs);
  const { deploymentReviewers } = await import('./adapters/github/deployment-reviews.js');
  const { approveRelease } = await import('./app/approve.js');
  const result = await approveRelease(
    {
      provenance: {
        artifacts: given.length > 0 ? given : files.artifacts.map((a) => (a.startsWith('!') ? `./${a}` : a)),
        bundleDir: bundleDir ? path.resolve(inputs.workspace, bundleDir) : files.dir,
        policy,
      },
      tag: inputs.tag,
      outputDir: inputs.outputDir,
      ...(await policyFile(inputs, log).then((f) => (f ? { policyFile: f } : {}))),
    },
    {
      verify: nodeVerifyPorts(trustMaterial(root), cwd),
      signing: await signingFor(inputs, env, log),
      writeFile: writeFileAtomic,
      reviewers: (claims) =>
        deploymentReviewers(
          github.client,
          github.repo,
          typeof claims.run_id === 'string' ? claims.run_id : env.GITHUB_RUN_ID,
          typeof claims.environment === 'string' ? claims.environment : undefined,
          (m) => log.warn(m),
        ),
      now: () => new Date(),
      log,
    },
  );
  return { result, files };
}

/** Attaches the approval to the draft, before anyone publishes it: immutable releases refuse assets afterwards. */
async function attach(
  inputs: Inputs,
  github: GitHub,
  files: ReleaseFiles,
  result: ApproveResult,
  log: Logger,
) {
  if (!booleanInput(inputs.get, 'attach-to-release', true)) return undefined;
  const { githubPublishPorts } = await import('./adapters/github/publish-ports.js');
  const ports = githubPublishPorts(
    github.client,
    github.repo,
    { serverUrl: 'https://github.com', msPerWrite: 0 },
    log,
  );
  const attached = await ports.attach(
    files.release,
    { name: APPROVAL_BUNDLE, data: await ports.readFile(result.path), contentType: 'application/json' },
    { overwrite: booleanInput(inputs.get, 'overwrite', true), existing: files.approval },
  );
  log.info(
    `${APPROVAL_BUNDLE} ${attached.action} on release ${files.release.tag}: ${attached.asset.browserDownloadUrl}`,
  );
  return attached.asset.browserDownloadUrl;
}

function summary(result: ApproveResult, reviewers: Reviewer[] | undefined): string {
  const r = (result.statement.predicate as { release: { repository: string; tag: string; commit: string } })
    .release;
  return [
    `### Provenant approval: ${escapeCell(r.tag)}`,
    '',
    `Approved ${inlineCode(r.tag)} of ${escapeCell(r.repository)} at ${inlineCode(r.commit)}: ${result.statement.subject.length} artifact(s), signed by ${escapeCell(result.facts.certificateIdentity)}.`,
    '',
    reviewers?.length
      ? `Reviewers (from GitHub's API, not vouched for by the signature): ${reviewers.map((x) => escapeCell(`${x.login} (${x.state})`)).join(', ')}`
      : 'No reviewers recorded.',
    '',
  ].join('\n');
}

/** The approve action's composition root: inputs → release files → the approve use case → attach → outputs. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const log = actionsLogger;
  guardProcessOutput(secrets);
  for (const token of [env.ACTIONS_RUNTIME_TOKEN, env.ACTIONS_ID_TOKEN_REQUEST_TOKEN])
    if (token) maskSecret(token);
  try {
    const inputs = readInputs(env);
    if (inputs.token) maskSecret(inputs.token);
    const github = await gitHub(inputs, env, log);
    const { result, files } = await approve(inputs, env, github, log);
    setOutput('bundle-path', result.path);
    setOutput('certificate-identity', result.facts.certificateIdentity);
    const reviewers = (result.statement.predicate as { unverified: { reviewers?: Reviewer[] } }).unverified
      .reviewers;
    setOutput('reviewers', JSON.stringify(reviewers ?? []));
    setOutput('environment', result.environment ?? '');
    setOutput('release-asset-url', (await attach(inputs, github, files, result, log)) ?? '');
    await writeSummary(summary(result, reviewers));
  } catch (e) {
    fail(failureLine(e));
  }
}

if (isProcessEntry(import.meta.url)) await run();
