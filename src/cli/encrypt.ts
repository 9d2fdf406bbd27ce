/** `provenant encrypt FILE… --broker URL --policy POLICY.json`: composition only. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { brokerClient, parseBrokerUrl } from '../adapters/broker/client.js';
import { nodeCipher } from '../adapters/encryption/cipher.js';
import { nodeFileSystem } from '../adapters/fs/index.js';
import { writeFileAtomic } from '../adapters/fs/write-file.js';
import { readEventPayload } from '../adapters/actions/event.js';
import { encryptArtifacts, type EncryptResult } from '../app/encryption/encrypt.js';
import { bundleFileName, SIGNING_CONCURRENCY } from '../core/bundle-name.js';
import { inputError } from '../core/errors.js';
import { normaliseSubjectName } from '../core/subject.js';
import { jsonFormat, parseCommandArgs } from './args.js';
import type { CliCommand, CliIO } from './command.js';
import { SIGNING_FLAGS, SIGNING_USAGE, signingFrom } from './signing-flags.js';
import { stderrLogger } from './subject-options.js';

const usage = `Usage: provenant encrypt FILE... --broker URL --policy POLICY.json [options]

Encrypts each FILE into FILE.enc (AES-256-GCM in authenticated 64 KiB chunks, under a fresh data key), registers
each key with the key broker by a keyless-signed request, and signs provenance whose subjects are every plaintext
and every ciphertext. Only identities the policy allows can get a key back from the broker.

  --broker URL                 the key broker (https://…, or http:// on loopback)
  --policy FILE                who may decrypt: {"allow": [{"repo": "OWNER/REPO", "signer-workflow": "…"}]},
                               each entry with the verify flags' names (and "environment")
  --base-dir DIR               subject names are paths relative to DIR (default: the current directory)
  --output-dir DIR             where the provenance goes (default: provenant-out)
  --bundle-name NAME           the provenance bundle's name (default: provenance.sigstore.json)
  --format text|json           json prints the result as JSON on stdout (--json is the same)
  --quiet                      no progress on stderr
${SIGNING_USAGE}`;

const flags = {
  ...SIGNING_FLAGS,
  broker: { type: 'string' },
  policy: { type: 'string' },
  'base-dir': { type: 'string' },
  'output-dir': { type: 'string' },
  'bundle-name': { type: 'string' },
  format: { type: 'string' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean' },
} as const;

async function policyFile(given: string | undefined, cwd: string): Promise<{ text: string; source: string }> {
  if (!given) throw inputError('USAGE', 'expected --policy FILE (who may decrypt), got none.');
  try {
    return { text: await readFile(path.resolve(cwd, given), 'utf8'), source: `--policy ${given}` };
  } catch (e) {
    throw inputError(
      'FILE_NOT_FOUND',
      `--policy ${given}: expected a readable file, got ${(e as NodeJS.ErrnoException).code ?? 'an error'}.`,
      e,
    );
  }
}

function filesFrom(positionals: string[], baseDir: string, cwd: string) {
  if (positionals.length === 0) throw inputError('USAGE', 'expected at least one FILE to encrypt, got none.');
  return positionals.map((p) => {
    const abs = path.resolve(cwd, p);
    const name = normaliseSubjectName(path.relative(baseDir, abs).split(path.sep).join('/'), p);
    return { path: abs, name };
  });
}

function render(result: EncryptResult, json: boolean): string {
  const artifacts = result.artifacts.map((a) => ({
    file: a.file,
    encrypted: a.encrypted,
    plaintextSha256: a.plaintext.digest.sha256,
    ciphertextSha256: a.ciphertext.digest.sha256,
  }));
  const bundles = result.provenance.bundles.map((b) => b.path);
  if (json) return `${JSON.stringify({ artifacts, provenance: bundles }, null, 2)}\n`;
  return (
    artifacts
      .map((a) => `${a.encrypted}\n  sha256:${a.ciphertextSha256} (plaintext sha256:${a.plaintextSha256})\n`)
      .join('') + bundles.map((b) => `provenance: ${b}\n`).join('')
  );
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('encrypt', argv, flags);
  const json = jsonFormat(values);
  const broker = parseBrokerUrl(values.broker, '--broker');
  const policy = await policyFile(values.policy, io.cwd);
  const baseDir = path.resolve(io.cwd, values['base-dir'] ?? '.');
  const files = filesFrom(positionals, baseDir, io.cwd);
  const log = stderrLogger(io, values.quiet === true);
  const signing = await signingFrom(values, io, log);
  const result = await encryptArtifacts(
    {
      files,
      policy,
      serverUrl: io.env.GITHUB_SERVER_URL ?? 'https://github.com',
      provenance: {
        subjects: {
          patterns: [],
          checksumFiles: [],
          digests: [],
          baseDir,
          allowOutsideBase: false,
          ifNoFilesFound: 'error',
          algorithms: ['sha256'],
        },
        outputDir: path.resolve(io.cwd, values['output-dir'] ?? 'provenant-out'),
        dryRun: false,
        env: io.env,
        event: await readEventPayload(io.env.GITHUB_EVENT_PATH),
        extras: {},
        bundles: {
          layout: 'single',
          bundleName: bundleFileName(values['bundle-name'] ?? 'provenance.sigstore.json', '--bundle-name'),
          subjectsPerStatement: 1024,
          concurrency: SIGNING_CONCURRENCY,
        },
      },
    },
    {
      cipher: nodeCipher,
      broker: brokerClient(broker),
      signing: signing.identity,
      fs: nodeFileSystem,
      writeFile: writeFileAtomic,
      log,
    },
  );
  io.stdout(render(result, json));
  return 0;
}

export const command: CliCommand = {
  name: 'encrypt',
  summary: 'encrypt artifacts, register their keys with a key broker, sign provenance naming both sides',
  usage,
  run,
};
