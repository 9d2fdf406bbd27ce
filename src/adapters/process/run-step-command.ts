/**
 * Runs a step's command as given (no shell), passing its output through while hashing it, and says how it ended.
 * A command that cannot start ends with 127 and one killed by a signal with 128 + the signal's number, as a shell
 * reports them: either way the step's link still records what happened.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { constants } from 'node:os';
import type { CommandRun, StepCommandPort } from '../../app/attest-step.js';

export interface CommandOutput {
  stdout: (chunk: Buffer) => void;
  stderr: (chunk: Buffer) => void;
}

/**
 * What the step's command sees of Provenant's environment: everything but the identity token given for signing and
 * the action's inputs (`INPUT_*`, which hold the GitHub token): a build that prints its environment leaks neither.
 */
export function commandEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => name !== 'SIGSTORE_ID_TOKEN' && !name.startsWith('INPUT_')),
  );
}

export function stepCommandRunner(
  cwd: string,
  env: NodeJS.ProcessEnv,
  output: CommandOutput,
): StepCommandPort {
  return {
    run: (command) =>
      new Promise<CommandRun>((resolve) => {
        const stdout = createHash('sha256');
        const stderr = createHash('sha256');
        let settled = false;
        const done = (exitCode: number, detail?: string) => {
          if (settled) return;
          settled = true;
          resolve({
            exitCode,
            stdoutSha256: stdout.digest('hex'),
            stderrSha256: stderr.digest('hex'),
            ...(detail ? { detail } : {}),
          });
        };
        const child = spawn(command[0]!, command.slice(1), {
          cwd,
          env: commandEnvironment(env),
          stdio: ['inherit', 'pipe', 'pipe'],
        });
        child.stdout.on('data', (chunk: Buffer) => {
          stdout.update(chunk);
          output.stdout(chunk);
        });
        child.stderr.on('data', (chunk: Buffer) => {
          stderr.update(chunk);
          output.stderr(chunk);
        });
        child.on('error', (e: NodeJS.ErrnoException) =>
          done(127, `could not start ${command[0]!}: ${e.code ?? e.message}`),
        );
        child.on('close', (code, signal) => {
          if (signal) done(128 + (constants.signals[signal] ?? 0), `killed by ${signal}`);
          else done(code ?? 1);
        });
      }),
  };
}
