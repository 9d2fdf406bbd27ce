import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot, runCliProcess } from '../../test-support/action-runner.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';

let stack: SigstoreStack;
let ws: string;

beforeAll(async () => {
  stack = await startSigstoreStack();
  ws = await mkdtemp(path.join(tmpdir(), 'provenant-cli-sign-'));
  await mkdir(path.join(ws, 'dist'), { recursive: true });
  for (let i = 0; i < 5; i++) await writeFile(path.join(ws, 'dist', `a${i}.bin`), `artifact ${i}`);
});
afterAll(async () => {
  await stack.stop();
  await rm(ws, { recursive: true, force: true });
});
afterEach(() => stack.faults.clear());

/** The local stack as a custom instance: URLs alone select it. */
const localInstance = () => [
  '--fulcio-url',
  stack.urls.fulcio,
  '--rekor-url',
  stack.urls.rekor,
  '--trusted-root',
  stack.trustedRootPath,
];

const sign = (out: string, witness: { rekor?: boolean; tsa?: boolean }, extra: string[] = []) =>
  runCliProcess(
    [
      'sign',
      'dist',
      '--quiet',
      '--json',
      '--sigstore',
      'custom',
      '--fulcio-url',
      stack.urls.fulcio,
      ...(witness.rekor ? ['--rekor-url', stack.urls.rekor] : []),
      ...(witness.tsa ? ['--tsa-url', `${stack.urls.tsa}/api/v1/timestamp`] : []),
      '--trusted-root',
      stack.trustedRootPath,
      '--output-dir',
      out,
      ...extra,
    ],
    { cwd: ws, env: { SIGSTORE_ID_TOKEN: stack.issueToken() } },
  );

describe('provenant sign (built CLI) against the local Sigstore stack', () => {
  it.each([
    ['Rekor only', { rekor: true }, 1, 0],
    ['TSA only', { tsa: true }, 0, 1],
    ['Rekor and TSA', { rekor: true, tsa: true }, 1, 1],
  ] as const)('signs with %s and verifies after signing', async (_label, witness, tlogs, timestamps) => {
    const out = path.join(ws, `out-${tlogs}${timestamps}`);
    const r = await sign(out, witness);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.bundles).toHaveLength(1);
    const bundle = JSON.parse(await readFile(result.bundles[0].path, 'utf8'));
    expect(bundle.verificationMaterial.tlogEntries ?? []).toHaveLength(tlogs);
    expect(bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps ?? []).toHaveLength(
      timestamps,
    );
    expect(result.bundles[0].certificateIdentity).toBe(
      'https://github.com/octo-org/octo-repo/.github/workflows/release.yml@refs/tags/v1.0.0',
    );
  });

  it('shards statements past --subjects-per-statement and signs each', async () => {
    const out = path.join(ws, 'out-shards');
    const r = await sign(out, { rekor: true }, ['--subjects-per-statement', '2']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.bundles.map((b: { path: string }) => path.basename(b.path))).toEqual([
      'provenance.sigstore.json',
      'provenance-2.sigstore.json',
      'provenance-3.sigstore.json',
    ]);
    expect(result.bundles.flatMap((b: { subjects: string[] }) => b.subjects)).toHaveLength(5);
  });

  it('survives Rekor answering 503 twice and Fulcio resetting the connection once', async () => {
    stack.faults.failNext('rekor', 2, 503);
    stack.faults.resetNext('fulcio', 1);
    const r = await sign(path.join(ws, 'out-retry'), { rekor: true });
    expect(r.code).toBe(0);
    expect(stack.faults.pending('rekor')).toBe(0);
    expect(stack.faults.pending('fulcio')).toBe(0);
  });

  it('fails clearly when Rekor refuses outright, naming the service and URL, and leaves no bundle', async () => {
    stack.faults.failNext('rekor', 1, 400);
    const out = path.join(ws, 'out-400');
    const r = await sign(out, { rekor: true });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[SIGNING_FAILED]');
    expect(r.stderr).toContain(`Rekor at ${stack.urls.rekor}`);
    const left = await readdir(out).catch(() => []);
    expect(left.filter((f) => f.endsWith('.sigstore.json'))).toEqual([]);
  });

  it('refuses a mismatched trusted root after signing (verify-after-sign), with the bundle kept for inspection', async () => {
    const other = await startSigstoreStack();
    try {
      const out = path.join(ws, 'out-wrong-root');
      const r = await sign(out, { rekor: true }, ['--trusted-root', other.trustedRootPath]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('[VERIFY_AFTER_SIGN_FAILED]');
      // Written before the check, so nothing signed is ever lost; nothing was published either.
      expect(await readdir(out)).toContain('provenance.sigstore.json');
    } finally {
      await other.stop();
    }
  });
});

