import { resolve } from 'node:path';
import { resolveTrustedRoot, trustMaterial } from '../adapters/sigstore/trust.js';
import { nodeVerifyPorts } from '../adapters/sigstore/verify-ports.js';
import { verifyArtifacts } from '../app/verify.js';
import { inputError, isProvenantError } from '../core/errors.js';
import { buildPolicy } from '../core/policy/build.js';
import { POLICY_FLAGS, readPolicyOptions, type PolicyFlag } from '../core/policy/options.js';
import { printable, renderJson, renderText } from '../core/verify-report.js';
import { list, parseCommandArgs } from './args.js';
import type { CliCommand, CliIO } from './command.js';

/** Where the usage's descriptions start. */
const HELP_COLUMN = 31;

function usageLine(flag: PolicyFlag): string {
  const head = `  --${flag.name}${flag.type === 'string' ? ` ${flag.argument}` : ''}`;
  return head.length <= HELP_COLUMN - 2
    ? `${head.padEnd(HELP_COLUMN)}${flag.help}`
    : `${head}\n${' '.repeat(HELP_COLUMN)}${flag.help}`;
}

const usage = `Usage: provenant verify ARTIFACT|sha256:HEX... [options]

Verifies each artifact against a Sigstore bundle and a policy. Exit 0: all verified; 1: any failed; 2: usage.

Bundles (default: <artifact>.sigstore.json beside each artifact):
  --bundle FILE                one bundle (or .jsonl, one bundle per line) for all artifacts
  --bundle-dir DIR             <artifact name>.sigstore.json in DIR, else any bundle in DIR naming the artifact

Policy (at least one identity constraint; --owner or --repo suffice):
${POLICY_FLAGS.map(usageLine).join('\n')}

Trust:
  --trusted-root FILE          a trusted_root.json (offline); else TUF for --instance
  --instance NAME              public-good (default), staging or github
  --tuf-cache-dir DIR          TUF metadata cache (default ~/.cache/provenant/tuf)
  --tuf-root FILE              initial TUF root.json for instances not embedded in sigstore-js

Output:
  --format text|json           default text`;

const flags = {
  bundle: { type: 'string' },
  'bundle-dir': { type: 'string' },
  'trusted-root': { type: 'string' },
  instance: { type: 'string' },
  'tuf-cache-dir': { type: 'string' },
  'tuf-root': { type: 'string' },
  format: { type: 'string' },
} as const;

const policyFlags = Object.fromEntries(POLICY_FLAGS.map((f) => [f.name, { type: f.type }]));

/** The policy flags as the use case takes them, read through the table the verify action reads its inputs with. */
function policyFrom(values: Record<string, unknown>) {
  return buildPolicy(
    readPolicyOptions({
      string: (name) => list(values[name] as string | undefined)[0],
      boolean: (name) => values[name] === true,
    }),
  );
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('verify', argv, { ...policyFlags, ...flags });
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw inputError('USAGE', `--format: expected text or json, got ${JSON.stringify(format)}.`);
  if (values.bundle !== undefined && values['bundle-dir'] !== undefined) {
    throw inputError('USAGE', 'expected at most one of --bundle and --bundle-dir, got both.');
  }
  const policy = policyFrom(values);
  if (positionals.length === 0)
    throw inputError(
      'USAGE',
      `expected at least one ARTIFACT or sha256:HEX, got none. ${usage.split('\n')[0]}`,
    );

  const here = (p: string) => resolve(io.cwd, p);
  const trustOptions = {
    ...(values['trusted-root'] !== undefined ? { trustedRoot: values['trusted-root'] } : {}),
    ...(values.instance !== undefined ? { instance: values.instance } : {}),
    ...(values['tuf-cache-dir'] !== undefined ? { tufCacheDir: values['tuf-cache-dir'] } : {}),
    ...(values['tuf-root'] !== undefined ? { tufRoot: values['tuf-root'] } : {}),
  };
  const root = await resolveTrustedRoot(trustOptions, here);
  const result = await verifyArtifacts(
    {
      artifacts: positionals,
      ...(values.bundle !== undefined ? { bundle: values.bundle } : {}),
      ...(values['bundle-dir'] !== undefined ? { bundleDir: values['bundle-dir'] } : {}),
      policy,
    },
    nodeVerifyPorts(trustMaterial(root), io.cwd),
  );
  io.stdout(format === 'json' ? renderJson(result) : renderText(result));
  return result.verified ? 0 : 1;
}

export const command: CliCommand = {
  name: 'verify',
  summary: 'verify artifacts against Sigstore bundles and a signer/source policy',
  usage,
  async run(argv, io) {
    try {
      return await run(argv, io);
    } catch (e) {
      if (!isProvenantError(e)) throw e;
      io.stderr(
        `provenant verify: ${e.exitCode === 2 ? 'error' : 'not verified'} [${e.code}]: ${printable(e.message)}\n`,
      );
      return e.exitCode;
    }
  },
};
