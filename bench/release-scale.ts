/**
 * Item 3: a release of 100,000 subjects end to end (find, hash, build the sharded statements, sign each against the
 * local Sigstore stack, verify each after signing), as `provenant sign` runs it: wall time and peak RSS, next to
 * `provenant hash` of the same files (the part every tool must pay) and against the issue's targets.
 */
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startSigstoreStack } from '../test-support/sigstore-stack/index.js';
import { distDir, type Row } from './hash.js';

async function makeTinyFiles(root: string, count: number): Promise<void> {
  for (let d = 0; d < Math.ceil(count / 1000); d++) {
    const dir = path.join(root, `d${d}`);
    await mkdir(dir, { recursive: true });
    const writes: Promise<void>[] = [];
    for (let i = d * 1000; i < Math.min(count, (d + 1) * 1000); i++)
      writes.push(writeFile(path.join(dir, `artifact-${i}.bin`), `artifact ${i}\n`));
    await Promise.all(writes);
  }
}

/**
 * Runs the built CLI and times it; with `preload` (a script that reports the process's own peak RSS, VmHWM, as it
 * exits) also its memory.
 */
export function runMeasured(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  preload?: string,
): Promise<{ seconds: number; rss: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(
      process.execPath,
      [...(preload ? ['--import', pathToFileURL(preload).href] : []), path.join(distDir, 'cli.js'), ...args],
      {
        cwd,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const kib = [...stderr.matchAll(/bench-max-rss-kib=(\d+)/g)].at(-1)?.[1];
      if (code !== 0 || (preload && kib === undefined))
        reject(new Error(`provenant ${args[0]} failed (${code}): ${stderr.slice(-2000)}`));
      else resolve({ seconds, rss: Number(kib ?? 0) * 1024 });
    });
  });
}

export async function benchReleaseScale(dir: string, count: number): Promise<Row[]> {
  const root = path.join(dir, `release-${count}`);
  await makeTinyFiles(root, count);
  const preload = path.join(dir, 'scale-max-rss.mjs');
  await writeFile(
    preload,
    "import { readFileSync, writeSync } from 'node:fs';\nimport { isMainThread } from 'node:worker_threads';\n" +
      "if (isMainThread) process.on('exit', () => { let kib = process.resourceUsage().maxRSS; try { kib = Number(/VmHWM:\\s*(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]); } catch {} writeSync(2, `\\nbench-max-rss-kib=${kib}\\n`); });\n",
  );
  const stack = await startSigstoreStack();
  try {
    const hashOnly = await runMeasured(['hash', '--quiet', '.'], root, {}, preload);
    const signed = await runMeasured(
      [
        'sign',
        '.',
        '--quiet',
        '--json',
        '--output-dir',
        path.join(dir, `bundles-${count}`),
        '--sigstore',
        'custom',
        '--fulcio-url',
        stack.urls.fulcio,
        '--rekor-url',
        stack.urls.rekor,
        '--tsa-url',
        stack.urls.tsa,
        '--trusted-root',
        stack.trustedRootPath,
      ],
      root,
      { SIGSTORE_ID_TOKEN: stack.issueToken() },
      preload,
    );
    const mb = (b: number) => `${(b / 1e6).toFixed(0)} MB`;
    const label = `${count} subjects (${Math.ceil(count / 1024)} statements of ≤1024)`;
    return [
      {
        figure: `sign ${label}: wall time vs provenant hash alone`,
        value: `${signed.seconds.toFixed(1)} s`,
        baseline: `${hashOnly.seconds.toFixed(1)} s`,
        ratio: (hashOnly.seconds / signed.seconds).toFixed(2),
      },
      {
        figure: `sign ${label}: wall time vs target 120 s`,
        value: `${signed.seconds.toFixed(1)} s`,
        baseline: '120 s',
        ratio: (120 / signed.seconds).toFixed(2),
      },
      {
        figure: `sign ${label}: peak RSS vs target 512 MB`,
        value: mb(signed.rss),
        baseline: '512 MB',
        ratio: (512e6 / signed.rss).toFixed(2),
      },
    ];
  } finally {
    await stack.stop();
  }
}
