/**
 * Runs the built CLI (`node dist/cli.js …`) as a user would, and reports what the run cost: wall time and the peak
 * resident memory the process itself recorded (its own resource usage, worker threads included), written on exit by
 * a preloaded module. The wall-time cap is a hang guard only: a run past it is killed and reported as
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

/**
 * On exit (process.exit or a natural end), the process writes its own peak memory where the env says. Linux keeps
 * `maxRSS` across fork and exec, so a child of a big process (a Jest worker of 500 MB) would report its parent's
 * peak; the peak of the process image itself is VmHWM in /proc/self/status (worker threads share it), and maxRSS
 * only where /proc is not there. Both are in kB.
 */
const PRELOAD =
  'data:text/javascript,' +
  encodeURIComponent(
    "import { readFileSync, writeFileSync } from 'node:fs';" +
      "process.on('exit', () => { let hwm; try { hwm = Number(/VmHWM:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]); } catch {}" +
      ' const usage = process.resourceUsage();' +
      ' writeFileSync(process.env.PROVENANT_TEST_RUSAGE, JSON.stringify({ peakKB: hwm || usage.maxRSS, maxRSS: usage.maxRSS })); });',
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
      (text) => JSON.parse(text) as { peakKB: number },
      () => undefined,
    );
    return { ...run, seconds, ...(usage ? { maxRssMB: usage.peakKB / 1024 } : {}) };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
