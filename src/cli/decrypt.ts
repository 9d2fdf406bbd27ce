/** `provenant decrypt FILE.enc --broker URL --output FILE`: composition only. */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { brokerClient, parseBrokerUrl } from '../adapters/broker/client.js';
import { nodeCipher } from '../adapters/encryption/cipher.js';
import { loadBundles } from '../adapters/sigstore/bundle-loader.js';
import { loadTrustedRootFile, resolveTrustedRoot, trustMaterial } from '../adapters/sigstore/trust.js';
import { verifyBundleCrypto } from '../adapters/sigstore/verifier.js';
import { decryptArtifact, type DecryptResult } from '../app/encryption/decrypt.js';
import { inputError } from '../core/errors.js';
import { jsonFormat, parseCommandArgs } from './args.js';
import type { CliCommand, CliIO } from './command.js';
import { SIGNING_FLAGS, SIGNING_USAGE, signingFrom, type Signing } from './signing-flags.js';
import { stderrLogger } from './subject-options.js';

const usage = `Usage: provenant decrypt FILE.enc --broker URL --output FILE [options]

Asks the key broker for FILE.enc's data key with a keyless-signed key request (the ciphertext's digest from its
provenance, a one-time public key, the broker's nonce), decrypts, and checks the plaintext against the provenance.
FILE is written only when every chunk authenticated and both digests are the provenance's; otherwise nothing is.

  --broker URL                 the key broker the file was encrypted for
  --output FILE                where the plaintext goes
  --bundle FILE                the provenance bundle (default: FILE.enc.sigstore.json, else provenance.sigstore.json,
                               beside FILE.enc)
  --name NAME                  FILE.enc's subject name in the provenance (default: the one subject whose last
                               path segment is FILE.enc's base name)
  --format text|json           json prints the result as JSON on stdout (--json is the same)
  --quiet                      no progress on stderr
${SIGNING_USAGE}`;

const flags = {
  ...SIGNING_FLAGS,
  broker: { type: 'string' },
  output: { type: 'string' },
  bundle: { type: 'string' },
  name: { type: 'string' },
  format: { type: 'string' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean' },
} as const;

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

async function provenanceBundle(given: string | undefined, input: string, cwd: string): Promise<string> {
  if (given) return path.resolve(cwd, given);
  for (const candidate of [
    `${input}.sigstore.json`,
    path.join(path.dirname(input), 'provenance.sigstore.json'),
  ])
    if (await exists(candidate)) return candidate;
  throw inputError(
    'BUNDLE_NOT_FOUND',
    `expected the provenance bundle beside ${input} (${path.basename(input)}.sigstore.json or provenance.sigstore.json), got neither. Pass --bundle FILE.`,
  );
}

async function provenanceVerifier(signing: Signing, io: CliIO) {
  const root = signing.trustedRoot
    ? await loadTrustedRootFile(signing.trustedRoot)
    : await resolveTrustedRoot({ instance: signing.sigstore === 'custom' ? '' : signing.sigstore }, (p) =>
        path.resolve(io.cwd, p),
      );
  const trust = trustMaterial(root);
  return async (bundlePath: string) => {
    const [loaded] = await loadBundles(bundlePath);
    if (!loaded)
      throw inputError('BUNDLE_NOT_FOUND', `${bundlePath}: expected a provenance bundle, got an empty file.`);
    return verifyBundleCrypto(loaded.bundle, { source: loaded.source, trust, artifact: {} });
  };
}

function render(result: DecryptResult, json: boolean): string {
  if (json) return `${JSON.stringify(result, null, 2)}\n`;
  return `${result.output}\n  plaintext sha256:${result.plaintextSha256}\n  ciphertext sha256:${result.ciphertextSha256}\n  published by ${result.publisher.identity}\n`;
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('decrypt', argv, flags);
  const json = jsonFormat(values);
  if (positionals.length !== 1)
    throw inputError('USAGE', `expected one FILE.enc to decrypt, got ${positionals.length}.`);
  const broker = parseBrokerUrl(values.broker, '--broker');
  if (!values.output)
    throw inputError('USAGE', 'expected --output FILE (where the plaintext goes), got none.');
  const input = path.resolve(io.cwd, positionals[0]!);
  const output = path.resolve(io.cwd, values.output);
  if (output === input)
    throw inputError('USAGE', '--output: expected another file than the one decrypted, got the same.');
  const bundle = await provenanceBundle(values.bundle, input, io.cwd);
  const log = stderrLogger(io, values.quiet === true);
  const signing = await signingFrom(values, io, log);
  const result = await decryptArtifact(
    {
      input,
      output,
      ...(values.name ? { name: values.name } : {}),
      provenanceBundle: bundle,
      serverUrl: io.env.GITHUB_SERVER_URL ?? 'https://github.com',
    },
    {
      cipher: nodeCipher,
      broker: brokerClient(broker),
      signing: signing.identity,
      verifyProvenance: await provenanceVerifier(signing, io),
      log,
    },
  );
  io.stdout(render(result, json));
  return 0;
}

export const command: CliCommand = {
  name: 'decrypt',
  summary: "get an encrypted artifact's key from the key broker by a signed request, decrypt and check it",
  usage,
  run,
};