describe('provenant sign checks its options before anything is hashed or signed', () => {
  const run = (args: string[]) =>
    runCliProcess(['sign', 'dist', '--quiet', ...args], {
      cwd: ws,
      env: { SIGSTORE_ID_TOKEN: stack.issueToken() },
    });

  it.each([
    [['--bundle-name', '../escape'], /--bundle-name: expected a plain file name/],
    [['--bundle-name', 'a/b.json'], /--bundle-name: expected a plain file name/],
    [['--bundle-name', 'bad\u0007name'], /argument 4: expected no control characters .*U\+0007/],
    [
      ['--subjects-per-statement', '1e3'],
      /--subjects-per-statement: expected a whole number from 1 to 9999999, got "1e3"/,
    ],
    [['--subjects-per-statement', '0'], /--subjects-per-statement: expected a whole number/],
    [['--subjects-per-statement', '10000000'], /--subjects-per-statement: expected a whole number/],
    [
      ['--sigstore', 'public-good', '--fulcio-url', 'http://127.0.0.1:9'],
      /--sigstore public-good names a known instance with its own services, but --fulcio-url was given too/,
    ],
    [
      ['--sigstore', 'custom', '--fulcio-url', 'http://127.0.0.1:9', '--rekor-url', 'http://127.0.0.1:9'],
      /expected --trusted-root/,
    ],
  ])('%j is a usage error', async (args, message) => {
    const before = await readdir(ws);
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/input |fix the `sigstore` input/);
    expect(await readdir(ws)).toEqual(before);
  });

  it('keeps a .intoto.jsonl bundle name as given, one bundle on one line, which verify reads', async () => {
    const out = path.join(ws, 'out-jsonl');
    const r = await sign(out, { rekor: true }, ['--bundle-name', 'provenance.intoto.jsonl']);
    expect(r.code).toBe(0);
    const text = await readFile(path.join(out, 'provenance.intoto.jsonl'), 'utf8');
    expect(text.split('\n')).toHaveLength(2);
    expect(JSON.parse(text).mediaType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
    const v = await runCliProcess(
      [
        'verify',
        'dist/a0.bin',
        '--bundle',
        path.join(out, 'provenance.intoto.jsonl'),
        '--trusted-root',
        stack.trustedRootPath,
        '--repo',
        'octo-org/octo-repo',
      ],
      { cwd: ws },
    );
    expect(v.stderr).toBe('');
    expect(v.code).toBe(0);
  });

  it('writes to provenant-out by default, and a rerun over the same tree never signs the first run’s output', async () => {
    const tree = await mkdtemp(path.join(tmpdir(), 'provenant-rerun-'));
    await writeFile(path.join(tree, 'app.bin'), 'app');
    const again = (out: string[] = []) =>
      runCliProcess(['sign', '.', '--json', ...localInstance(), ...out], {
        cwd: tree,
        env: { SIGSTORE_ID_TOKEN: stack.issueToken() },
      });
    const first = await again();
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout).bundles[0].path).toBe(
      path.join(tree, 'provenant-out', 'provenance.sigstore.json'),
    );
    const rerun = await again();
    expect(rerun.code).toBe(0);
    expect(JSON.parse(rerun.stdout).bundles[0].subjects).toEqual(['app.bin']);
    expect(rerun.stderr).toMatch(/Skipping 2 files an earlier run wrote to the output directory/);
    // With the working directory as the output directory too.
    await rm(path.join(tree, 'provenant-out'), { recursive: true });
    for (let i = 0; i < 2; i++) {
      const r = await again(['--output-dir', '.']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).bundles[0].subjects).toEqual(['app.bin']);
    }
    await rm(tree, { recursive: true, force: true });
  });
});

describe('provenant sign --json inside GitHub Actions', () => {
  const args = (out: string) => [
    'sign',
    'dist',
    '--json',
    '--quiet',
    ...localInstance(),
    '--output-dir',
    out,
  ];

  it('keeps stdout pure JSON: the token is masked through stderr, where the runner reads workflow commands', async () => {
    const r = await runCliProcess(args(path.join(ws, 'out-actions')), {
      cwd: ws,
      env: { ...stack.env, GITHUB_ACTIONS: 'true' },
    });
    expect(r.code).toBe(0);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    expect(r.stdout).not.toContain('::');
    expect(r.stdout).not.toMatch(/eyJ[A-Za-z0-9_-]+\./);
    const mask = r.stderr.match(/^::add-mask::(\S+)$/m);
    expect(mask).not.toBeNull();
    expect(JSON.parse(Buffer.from(mask![1]!.split('.')[1]!, 'base64url').toString()).aud).toBe('sigstore');
  });

  it('writes no workflow command (so no token) into a stderr redirected to a file', async () => {
    const log = path.join(ws, 'stderr.log');
    const out = path.join(ws, 'out-redirect');
    const { spawn } = await import('node:child_process');
    const { openSync, closeSync } = await import('node:fs');
    const fd = openSync(log, 'w');
    // Asynchronous: the stack serves from this process, so a synchronous spawn would leave the CLI unanswered.
    const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), ...args(out)], {
      cwd: ws,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        ...stack.env,
        GITHUB_ACTIONS: 'true',
      },
      stdio: ['ignore', 'ignore', fd],
    });
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    closeSync(fd);
    expect(status).toBe(0);
    const text = await readFile(log, 'utf8');
    expect(text).not.toContain('::add-mask::');
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]+\./);
  });
});

describe('provenant sign on a terminal', () => {
  it('ends the progress bar before any other line', async () => {
    const { spawn } = await import('node:child_process');
    const out = path.join(ws, 'out-tty');
    const command = [
      process.execPath,
      path.join(repoRoot, 'dist', 'cli.js'),
      'sign',
      'dist',
      ...localInstance(),
      '--output-dir',
      out,
    ]
      .map((w) => JSON.stringify(w))
      .join(' ');
    // util-linux `script` gives the CLI a pseudo-terminal, so it draws its bar as for a person.
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      cwd: ws,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        SIGSTORE_ID_TOKEN: stack.issueToken(),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    const lines = text.split(/\r?\n/);
    const bar = lines.filter((l) => /\[[#.]{30}\]/.test(l));
    expect(bar.length).toBeGreaterThan(0);
    // The last redraw of the bar is the whole of its line: nothing was appended to it.
    for (const l of bar)
      expect(l.split('\r').pop()).toMatch(/^\[[#.]{30}\] +\d+% \d+\/\d+ files [^a-z]*[a-zA-Z]+ *$/);
    expect(lines.some((l) => l.startsWith('Signing 1 statement'))).toBe(true);
  });
});
