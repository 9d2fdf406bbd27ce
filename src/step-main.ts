/**
 * The step action's composition root (`uses: <owner>/provenant/step@<sha>`): the step's inputs → hash materials, run
 * the command, hash products → a keyless in-toto link → the bundle on disk, then where provenance bundles go (the
 * workflow artifact, the release). A failing command still leaves its signed link; then the step fails.
 */
import path from 'node:path';
import { readSharedInputs, type ActionInputs } from './adapters/actions/action-inputs.js';
import { readEventPayload } from './adapters/actions/event.js';
import { envInputs, multilineInput, stringInput, type RawInputs } from './adapters/actions/input-reader.js';
import { guardProcessOutput } from './adapters/actions/output-guard.js';
import type { RunEnd } from './adapters/actions/process-end.js';
import { actionSigning } from './adapters/actions/action-signing.js';
import { actionGitHub } from './adapters/github/action-client.js';
import { actionsLogger, fail, maskSecret, setOutput } from './adapters/actions/runtime.js';
import { nodeFileSystem } from './adapters/fs/index.js';
import { writeFileAtomic } from './adapters/fs/write-file.js';
import { stepCommandRunner } from './adapters/process/run-step-command.js';
import { attestStep, checkStepName, keylessStepSigning } from './app/attest-step.js';
import { Budgets } from './app/budget.js';
import { budgetedSigning } from './app/budgeted-ports.js';
import type { SubjectRequest } from './app/ports.js';
import { bundleFileName } from './core/bundle-name.js';
import { inputError } from './core/errors.js';
import { failureLine } from './core/failure.js';
import { splitPatterns } from './core/patterns.js';
import { secrets } from './core/redact.js';
import { Publisher } from './main-publish.js';

export const runEnd: RunEnd = {
  stranded: () => fail('the step could not finish'),
  crashed: (e) => fail(failureLine(e)),
};

/** The shell GitHub runs `run:` steps with on Linux and macOS, so `command:` reads as a `run:` line does. */
const SHELL = ['bash', '--noprofile', '--norc', '-eo', 'pipefail', '-c'];

function patterns(get: RawInputs, name: string, workspace: string): SubjectRequest | undefined {
  const given = splitPatterns(multilineInput(get, name));
  if (given.length === 0) return undefined;
  return {
    patterns: given,
    checksumFiles: [],
    digests: [],
    baseDir: workspace,
    allowOutsideBase: false,
    ifNoFilesFound: 'warn',
    algorithms: ['sha256'],
    inputNames: { patterns: `input ${name}` },
    cwd: workspace,
  };
}

/** Where the link goes after the disk, through the main action's publisher and its budgets. */
async function publishing(inputs: ActionInputs, env: NodeJS.ProcessEnv) {
  const log = actionsLogger;
  const budgets = new Budgets({
    signing: { ms: inputs.signingTimeoutMs, input: 'signing-timeout' },
    publishing: { ms: inputs.publishTimeoutMs, input: 'publish-timeout' },
  });
  const names = {
    oidc: 'the Actions OIDC token endpoint',
    github: 'the GitHub API',
    results: 'the Actions results service and its blob storage',
  };
  const github = inputs.githubToken
    ? await actionGitHub({ token: inputs.githubToken, requestTimeoutMs: inputs.requestTimeoutMs }, env, log)
    : undefined;
  const publisher = new Publisher(inputs, env, github, budgets, names, log);
  return { budgets, names, publisher };
}

async function attestRun(env: NodeJS.ProcessEnv): Promise<void> {
  const log = actionsLogger;
  const get = envInputs(env);
  const event = await readEventPayload(env.GITHUB_EVENT_PATH);
  const inputs = readSharedInputs(get, env, event);
  if (inputs.githubToken) maskSecret(inputs.githubToken);
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const name = stringInput(get, 'name');
  if (!name)
    throw inputError('INPUT_INVALID', 'input name: expected the step name the layout gives it, got none.');
  checkStepName(name, 'input name');
  const bundleName = bundleFileName(
    stringInput(get, 'bundle-name', `${name}.link.sigstore.json`),
    'input bundle-name',
  );
  const { budgets, names, publisher } = await publishing(inputs, env);
  const command = stringInput(get, 'command');
  const result = await attestStep(
    {
      name,
      command: command ? [...SHELL, command] : [],
      materials: patterns(get, 'materials', workspace),
      products: patterns(get, 'products', workspace),
      outputDir: inputs.outputDir,
      bundleName,
      env,
      ...(event ? { event } : {}),
    },
    {
      fs: nodeFileSystem,
      command: stepCommandRunner(workspace, env, {
        stdout: (c) => process.stdout.write(c),
        stderr: (c) => process.stderr.write(c),
      }),
      signing: keylessStepSigning(
        budgetedSigning(await actionSigning(inputs, env, actionsLogger), budgets, names),
        env.GITHUB_SERVER_URL ?? 'https://github.com',
      ),
      beforeSigning: (bundle, claims) => publisher.plan([bundle], claims),
      writeFile: writeFileAtomic,
      log,
    },
  );
  setOutput('bundle-path', result.bundle.path);
  setOutput('certificate-identity', result.bundle.facts.certificateIdentity);
  if (result.run) setOutput('exit-code', String(result.run.exitCode));
  await publisher.publish({
    bundles: [result.bundle],
    ...(result.claims ? { claims: result.claims } : {}),
    ...(result.verifyBundle ? { verifyBundle: result.verifyBundle } : {}),
  });
  if (result.run && result.run.exitCode !== 0)
    fail(
      `step ${name}: the command exited with ${result.run.exitCode}; its link, recording that, is signed at ${path.relative(workspace, result.bundle.path) || result.bundle.path}`,
    );
}

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  guardProcessOutput(secrets);
  for (const token of [env.ACTIONS_RUNTIME_TOKEN, env.ACTIONS_ID_TOKEN_REQUEST_TOKEN])
    if (token) maskSecret(token);
  try {
    await attestRun(env);
  } catch (e) {
    fail(failureLine(e));
  }
}
