import type { CliCommand } from '../../src/cli/command.js';

/** What a CLI command wrote and returned when run in `cwd` with no terminal and no environment. */
export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCommand(command: CliCommand, args: string[], cwd: string): Promise<CommandRun> {
  const written = { stdout: [] as string[], stderr: [] as string[] };
  const code = await command.run(args, {
    stdout: (text) => void written.stdout.push(text),
    stderr: (text) => void written.stderr.push(text),
    env: {},
    cwd,
    isTTY: false,
  });
  return { code, stdout: written.stdout.join(''), stderr: written.stderr.join('') };
}
