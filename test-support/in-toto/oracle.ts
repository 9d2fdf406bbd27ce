/**
 * Runs Debian's in-toto 1.3.1 (`/usr/bin/python3` with `in_toto`) over many rule cases in one process: starting
 * Python costs about as much as thousands of cases. Throws, naming the package, when in-toto is not installed.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface OracleCase {
  steps: { name: string; expected_materials: unknown[]; expected_products: unknown[] }[];
  links: Record<string, Record<string, unknown>>;
}

export type OracleVerdict =
  | { verdict: 'pass' }
  | { verdict: 'fail'; step: string; list: 'materials' | 'products'; index: number }
  | { verdict: 'invalid' }
  | { verdict: 'error'; detail: string };

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./oracle.py', import.meta.url));

export function inTotoVerdicts(cases: readonly OracleCase[]): OracleVerdict[] {
  const run = spawnSync(PYTHON, [SCRIPT], {
    input: JSON.stringify(cases),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.error || run.status !== 0) {
    throw new Error(
      `in-toto oracle failed (${run.error?.message ?? `exit ${run.status}`}): ${run.stderr}\n` +
        'The differential tests need Debian in-toto 1.3.1: apt-get install -y in-toto',
    );
  }
  return JSON.parse(run.stdout) as OracleVerdict[];
}
