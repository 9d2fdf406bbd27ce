/** What every CLI sub-command provides; `src/cli.ts` only dispatches. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  isTTY: boolean;
  /**
   * Sends a workflow command (`::add-mask::…`) where the Actions runner reads it: stderr, when the runner is there to
   * read it (in Actions, stderr a pipe or terminal). Never stdout, which may be data. Absent outside Actions.
   */
  workflowCommand?: (line: string) => void;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Returns the exit code: 0 ok, 1 a check failed, 2 usage error. Throwing a ProvenantError uses its exitCode. */
  run(argv: string[], io: CliIO): Promise<number>;
}
