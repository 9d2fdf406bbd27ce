import { resolve } from 'node:path';
import { resolveTrustedRoot, trustMaterial } from '../adapters/sigstore/trust.js';
import { nodeVerifyPorts } from '../adapters/sigstore/verify-ports.js';
import { verifyArtifacts } from '../app/verify.js';
import { verifyWithImages } from '../adapters/oci/verify-images.js';
import { inputError, isProvenantError } from '../core/errors.js';
import { digestAlgorithm, POLICY_FLAGS } from '../core/policy/options.js';
import { printable } from '../core/verify-report.js';
import { parseCommandArgs } from './args.js';
import { RELEASE_OPTIONS, RELEASE_USAGE, releaseFrom } from './release-flags.js';
import type { CliCommand, CliIO } from './command.js';
import { LAYOUT_FLAGS, LAYOUT_USAGE } from './layout-flags.js';
import {
  OUTPUT_FLAGS,
  outputFrom,
  POLICY_OPTIONS,
  policyFrom,
  render,
  TRUST_FLAGS,
  trustFrom,
  usageLine,
} from './verify-flags.js';

const usage = `Usage: provenant verify ARTIFACT... [options]

Verifies each artifact against a Sigstore bundle and a policy. Exit 0: all verified; 1: any failed; 2: usage.
An ARTIFACT is a file, a directory (every file below it), a glob in quotes ('dist/*.tgz', so the shell leaves it
alone), a !PATTERN that leaves files out, or sha256:HEX. Files ending in .sigstore.json or .jsonl are bundles,
never artifacts. The verify action's artifacts input takes the same.

An ARTIFACT may also be a container image, oci://REGISTRY/REPO@sha256:HEX or oci://REGISTRY/REPO:TAG: its
Sigstore bundles of the --predicate-type are pulled from the registry (the referrers API, or the sha256-<hex>
tag) and the image's digest is verified against them. Credentials come from $DOCKER_CONFIG/config.json.

Bundles (default: <artifact>.sigstore.json beside each artifact):
  --bundle FILE                one bundle (or .jsonl, one bundle per line) for all artifacts
  --bundle-dir DIR             <artifact name>.sigstore.json in DIR, else any bundle in DIR naming the artifact;
                               a file there that does not load is reported and skipped

Policy (at least one identity constraint; --owner or --repo suffice). Patterns (RE) are searched for anywhere in
the value, as gh and cosign do (a warning says when one is not anchored with ^); a leading (?i) ignores case:
${POLICY_FLAGS.map(usageLine).join('\n')}

${RELEASE_USAGE}
${LAYOUT_USAGE}

Trust:
  --trusted-root FILE          a trusted_root.json, or gh's trusted_root.jsonl (one root per line), offline;
                               else TUF for --instance (also --custom-trusted-root, as gh calls it)
  --instance NAME              public-good (default), staging or github
  --tuf-cache-dir DIR          TUF metadata cache (default ~/.cache/provenant/tuf)
  --tuf-root FILE              initial TUF root.json for instances not embedded in sigstore-js
  --tuf-mirror URL             a Sigstore instance's TUF repository (a foundation's own), with --tuf-root
  --digest-alg ALG             hash files with sha256, sha384 or sha512 (default: what each bundle names)

Output:
  --format text|json           default text; json adds the enforced policy, every certificate extension and each
                               bundle's path (--json is the same)
  --jq EXPR                    print the JSON filtered by EXPR, one output per line (strings as they are, other
                               values as JSON), in this subset of jq, evaluated by Provenant:
                                 .   .name   .["name"]   .[N] (negative from the end)   .[]
                                 paths of these (.artifacts[].certificate.issuer), pipes (|), and
                                 select(PATH == LITERAL), select(PATH != LITERAL) with a JSON string, number,
                                 true, false or null
                               Example: --jq '.artifacts[] | select(.verified == false) | .artifact'`;

const flags = {
  bundle: { type: 'string' },
  'bundle-dir': { type: 'string' },
  'digest-alg': { type: 'string' },
  ...TRUST_FLAGS,
  ...OUTPUT_FLAGS,
  ...RELEASE_OPTIONS,
  ...LAYOUT_FLAGS,
} as const;

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('verify', argv, { ...POLICY_OPTIONS, ...flags });
  if (values.layout !== undefined)
    return (await import('./verify-layout.js')).verifyWithLayout(values, positionals, io);
  const output = outputFrom(values);
  if (values.bundle !== undefined && values['bundle-dir'] !== undefined) {
    throw inputError('USAGE', 'expected at most one of --bundle and --bundle-dir, got both.');
  }
  const algorithm = digestAlgorithm(values['digest-alg']);
  const policy = policyFrom(values);
  const release = releaseFrom(values, policy);
  if (positionals.length === 0)
    throw inputError(
      'USAGE',
      `expected at least one ARTIFACT or sha256:HEX, got none. ${usage.split('\n')[0]}`,
    );
  for (const warning of [...(policy.warnings ?? []), ...(release.release?.warnings ?? [])])
    io.stderr(`provenant verify: warning: ${printable(warning)}\n`);

  const root = await resolveTrustedRoot(trustFrom(values), (p) => resolve(io.cwd, p));
  const ports = nodeVerifyPorts(trustMaterial(root), io.cwd);
  const warn = (m: string) => io.stderr(`provenant verify: warning: ${printable(m)}\n`);
  const result = await verifyWithImages(
    positionals,
    policy,
    { env: io.env, log: { info: () => {}, warn } },
    (artifacts) =>
      verifyArtifacts(
        {
          artifacts,
          ...(values.bundle !== undefined ? { bundle: values.bundle } : {}),
          ...(values['bundle-dir'] !== undefined ? { bundleDir: values['bundle-dir'] } : {}),
          ...(algorithm ? { algorithm } : {}),
          ...release,
          policy,
        },
        ports,
      ),
    ports,
  );
  io.stdout(render(result, output));
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
