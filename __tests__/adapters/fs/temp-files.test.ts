import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../../test-support/action-runner.js';

/**
 * A real process holding a temporary file (through the module itself, its types stripped by Node) is interrupted:
 * the file must be gone, and the process must end by the signal, as it would have without the cleanup.
 */
function interrupted(
  signal: NodeJS.Signals,
  file: string,
): Promise<{ code: number | null; signal: string | null }> {
  const module = path.join(repoRoot, 'src/adapters/fs/temp-files.ts');
  const script =
    `import { writeFileSync } from 'node:fs'; import { trackTemporaryFile } from ${JSON.stringify(module)};` +
    `trackTemporaryFile(${JSON.stringify(file)}); writeFileSync(${JSON.stringify(file)}, 'half');` +
    `console.log('ready'); setInterval(() => {}, 1000);`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.once('data', () => child.kill(signal));
    child.on('error', reject);
    child.on('close', (code, sig) => resolve({ code, signal: sig }));
  });
}

describe('temporary files', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'are removed on %s, and the signal still ends the process',
    async (signal) => {
      const dir = await mkdtemp(path.join(tmpdir(), 'provenant-temp-'));
      const file = path.join(dir, 'provenance.sigstore.json.123.tmp');
      try {
        const result = await interrupted(signal, file);
        expect(existsSync(file)).toBe(false);
        expect(result.signal).toBe(signal);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
