/**
 * The encrypt and decrypt step actions (`encrypt/action.yml`, `decrypt/action.yml`): each input is the CLI flag of the
 * same name, so both entry points share one set of rules and messages. Composition only: inputs → the command → the
 * step's outputs, its log, and its failure.
 */
import { actionsLogger, fail, setOutput } from './adapters/actions/runtime.js';
import {
  booleanInput,
  envInputs,
  multilineInput,
  stringInput,
  type RawInputs,
} from './adapters/actions/input-reader.js';
import type { CliCommand, CliIO } from './cli/command.js';
import { describeFailure } from './core/failure.js';

/** The signing inputs both actions take, by their CLI names. */
const SIGNING_INPUTS = [
  'sigstore',
  'fulcio-url',
  'rekor-url',
  'tsa-url',
  'trusted-root',
  'signing-config',
  'tuf-mirror',
  'tuf-root',
  'tuf-cache-dir',
];

function flags(get: RawInputs, names: readonly string[], switches: readonly string[] = []): string[] {
  const out: string[] = [];
  for (const name of names) {
    const value = stringInput(get, name);
    if (value !== '') out.push(`--${name}`, value);
  }
  for (const name of switches) if (booleanInput(get, name, false)) out.push(`--${name}`);
  return out;
}

async function runCommand(
  command: CliCommand,
  argv: string[],
  env: NodeJS.ProcessEnv,
): Promise<Record<string, unknown> | undefined> {
  let stdout = '';
  const io: CliIO = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => {
      for (const line of t.split('\n')) if (line !== '') actionsLogger.info(line);
    },
    env,
    cwd: env.GITHUB_WORKSPACE || process.cwd(),
    isTTY: false,
    workflowCommand: (line) => process.stdout.write(`${line}\n`),
  };
  try {
    await command.run([...argv, '--json'], io);
    return JSON.parse(stdout) as Record<string, unknown>;
  } catch (e) {
    const f = describeFailure(e);
    fail(f.unexpected ? `unexpected error: ${f.message}` : `[${f.code}] ${f.message}`);
    return undefined;
  }
}

/** How the step ends when the run can no longer settle, or a library crashed outside it. */
export const encryptionRunEnd = {
  stranded: () =>
    fail(
      'the step stopped waiting: a service it called never answered (the broker, Fulcio, Rekor or the OIDC endpoint).',
    ),
  crashed: (e: unknown) => fail(`unexpected error: ${describeFailure(e).message}`),
};

export async function runEncryptAction(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const get = envInputs(env);
  let argv: string[];
  try {
    argv = [
      ...multilineInput(get, 'files'),
      ...flags(get, ['broker', 'policy', 'base-dir', 'output-dir', ...SIGNING_INPUTS], ['allow-public-log']),
    ];
  } catch (e) {
    return fail(describeFailure(e).message);
  }
  const { command } = await import('./cli/encrypt.js');
  const result = await runCommand(command, argv, env);
  if (!result) return;
  const artifacts = result.artifacts as { encrypted: string }[];
  setOutput('encrypted', artifacts.map((a) => a.encrypted).join('\n'));
  setOutput('provenance', (result.provenance as string[]).join('\n'));
}

export async function runDecryptAction(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const get = envInputs(env);
  let argv: string[];
  try {
    argv = [
      stringInput(get, 'file'),
      ...flags(get, ['broker', 'output', 'bundle', 'name', ...SIGNING_INPUTS], ['allow-public-log']),
    ];
  } catch (e) {
    return fail(describeFailure(e).message);
  }
  const { command } = await import('./cli/decrypt.js');
  const result = await runCommand(command, argv, env);
  if (!result) return;
  setOutput('output', String(result.output));
  setOutput('plaintext-sha256', String(result.plaintextSha256));
  setOutput('ciphertext-sha256', String(result.ciphertextSha256));
  setOutput('publisher', String((result.publisher as { identity: string }).identity));
}
