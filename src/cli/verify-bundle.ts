import type { TrustMaterial } from '@sigstore/verify';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadBundles } from '../adapters/sigstore/bundle-loader.js';
import { publicKeyFromPem, resolveTrustedRoot, trustMaterial } from '../adapters/sigstore/trust.js';
import { nodeVerifyPorts } from '../adapters/sigstore/verify-ports.js';
import { verifyArtifacts } from '../app/verify.js';
import type { LoadedBundle } from '../app/ports.js';
import { inputError, isProvenantError, ProvenantError, quote } from '../core/errors.js';
import { conformancePolicy, type ExpectedCertificate } from '../core/policy/conformance.js';
import { parseCommandArgs } from './args.js';
import type { CliCommand, CliIO } from './command.js';
import { OUTPUT_FLAGS, outputFrom, render, type Output } from './verify-flags.js';

const usage = `Usage:
  provenant verify-bundle --bundle FILE --certificate-identity ID --certificate-oidc-issuer URL [--trusted-root FILE] FILE_OR_DIGEST
  provenant verify-bundle --bundle FILE --key KEY.pub [--trusted-root FILE] FILE_OR_DIGEST

The Sigstore conformance suite's verification protocol: verifies one bundle for one artifact (a file, or
sha256:<hex>) against an exact certificate identity and issuer, or against a public key. Exit 0 verified,
1 not verified, 2 usage error. For release artifacts and GitHub policies, use \`provenant verify\`.

Output:
  --format text|json           default text; json is the report of \`provenant verify --format json\` (--json too)
  --jq EXPR                    filter that JSON, in the jq subset \`provenant verify --help\` describes`;

/** One invocation of the protocol, checked: the bundle, the artifact, and a certificate or a key to expect. */
interface Invocation {
  output: Output;
  bundle: string;
  target: string;
  trustedRoot?: string;
  key?: string;
  certificate?: ExpectedCertificate;
}

function parseInvocation(argv: string[]): Invocation {
  const { values, positionals } = parseCommandArgs('verify-bundle', argv, {
    bundle: { type: 'string' },
    'certificate-identity': { type: 'string' },
    'certificate-oidc-issuer': { type: 'string' },
    key: { type: 'string' },
    'trusted-root': { type: 'string' },
    ...OUTPUT_FLAGS,
  });
  if (positionals.length !== 1)
    throw inputError(
      'USAGE',
      `expected exactly one FILE_OR_DIGEST, got ${positionals.length}. ${usage.split('\n')[1]!.trim()}`,
    );
  if (!values.bundle) throw inputError('USAGE', 'expected --bundle FILE, got none.');
  const { key, 'certificate-identity': identity, 'certificate-oidc-issuer': issuer } = values;
  if (key !== undefined && (identity !== undefined || issuer !== undefined)) {
    throw inputError(
      'USAGE',
      'expected either --key or --certificate-identity/--certificate-oidc-issuer, got both.',
    );
  }
  if (key === undefined && (!identity || !issuer)) {
    throw inputError(
      'USAGE',
      'expected --certificate-identity ID and --certificate-oidc-issuer URL (or --key KEY.pub), got neither or only one.',
    );
  }
  return {
    output: outputFrom(values),
    bundle: values.bundle,
    target: positionals[0]!,
    ...(values['trusted-root'] !== undefined ? { trustedRoot: values['trusted-root'] } : {}),
    ...(key !== undefined ? { key } : { certificate: { identity: identity!, issuer: issuer! } }),
  };
}

/** The trusted root, and with --key the one key every key-signed bundle is checked with. */
async function trustFor(invocation: Invocation, here: (p: string) => string): Promise<TrustMaterial> {
  const root = await resolveTrustedRoot(
    invocation.trustedRoot !== undefined ? { trustedRoot: invocation.trustedRoot } : {},
    here,
  );
  const { key } = invocation;
  return trustMaterial(root, key ? publicKeyFromPem(await readFile(here(key), 'utf8'), key) : undefined);
}

/** The protocol verifies exactly one bundle, and a bundle it cannot read fails the invocation before any artifact. */
async function loadOne(path: string, given: string): Promise<LoadedBundle> {
  const loaded = await loadBundles(path);
  if (loaded.length !== 1)
    throw new ProvenantError('BUNDLE_INVALID', `${given}: expected one bundle, got ${loaded.length}.`);
  return loaded[0]!;
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const invocation = parseInvocation(argv);
  const here = (p: string) => resolve(io.cwd, p);
  const trust = await trustFor(invocation, here);
  const bundle = await loadOne(here(invocation.bundle), invocation.bundle);
  // The same use case as `provenant verify`, for one artifact, with that one bundle as its only candidate.
  const result = await verifyArtifacts(
    {
      artifacts: [invocation.target],
      bundle: invocation.bundle,
      policy: conformancePolicy(invocation.certificate),
    },
    { ...nodeVerifyPorts(trust, io.cwd), loadBundles: () => Promise.resolve([bundle]) },
  );
  const report = result.artifacts[0]!;
  if (invocation.output.format === 'json') {
    io.stdout(render(result, invocation.output));
    return report.verified ? 0 : 1;
  }
  if (!report.verified) {
    for (const f of report.failures)
      io.stderr(`provenant verify-bundle: not verified [${f.code}]: ${f.message}\n`);
    return 1;
  }
  io.stdout(`OK: ${quote(invocation.target)} verified with ${report.bundle}\n`);
  return 0;
}

export const command: CliCommand = {
  name: 'verify-bundle',
  summary: 'verify one Sigstore bundle (the conformance suite protocol)',
  usage,
  async run(argv, io) {
    try {
      return await run(argv, io);
    } catch (e) {
      if (!isProvenantError(e)) {
        // A library choking on a hostile bundle is a failed verification, never a pass.
        io.stderr(
          `provenant verify-bundle: not verified [INTERNAL]: ${e instanceof Error ? e.message : String(e)}\n`,
        );
        return 1;
      }
      io.stderr(
        `provenant verify-bundle: ${e.exitCode === 2 ? 'error' : 'not verified'} [${e.code}]: ${e.message}\n`,
      );
      return e.exitCode;
    }
  },
};
