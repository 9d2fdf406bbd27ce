/**
 * Starts the bench's command-line variants from a small helper process and times them there. Starting a process
 * costs more the more memory its parent holds (its page tables are copied: about 65 µs per MB here), and the bench
 * process holds sigstore-js, the local stack and test data. Charged to every command alike, that cost would squeeze
 * each ratio toward 1; a user starts `provenant` from a shell.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

const HELPER = `
const { spawnSync } = require('node:child_process');
require('node:readline').createInterface({ input: process.stdin }).on('line', (line) => {
  const { command, args, cwd } = JSON.parse(line);
  const started = process.hrtime.bigint();
  const r = spawnSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const stderr = r.error ? String(r.error) : r.stderr.toString();
  process.stdout.write(JSON.stringify({ seconds, status: r.status, stderr }) + '\\n');
});
`;

export interface Launched {
  /** Wall time of the command, measured by the helper. */
  seconds: number;
  status: number | null;
  stderr: string;
}

export class Launcher {
  private readonly child: ChildProcess;
  private readonly waiting: ((r: Launched) => void)[] = [];

  constructor() {
    this.child = spawn(process.execPath, ['-e', HELPER], { stdio: ['pipe', 'pipe', 'inherit'] });
    createInterface({ input: this.child.stdout! }).on('line', (line) =>
      this.waiting.shift()?.(JSON.parse(line) as Launched),
    );
  }

  /** Runs a command to its end (stdout discarded), one at a time. */
  run(command: string, args: string[], cwd: string): Promise<Launched> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.child.stdin!.write(`${JSON.stringify({ command, args, cwd })}\n`);
    });
  }

  stop(): void {
    this.child.stdin!.end();
  }
}

let shared: Launcher | undefined;

/** The bench's launcher, started on first use; {@link stopLauncher} ends it. */
export function launcher(): Launcher {
  shared ??= new Launcher();
  return shared;
}

export function stopLauncher(): void {
  shared?.stop();
  shared = undefined;
}
