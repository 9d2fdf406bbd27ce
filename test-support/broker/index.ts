/**
 * The key broker as tests run it: `node dist/cli.js broker serve …` as a child process, its URL read from the first
 * line of stdout and its audit lines collected after it; plus in-process signing and decrypting through the real
 * adapters, for tests that need to see or resend what goes over the wire.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot } from '../action-runner.js';

export interface BrokerProcess {
  url: string;
  /** The audit entries it printed so far. */
  audit: Record<string, unknown>[];
  stderr(): string;
  /** SIGTERM (orderly) or SIGKILL (a crash); resolves when the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface BrokerOptions {
  args: string[];
  masterKey?: string;
  cwd?: string;
}

export const newMasterKey = () => randomBytes(32).toString('hex');

export async function startBroker(options: BrokerOptions): Promise<BrokerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(repoRoot, 'dist', 'cli.js'), 'broker', 'serve', ...options.args],
    {
      cwd: options.cwd ?? repoRoot,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        ...(options.masterKey ? { PROVENANT_BROKER_MASTER_KEY: options.masterKey } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const audit: Record<string, unknown>[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    let first = true;
    lines.on('line', (line) => {
      if (first) {
        first = false;
        resolve(line.trim());
      } else audit.push((JSON.parse(line) as { audit: Record<string, unknown> }).audit);
    });
    void exited.then((code) =>
      reject(new Error(`broker exited with ${code} before printing its URL: ${err}`)),
    );
  });
  return {
    url,
    audit,
    stderr: () => err,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Waits until `check` holds (audit lines arrive on the broker's stdout a moment after its answer). */
export async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
