import path from 'node:path';
import { writeFileAtomic } from '../adapters/fs/write-file.js';
import { pathKind } from '../adapters/fs/verify-files.js';
import { CLI_INSTANCE_LABELS } from '../adapters/sigstore/instances.js';
import { signingIdentity } from '../adapters/sigstore/signing-identity.js';
import { resolveTrustedRoot, trustMaterial } from '../adapters/sigstore/trust.js';
import { nodeVerifyPorts } from '../adapters/sigstore/verify-ports.js';
import { approveRelease, type ApproveResult } from '../app/approve.js';
import { inputError } from '../core/errors.js';
import { POLICY_FLAGS } from '../core/policy/options.js';
import { jsonFormat, parseCommandArgs } from './args.js';
import type { CliCommand, CliIO } from './command.js';
import { instanceFlags } from './signing-options.js';
import { configuredInstance, SIGNING_CONFIG_FLAGS, SIGNING_CONFIG_USAGE } from './sign-services.js';
import { stderrLogger } from './subject-options.js';
import { POLICY_OPTIONS, policyFrom, TRUST_FLAGS, trustFrom, usageLine } from './verify-flags.js';

const usage = `Usage: provenant approve ARTIFACT... --bundle PROVENANCE.sigstore.json --tag TAG [policy] [signing] --output-dir DIR

Authorizes a release: verifies each artifact's provenance against the builder's policy (the same flags and checks
as provenant verify), then signs an approval over the same artifacts (SLSA Verification Summary Attestation v1)
naming the tag, the commit and the digests of the provenance bundles it verified, and writes approval.sigstore.json
to --output-dir. Run it in a job of a protected environment (its certificate then names the environment); it
refuses to sign when its identity is the builder's. See docs/release-approval.md.

Release:
  --tag TAG                    the release tag (the provenance must be built from refs/tags/TAG unless
                               --source-ref says otherwise)
  --bundle FILE                the provenance bundle for all artifacts (or --bundle-dir DIR, as for verify)
  --bundle-dir DIR
  --policy-file FILE           the release policy document the approval pins (default: RELEASE.md, if present)

Builder policy (as provenant verify; at least one identity constraint):
${POLICY_FLAGS.map(usageLine).join('\n')}

Trust for the provenance: --trusted-root FILE, or --instance NAME with --tuf-cache-dir / --tuf-root, as verify.

Signing (as provenant sign):
  --identity-token TOKEN       the OIDC token (default: $SIGSTORE_ID_TOKEN, else the GitHub Actions endpoint)
  --sigstore NAME              public-good, github, staging or custom
  --fulcio-url URL --rekor-url URL --tsa-url URL --trusted-root FILE
${SIGNING_CONFIG_USAGE}
  --allow-public-log           let a private repository sign into a public log
  --no-verify-after-sign       skip verifying the fresh bundle (not recommended)
Output:
  --output-dir DIR             where approval.sigstore.json goes (default: provenant-out)
  --format text|json           json prints the result as JSON on stdout (--json is the same)
  --quiet                      no progress on stderr`;

const flags = {
  ...POLICY_OPTIONS,
  ...TRUST_FLAGS,
  ...SIGNING_CONFIG_FLAGS,
  bundle: { type: 'string' },
  'bundle-dir': { type: 'string' },
  tag: { type: 'string' },
  'policy-file': { type: 'string' },
  'identity-token': { type: 'string' },
  sigstore: { type: 'string' },
  'fulcio-url': { type: 'string' },
  'rekor-url': { type: 'string' },
  'tsa-url': { type: 'string' },
  'allow-public-log': { type: 'boolean' },
  'no-verify-after-sign': { type: 'boolean' },
  'output-dir': { type: 'string' },
  json: { type: 'boolean' },
  format: { type: 'string' },
  quiet: { type: 'boolean' },
} as const;

type Values = Record<string, unknown>;
const str = (values: Values, name: string) => (typeof values[name] === 'string' ? values[name] : undefined);

