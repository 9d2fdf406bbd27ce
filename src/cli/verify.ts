import { resolve } from 'node:path';
import { trustMaterial } from '../adapters/sigstore/trust.js';
import { verifyArtifacts } from '../app/verify.js';
import { inputError, isProvenantError } from '../core/errors.js';
import { buildPolicy, POLICY_STRING_OPTIONS, type PolicyOptions } from '../core/policy/build.js';
import { list, parseCommandArgs } from './args.js';
import type { CliCommand, CliIO } from './command.js';
import { nodeVerifyPorts } from './verify-ports.js';
import { renderJson, renderText } from './verify-report.js';
import { resolveTrustedRoot } from './verify-trust.js';

const usage = `Usage: provenant verify ARTIFACT|sha256:HEX... [options]

Verifies each artifact against a Sigstore bundle and a policy. Exit 0: all verified; 1: any failed; 2: usage.

Bundles (default: <artifact>.sigstore.json beside each artifact):
  --bundle FILE                one bundle (or .jsonl, one bundle per line) for all artifacts
  --bundle-dir DIR             <artifact name>.sigstore.json in DIR, else any bundle in DIR naming the artifact

Policy (at least one identity constraint; --owner or --repo suffice):
  --owner OWNER                source repository owner; also the signer's owner unless a signer flag is given
  --repo OWNER/REPO            source repository; also the signer's repository unless a signer flag is given
  --signer-workflow OWNER/REPO/PATH[@REF]
                               the workflow that signed (a reusable workflow, or your release workflow)
  --signer-repo OWNER/REPO     the repository whose workflow signed
  --signer-digest SHA          commit of the signing workflow (pins a reusable workflow)
  --cert-identity URI          exact certificate identity (SAN)
  --cert-identity-regex RE     certificate identity pattern, always anchored (^…$)
  --cert-oidc-issuer URL       default https://token.actions.githubusercontent.com
  --source-ref REF             e.g. refs/tags/v1.2.3
  --source-digest SHA          the commit that was built
  --predicate-type URI         default https://slsa.dev/provenance/v1
  --deny-self-hosted-runners   fail unless the build ran on a GitHub-hosted runner
  --hostname HOST              GitHub host for OWNER/REPO (default github.com)

Trust:
  --trusted-root FILE          a trusted_root.json (offline); else TUF for --instance
  --instance NAME              public-good (default), staging or github
  --tuf-cache-dir DIR          TUF metadata cache (default ~/.cache/provenant/tuf)
  --tuf-root FILE              initial TUF root.json for instances not embedded in sigstore-js

Output:
  --format text|json           default text`;

export const verifyFlags = {
  bundle: { type: 'string' },
  'bundle-dir': { type: 'string' },
  owner: { type: 'string' },
  repo: { type: 'string' },
  'signer-workflow': { type: 'string' },
  'signer-repo': { type: 'string' },
  'signer-digest': { type: 'string' },
  'cert-identity': { type: 'string' },
  'cert-identity-regex': { type: 'string' },
  'cert-oidc-issuer': { type: 'string' },
  'source-ref': { type: 'string' },
  'source-digest': { type: 'string' },
  'predicate-type': { type: 'string' },
  'deny-self-hosted-runners': { type: 'boolean' },
  hostname: { type: 'string' },
  'trusted-root': { type: 'string' },
  instance: { type: 'string' },
  'tuf-cache-dir': { type: 'string' },
  'tuf-root': { type: 'string' },
  format: { type: 'string' },
} as const;

function single(values: Record<string, unknown>, name: string): string | undefined {
  const v = list(values[name] as string | undefined);
  return v[0];
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('verify', argv, verifyFlags);
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw inputError('USAGE', `--format: expected text or json, got ${JSON.stringify(format)}.`);
  if (values.bundle !== undefined && values['bundle-dir'] !== undefined) {
    throw inputError('USAGE', 'expected at most one of --bundle and --bundle-dir, got both.');
  }
  const policyOptions: PolicyOptions = { denySelfHostedRunners: values['deny-self-hosted-runners'] === true };
  for (const [key, flag] of POLICY_STRING_OPTIONS) {
    const v = single(values, flag);
    if (v !== undefined) (policyOptions as Record<string, unknown>)[key] = v;
  }
  if (values.hostname) policyOptions.server = `https://${values.hostname}`;
  const policy = buildPolicy(policyOptions);
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
        `provenant verify: ${e.exitCode === 2 ? 'error' : 'not verified'} [${e.code}]: ${e.message}\n`,
      );
      return e.exitCode;
    }
  },
};
