/**
 * Runs the built CLI (`node dist/cli.js …`) as a user would, and reports what the run cost: wall time and the peak
 * resident memory the process itself recorded (`process.resourceUsage().maxRSS`, worker threads included), written
 * on exit by a preloaded module. The wall-time cap is a hang guard only: a run past it is killed and reported as
 * timed out, so a test can fail clearly instead of holding the suite.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './action-runner.js';

export interface MeasuredRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident set size in MB (undefined when the process was killed before it could say). */
  maxRssMB?: number;
  seconds: number;
  timedOut: boolean;
}

// On exit (process.exit or a natural end), the process writes its own resource usage where the env says.
const PRELOAD =
  'data:text/javascript,' +
  encodeURIComponent(
    "import { writeFileSync } from 'node:fs';" +
      "process.on('exit', () => writeFileSync(process.env.PROVENANT_TEST_RUSAGE, JSON.stringify(process.resourceUsage())));",
  );

export async function runCliMeasured(
  args: string[],
  options: { cwd: string; timeoutMs: number; env?: Record<string, string> },
): Promise<MeasuredRun> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'provenant-rusage-'));
  const usageFile = path.join(scratch, 'usage.json');
  const started = performance.now();
  try {
    const run = await new Promise<Omit<MeasuredRun, 'maxRssMB' | 'seconds'>>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--import', PRELOAD, path.join(repoRoot, 'dist', 'cli.js'), ...args],
        {
          cwd: options.cwd,
          env: {
            PATH: process.env.PATH ?? '',
            HOME: process.env.HOME ?? '/tmp',
            PROVENANT_TEST_RUSAGE: usageFile,
            ...options.env,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stdout = '';
      let stderr = '';
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, options.timeoutMs);
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr, timedOut });
      });
    });
    const seconds = (performance.now() - started) / 1000;
    const usage = await readFile(usageFile, 'utf8').then(
      (text) => JSON.parse(text) as { maxRSS: number },
      () => undefined,
    );
    return { ...run, seconds, ...(usage ? { maxRssMB: usage.maxRSS / 1024 } : {}) };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