/** --policy-file, else RELEASE.md when the working directory (the repository) has one. */
async function policyFile(values: Values, cwd: string) {
  const given = str(values, 'policy-file');
  const file = path.resolve(cwd, given ?? 'RELEASE.md');
  if (!given && (await pathKind(file)) !== 'file') return undefined;
  const name = path.relative(cwd, file).split(path.sep).join('/');
  if (name.startsWith('../') || path.isAbsolute(name))
    throw inputError(
      'USAGE',
      `--policy-file: expected a file of the repository (below the working directory), got ${given}.`,
    );
  return { path: file, name };
}

function requireTag(values: Values): string {
  const tag = str(values, 'tag');
  if (!tag) throw inputError('USAGE', 'expected --tag TAG (the release tag the approval names), got none.');
  if (values.bundle !== undefined && values['bundle-dir'] !== undefined)
    throw inputError('USAGE', 'expected at most one of --bundle and --bundle-dir, got both.');
  return tag;
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('approve', argv, flags);
  const tag = requireTag(values);
  const json = jsonFormat(values);
  if (positionals.length === 0)
    throw inputError('USAGE', `expected at least one ARTIFACT, got none. ${usage.split('\n')[0]}`);
  // The provenance must come from the tag being approved, unless the user says which ref it was built from.
  const policy = policyFrom({ 'source-ref': `refs/tags/${tag}`, ...values });
  const log = stderrLogger(io, values.quiet === true);
  for (const w of policy.warnings ?? []) log.warn(w);
  const configured = await configuredInstance(values, io, log);
  const resolve = (p: string) => path.resolve(io.cwd, p);
  const trust = trustFrom(values);
  const root = await resolveTrustedRoot(
    trust.trustedRoot === undefined && configured?.trustedRoot
      ? { ...trust, trustedRoot: configured.trustedRoot }
      : trust,
    resolve,
  );
  const trustedRoot = str(values, 'trusted-root');
  const signing = signingIdentity(
    {
      ...(configured ?? instanceFlags(values, io.env, trustedRoot ? resolve(trustedRoot) : undefined)),
      ...(str(values, 'identity-token') ? { identityToken: str(values, 'identity-token')! } : {}),
      allowPublicLog: values['allow-public-log'] === true,
      verifyAfterSign: values['no-verify-after-sign'] !== true,
      env: io.env,
      labels: CLI_INSTANCE_LABELS,
      ...(io.workflowCommand ? { maskSecret: (s: string) => io.workflowCommand!(`::add-mask::${s}`) } : {}),
    },
    log,
  );
  const result = await approveRelease(
    {
      provenance: {
        artifacts: positionals,
        ...(str(values, 'bundle') ? { bundle: str(values, 'bundle')! } : {}),
        ...(str(values, 'bundle-dir') ? { bundleDir: str(values, 'bundle-dir')! } : {}),
        policy,
      },
      tag,
      outputDir: resolve(str(values, 'output-dir') ?? 'provenant-out'),
      ...(await policyFile(values, io.cwd).then((f) => (f ? { policyFile: f } : {}))),
    },
    {
      verify: nodeVerifyPorts(trustMaterial(root), io.cwd),
      signing,
      writeFile: writeFileAtomic,
      now: () => new Date(),
      log,
    },
  );
  io.stdout(json ? `${JSON.stringify(approvedJson(result), null, 2)}\n` : approvedText(result));
  return 0;
}

function approvedJson(result: ApproveResult) {
  const { release } = result.statement.predicate as {
    release: { tag: string; commit: string; repository: string };
  };
  return { path: result.path, ...release, subjects: result.statement.subject, ...result.facts };
}

function approvedText(result: ApproveResult): string {
  const j = approvedJson(result);
  return (
    `${j.path}\n  approved: ${j.repository} ${j.tag} at ${j.commit} (${j.subjects.length} artifact(s))\n` +
    `  certificate identity: ${j.certificateIdentity}\n` +
    (j.rekorLogIndex ? `  rekor log index: ${j.rekorLogIndex}\n` : '') +
    (j.integratedTime ? `  logged at: ${j.integratedTime}\n` : '') +
    (j.timestamp ? `  timestamp: ${j.timestamp}\n` : '')
  );
}

export const command: CliCommand = {
  name: 'approve',
  summary:
    "authorize a release: verify its provenance, then sign an approval (VSA) from the release's protected environment",
  usage,
  run,
};
