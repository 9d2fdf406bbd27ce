import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, for locating dist/ from tests. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** Every byte the run wrote anywhere we can see: for secret-leak checks. */
  everything: string;
  runnerTemp: string;
}

export interface ActionRunOptions {
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  workspace: string;
  event?: Record<string, unknown>;
  entry?: string;
  timeoutMs?: number;
}

/** A GitHub-hosted runner's environment for a push of a tag, as a baseline tests override. */
export function runnerEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_REPOSITORY_ID: '123456',
    GITHUB_REPOSITORY_OWNER: 'octo-org',
    GITHUB_REPOSITORY_OWNER_ID: '654321',
    GITHUB_REF: 'refs/tags/v1.2.3',
    GITHUB_REF_NAME: 'v1.2.3',
    GITHUB_REF_TYPE: 'tag',
    GITHUB_SHA: 'a'.repeat(40),
    GITHUB_WORKFLOW: 'Release',
    GITHUB_WORKFLOW_REF: 'octo-org/octo-repo/.github/workflows/release.yml@refs/tags/v1.2.3',
    GITHUB_WORKFLOW_SHA: 'a'.repeat(40),
    GITHUB_EVENT_NAME: 'push',
    GITHUB_RUN_ID: '987654321',
    GITHUB_RUN_NUMBER: '42',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_ACTOR: 'octocat',
    GITHUB_JOB: 'release',
    RUNNER_ENVIRONMENT: 'github-hosted',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'GitHub Actions 2',
    ImageOS: 'ubuntu24',
    ImageVersion: '20261115.1.0',
    ...overrides,
  };
}

/** Parses the runner's file-command format: `name=value` lines or `name<<DELIM` … `DELIM` blocks. */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]!);
      out[name!] = value.join('\n');
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

/**
 * Runs an action entry the way the Actions runner does: a child process of `node` with INPUT_* variables and the
 * four file commands, in a clean environment (only PATH and HOME leak through from the test process).
 */
export async function runAction(options: ActionRunOptions): Promise<ActionRun> {
  const runnerTemp = await mkdtemp(path.join(tmpdir(), 'provenant-runner-'));
  const files = {
    GITHUB_OUTPUT: path.join(runnerTemp, 'output.txt'),
    GITHUB_STATE: path.join(runnerTemp, 'state.txt'),
    GITHUB_ENV: path.join(runnerTemp, 'env.txt'),
    GITHUB_PATH: path.join(runnerTemp, 'path.txt'),
    GITHUB_STEP_SUMMARY: path.join(runnerTemp, 'summary.md'),
  };
  for (const f of Object.values(files)) await writeFile(f, '');
  const eventPath = path.join(runnerTemp, 'event.json');
  await writeFile(eventPath, JSON.stringify(options.event ?? {}));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? runnerTemp,
    ...runnerEnv(),
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_EVENT_PATH: eventPath,
    RUNNER_TEMP: runnerTemp,
    ...files,
    ...options.env,
  };
  for (const [name, value] of Object.entries(options.inputs ?? {})) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  const entry = options.entry ?? path.join(repoRoot, 'dist', 'index.js');
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const child = spawn(process.execPath, [entry], {
        cwd: options.workspace,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60000);
      child.on('error', reject);
      child.on('close', (c) => {
        clearTimeout(timer);
        resolve({ code: c ?? -1, stdout: out, stderr: err });
      });
    },
  );
  const outputText = await readFile(files.GITHUB_OUTPUT, 'utf8');
  const summary = await readFile(files.GITHUB_STEP_SUMMARY, 'utf8');
  const rest = await Promise.all([files.GITHUB_STATE, files.GITHUB_ENV].map((f) => readFile(f, 'utf8')));
  return {
    code,
    stdout,
    stderr,
    outputs: parseFileCommands(outputText),
    summary,
    everything: [stdout, stderr, outputText, summary, ...rest].join('\n'),
    runnerTemp,
  };
}

/**
 * A command line that runs without the power to ignore file permissions. Root reads any file whatever its mode, so
 * as root the command runs under `setpriv` with CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH dropped: still root (so it
 * can reach the project's files wherever the checkout is), but a mode-000 file is unreadable to it.
 */
export function withoutPermissionOverride(command: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [command, args];
  const caps = '-dac_override,-dac_read_search';
  return ['setpriv', [`--inh-caps=${caps}`, `--bounding-set=${caps}`, command, ...args]];
}

/** Runs the built CLI as a user would. */
export async function runCliProcess(
  args: string[],
  options: { cwd: string; env?: Record<string, string>; respectPermissions?: boolean; input?: string } = {
    cwd: repoRoot,
  },
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const line: [string, string[]] = [process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), ...args]];
    const [command, argv] = options.respectPermissions ? withoutPermissionOverride(...line) : line;
    const child = spawn(command, argv, {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (c) => resolve({ code: c ?? -1, stdout: out, stderr: err }));
    child.stdin.end(options.input ?? '');
  });
}
