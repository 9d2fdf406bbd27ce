/**
 * The Sigstore conformance suite's verification cases (fixtures/conformance, Apache-2.0, see its README), each run
 * through the client protocol twice: with the artifact as a file and as sha256:<hex>. Cases ending in `_fail`
 * must exit non-zero, every other must exit 0.
 */
import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { command } from '../../src/cli/verify-bundle.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const casesDir = join(here, '..', 'fixtures', 'conformance', 'bundle-verify');
const publicGood = join(here, '..', 'fixtures', 'trust', 'public-good-trusted-root.json');
const DEFAULT_IDENTITY =
  'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main';
const DEFAULT_ISSUER = 'https://token.actions.githubusercontent.com';

interface Case {
  name: string;
  shouldFail: boolean;
  args: (mode: 'file' | 'digest') => string[];
}

function loadCases(): Case[] {
  return readdirSync(casesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const dir = join(casesDir, name);
      const optional = (file: string) => (existsSync(join(dir, file)) ? join(dir, file) : undefined);
      const text = (file: string, fallback: string) =>
        optional(file) ? readFileSync(join(dir, file), 'utf8').trim() : fallback;
      const artifact = optional('artifact') ?? join(casesDir, 'a.txt');
      const digest = `sha256:${createHash('sha256').update(readFileSync(artifact)).digest('hex')}`;
      const key = optional('key.pub');
      return {
        name,
        shouldFail: name.endsWith('_fail'),
        args: (mode) => [
          'verify-bundle',
          '--bundle',
          join(dir, 'bundle.sigstore.json'),
          ...(key
            ? ['--key', key]
            : [
                '--certificate-identity',
                text('identity', DEFAULT_IDENTITY),
                '--certificate-oidc-issuer',
                text('issuer', DEFAULT_ISSUER),
              ]),
          '--trusted-root',
          optional('trusted_root.json') ?? publicGood,
          mode === 'file' ? artifact : digest,
        ],
      };
    });
}

const cases = loadCases();

async function runInProcess(argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const [, ...rest] = argv;
  const code = await command.run(rest, {
    stdout: () => {},
    stderr: (t) => (stderr += t),
    env: {},
    cwd: root,
    isTTY: false,
  });
  return { code, stderr };
}

describe('Sigstore conformance: bundle verification', () => {
  it('has the whole corpus (70 cases)', () => {
    expect(cases).toHaveLength(70);
  });

  it('gets all 140 invocations right', async () => {
    const wrong: string[] = [];
    let right = 0;
    for (const c of cases) {
      for (const mode of ['file', 'digest'] as const) {
        const { code, stderr } = await runInProcess(c.args(mode));
        if (c.shouldFail ? code !== 0 : code === 0) right++;
        else wrong.push(`${c.name} (${mode}): exit ${code} ${stderr.trim()}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(right).toBe(140);
  });

  it('fails the cases sigstore-js alone accepts or crashes on, each for its reason', async () => {
    const reason = async (name: string) =>
      (await runInProcess(cases.find((c) => c.name === name)!.args('digest'))).stderr;
    expect(await reason('trust-root-tlog-missing-validity-start_fail')).toContain('[TRUST_ROOT_INVALID]');
    // Its chain carries a foreign root, which is never consulted; what fails it is an inclusion proof without a checkpoint.
    expect(await reason('bundle-with-root-cert_fail')).toMatch(
      /\[BUNDLE_INVALID\].*inclusion proof of transparency-log entry 0 to carry the log's signed checkpoint, got none/,
    );
    expect(await reason('bundle-unknown-version_fail')).toContain('[BUNDLE_VERSION_UNSUPPORTED]');
    expect(await reason('bundle-malformed-json_fail')).toMatch(
      /\[BUNDLE_INVALID\]: bundle\.sigstore\.json: .*complete JSON/,
    );
    expect(await reason('wrong-material_fail')).toContain('[SUBJECT_MISMATCH]');
  });

  // The protocol is a command line: run a few cases as the suite would, in a child process.
  const child = promisify(execFile);
  const resolver = join(root, 'test-support', 'sigstore-stack', 'ts-resolve.mjs');
  it.each(['happy-path-v0.3', 'managed-key-happy-path', 'rekor2-dsse-happy-path', 'signature-mismatch_fail'])(
    'runs %s through a child process',
    async (name) => {
      const c = cases.find((x) => x.name === name)!;
      const entry = join(root, 'src', 'cli', 'verify-bundle.ts');
      const program = `const { command } = await import(${JSON.stringify(entry)});
const code = await command.run(process.argv.slice(1), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), env: process.env, cwd: process.cwd(), isTTY: false });
process.exitCode = code;`;
      const [, ...rest] = c.args('file');
      let code = 0;
      try {
        await child(
          process.execPath,
          ['--import', resolver, '--input-type=module', '-e', program, '--', ...rest],
          { cwd: root, env: { ...process.env, NODE_OPTIONS: '' } },
        );
      } catch (e) {
        code = (e as { code?: number }).code ?? 1;
      }
      expect(code === 0).toBe(!c.shouldFail);
    },
  );
});
