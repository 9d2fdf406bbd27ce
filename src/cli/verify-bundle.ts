import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { hashFile } from '../adapters/fs/hash-file.js';
import { loadBundles } from '../adapters/sigstore/bundle-loader.js';
import { publicKeyFromPem, trustMaterial } from '../adapters/sigstore/trust.js';
import { algorithmsFor, verifyBundleCrypto } from '../adapters/sigstore/verifier.js';
import { looksLikeDigestRef, parseDigestRef, type DigestSet } from '../core/digest.js';
import { inputError, isProvenantError, ProvenantError, quote } from '../core/errors.js';
import { DEFAULT_SERVER } from '../core/policy/github-identity.js';
import { evaluatePolicy } from '../core/policy/evaluate.js';
import type { Policy } from '../core/policy/types.js';
import { parseCommandArgs } from './args.js';
import type { CliCommand, CliIO } from './command.js';
import { resolveTrustedRoot } from './verify-trust.js';

const usage = `Usage:
  provenant verify-bundle --bundle FILE --certificate-identity ID --certificate-oidc-issuer URL [--trusted-root FILE] FILE_OR_DIGEST
  provenant verify-bundle --bundle FILE --key KEY.pub [--trusted-root FILE] FILE_OR_DIGEST

The Sigstore conformance suite's verification protocol: verifies one bundle for one artifact (a file, or
sha256:<hex>) against an exact certificate identity and issuer, or against a public key. Exit 0 verified,
1 not verified, 2 usage error. For release artifacts and GitHub policies, use \`provenant verify\`.`;

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('verify-bundle', argv, {
    bundle: { type: 'string' },
    'certificate-identity': { type: 'string' },
    'certificate-oidc-issuer': { type: 'string' },
    key: { type: 'string' },
    'trusted-root': { type: 'string' },
  });
  if (positionals.length !== 1)
    throw inputError(
      'USAGE',
      `expected exactly one FILE_OR_DIGEST, got ${positionals.length}. ${usage.split('\n')[1]!.trim()}`,
    );
  if (!values.bundle) throw inputError('USAGE', 'expected --bundle FILE, got none.');
  const keyMode = values.key !== undefined;
  const identity = values['certificate-identity'];
  const issuer = values['certificate-oidc-issuer'];
  if (keyMode && (identity !== undefined || issuer !== undefined)) {
    throw inputError(
      'USAGE',
      'expected either --key or --certificate-identity/--certificate-oidc-issuer, got both.',
    );
  }
  if (!keyMode && (!identity || !issuer)) {
    throw inputError(
      'USAGE',
      'expected --certificate-identity ID and --certificate-oidc-issuer URL (or --key KEY.pub), got neither or only one.',
    );
  }
  const here = (p: string) => resolve(io.cwd, p);
  const root = await resolveTrustedRoot(
    values['trusted-root'] !== undefined ? { trustedRoot: values['trusted-root'] } : {},
    here,
  );
  const key = keyMode ? publicKeyFromPem(await readFile(here(values.key!), 'utf8'), values.key!) : undefined;
  const trust = trustMaterial(root, key);

  const records = await loadBundles(here(values.bundle));
  if (records.length !== 1)
    throw new ProvenantError(
      'BUNDLE_INVALID',
      `${values.bundle}: expected one bundle, got ${records.length}.`,
    );
  const record = records[0]!;

  const target = positionals[0]!;
  let artifact: DigestSet;
  if (looksLikeDigestRef(target)) {
    const { algorithm, hex } = parseDigestRef(target, 'FILE_OR_DIGEST');
    artifact = { [algorithm]: hex };
  } else {
    artifact = (await hashFile(here(target), algorithmsFor(record.bundle))).digest;
  }

  const verified = verifyBundleCrypto(record.bundle, { source: record.source, trust, artifact });
  // The protocol's policy: exact identity and issuer (none with a key); subjects always; no predicate or GitHub rules.
  const policy: Policy = {
    server: DEFAULT_SERVER,
    denySelfHostedRunners: false,
    checkStatementSource: false,
  };
  if (!keyMode) {
    policy.identity = { exact: identity! };
    policy.issuer = issuer!;
  }
  const violations = evaluatePolicy(
    {
      artifact,
      ...(verified.statement ? { statement: verified.statement } : {}),
      ...(verified.claims ? { claims: verified.claims } : {}),
    },
    policy,
  );
  if (violations.length > 0) {
    for (const v of violations)
      io.stderr(`provenant verify-bundle: not verified [${v.code}]: ${v.message}\n`);
    return 1;
  }
  io.stdout(`OK: ${quote(target)} verified with ${record.source}\n`);
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
