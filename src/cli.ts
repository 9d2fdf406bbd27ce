import { describeFailure } from './core/failure.js';
import { fs } from './adapters/builtins.js';
import { isProcessEntry } from './adapters/process/entry.js';
import { registerAll } from './cli/registry.js';
import { secrets } from './core/redact.js';
import type { CliCommand, CliIO } from './cli/command.js';
import { PROVENANT_VERSION } from './version.js';

// Each command lives in its own module; this file only dispatches and maps failures to exit codes.
const commands: Record<string, () => Promise<CliCommand>> = {};

export function registerCommand(name: string, load: () => Promise<CliCommand>): void {
  commands[name] = load;
}

registerAll(registerCommand);

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const lines = await Promise.all(Object.entries(commands).map(async ([, load]) => load()));
    io.stdout(
      'provenant: signed SLSA provenance for releases\n\nUsage: provenant <command> [options]\n\nCommands:\n' +
        lines.map((c) => `  ${c.name.padEnd(14)} ${c.summary}`).join('\n') +
        "\n\nRun `provenant <command> --help` for a command's options.\n",
    );
    return name ? 0 : 2;
  }
  if (name === '--version' || name === 'version') {
    io.stdout(`${PROVENANT_VERSION}\n`);
    return 0;
  }
  const load = commands[name];
  if (!load) {
    io.stderr(
      `provenant: unknown command ${JSON.stringify(name)}; expected one of ${Object.keys(commands).join(', ')}.\n`,
    );
    return 2;
  }
  const command = await load();
  // After `--` come a command's own arguments (attest-step's CMD): a -h there is not a request for help.
  const own = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (own.includes('--help') || own.includes('-h')) {
    io.stdout(command.usage.endsWith('\n') ? command.usage : `${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    const f = describeFailure(e);
    io.stderr(
      secrets.redact(
        f.unexpected
          ? `provenant ${name}: unexpected error: ${f.message}\n`
          : `provenant ${name}: error [${f.code}]: ${f.message}\n`,
      ),
    );
    return f.exitCode;
  }
}

/** In Actions, with stderr going to the runner (a pipe or a terminal), not redirected into a file. */
function runnerReadsStderr(): boolean {
  if (process.env.GITHUB_ACTIONS !== 'true') return false;
  try {
    const stat = fs.fstatSync(2);
    return stat.isFIFO() || stat.isSocket() || stat.isCharacterDevice();
  } catch {
    return false;
  }
}

/**
 * A stream whose reader went away (`provenant hash | head -1`) takes no more writes, quietly: the command finishes
 * and exits with its own code, as it would have with every line read, instead of dying on an unhandled EPIPE.
 */
function writer(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    closed = true;
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}

/** Runs the CLI as a process: the real streams and environment, and the exit code set rather than forced. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  const stdout = writer(process.stdout);
  const stderr = writer(process.stderr);
  const code = await runCli(argv, {
    stdout,
    stderr,
    env: process.env,
    cwd: process.cwd(),
    isTTY: Boolean(process.stderr.isTTY),
    ...(runnerReadsStderr() ? { workflowCommand: (line: string) => stderr(`${line}\n`) } : {}),
  });
  // No process.exit: called while a worker thread or a pending write is still winding down, it can deadlock Node's
  // shutdown and leave the process hanging for ever. Nothing a command leaves behind keeps the loop alive (idle hashing
  // threads are unreferenced), so setting the code and returning ends the process once its output is written.
  process.exitCode = code;
}

if (isProcessEntry(import.meta.url)) void main();
