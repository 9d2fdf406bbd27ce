import path from 'node:path';
import { nodeFileSystem } from '../adapters/fs/index.js';
import { writeFileAtomic } from '../adapters/fs/write-file.js';
import { CLI_INSTANCE_LABELS } from '../adapters/sigstore/instances.js';
import { signingIdentity } from '../adapters/sigstore/signing-identity.js';
import { configuredInstance, SIGNING_CONFIG_FLAGS, SIGNING_CONFIG_USAGE } from './sign-services.js';
import { readEventPayload } from '../adapters/actions/event.js';
import { attest, type AttestRequest, type AttestResult } from '../app/attest.js';
import { bundleFileName, SIGNING_CONCURRENCY, subjectsPerStatement } from '../core/bundle-name.js';
import { inputError, quote } from '../core/errors.js';
import { jsonFormat, parseCommandArgs } from './args.js';
import type { CliCommand } from './command.js';
import { stderrLogger, subjectFlags, subjectRequest, subjectUsage } from './subject-options.js';
import { withProgressBar } from './progress.js';

export const command: CliCommand = {
  name: 'sign',
  summary: 'hash, build the SLSA v1 statement and keyless-sign it (Fulcio, Rekor and/or TSA)',
  usage: `Usage: provenant sign [PATTERN...] [options]

Hashes the subjects, builds the provenance statement from the identity token's GitHub claims, signs it with a
short-lived Fulcio certificate, records it in Rekor and/or gets an RFC 3161 timestamp, writes the Sigstore
bundle to --output-dir, and verifies it before returning.

${subjectUsage}
Identity:
  --identity-token TOKEN       the OIDC token (default: $SIGSTORE_ID_TOKEN, else the GitHub Actions endpoint)
Instance:
  --sigstore NAME              public-good, github, staging or custom (default: from the repository's visibility)
  --fulcio-url URL --rekor-url URL --tsa-url URL --trusted-root FILE
                               a custom instance (trusted-root also overrides TUF for the others); without
                               flags, SIGSTORE_FULCIO_URL/_REKOR_URL/_TSA_URL/_TRUSTED_ROOT select one
${SIGNING_CONFIG_USAGE}
  --allow-public-log           let a private repository sign into a public log
  --no-verify-after-sign       skip verifying the fresh bundle (not recommended)
Output:
  --output-dir DIR             where the statement and bundles go (default: provenant-out)
  --bundle-layout single|per-subject   (default: single)
  --bundle-name NAME           a plain file name; .sigstore.json is added unless it ends in .json or .jsonl
                               (default: provenance.sigstore.json)
  --subjects-per-statement N   (default: 1024)
  --format text|json           json prints the result as JSON on stdout (--json is the same)
  --quiet                      no progress on stderr`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs('sign', argv, signFlags);
    const request = subjectRequest(values, positionals, io);
    const log = stderrLogger(io, values.quiet === true);
    const resolve = (v: unknown) => (typeof v === 'string' ? path.resolve(io.cwd, v) : undefined);
    const bundles = bundleOptions(values);
    const json = jsonFormat(values);
    // Inside Actions the event payload carries the dispatch inputs the provenance records.
    const event = await readEventPayload(io.env.GITHUB_EVENT_PATH);
    const configured = await configuredInstance(values, io, log);
    const signing = signingIdentity(
      {
        ...(configured ?? instanceFlags(values, io.env, resolve(values['trusted-root']))),
        ...(typeof values['identity-token'] === 'string' ? { identityToken: values['identity-token'] } : {}),
        allowPublicLog: values['allow-public-log'] === true,
        verifyAfterSign: values['no-verify-after-sign'] !== true,
        env: io.env,
        labels: CLI_INSTANCE_LABELS,
        ...(io.workflowCommand
          ? { maskSecret: (secret: string) => io.workflowCommand!(`::add-mask::${secret}`) }
          : {}),
      },
      log,
    );
    const result = await withProgressBar(
      io,
      values.quiet === true,
      (fs) =>
        attest(
          {
            subjects: request,
            outputDir: resolve(values['output-dir'] ?? DEFAULT_OUTPUT_DIR)!,
            dryRun: false,
            env: io.env,
            event,
            extras: {},
            bundles,
          },
          { fs, writeFile: writeFileAtomic, signing, log },
        ),
      nodeFileSystem,
    );
    io.stdout(json ? signedJson(result) : signedText(result));
    return 0;
  },
};

/** Not the working directory: a rerun of `provenant sign .` must not find the first run's bundles among the files. */
const DEFAULT_OUTPUT_DIR = 'provenant-out';

const signFlags = {
  ...subjectFlags,
  ...SIGNING_CONFIG_FLAGS,
  'identity-token': { type: 'string' },
  sigstore: { type: 'string' },
  'fulcio-url': { type: 'string' },
  'rekor-url': { type: 'string' },
  'tsa-url': { type: 'string' },
  'trusted-root': { type: 'string' },
  'allow-public-log': { type: 'boolean' },
  'no-verify-after-sign': { type: 'boolean' },
  'output-dir': { type: 'string' },
  'bundle-layout': { type: 'string' },
  'bundle-name': { type: 'string' },
  'subjects-per-statement': { type: 'string' },
  json: { type: 'boolean' },
  format: { type: 'string' },
  quiet: { type: 'boolean' },
} as const;

/** Checked before anything is hashed or signed, with the action's rules and the CLI's flag names. */
function bundleOptions(values: Record<string, unknown>): AttestRequest['bundles'] {
  const layout = typeof values['bundle-layout'] === 'string' ? values['bundle-layout'] : 'single';
  if (layout !== 'single' && layout !== 'per-subject') {
    throw inputError('USAGE', `--bundle-layout: expected single or per-subject, got ${quote(layout)}.`);
  }
  const count = values['subjects-per-statement'];
  return {
    layout,
    bundleName: bundleFileName(
      typeof values['bundle-name'] === 'string' ? values['bundle-name'] : 'provenance.sigstore.json',
      '--bundle-name',
    ),
    subjectsPerStatement:
      typeof count === 'string' ? subjectsPerStatement(count, '--subjects-per-statement') : 1024,
    concurrency: SIGNING_CONCURRENCY,
  };
}

function signedBundles(result: AttestResult) {
  return result.bundles.map((b) => ({ path: b.path, subjects: b.subjects.map((s) => s.name), ...b.facts }));
}

function signedJson(result: AttestResult): string {
  return `${JSON.stringify({ statementPath: result.statementPath, bundles: signedBundles(result) }, null, 2)}\n`;
}

function signedText(result: AttestResult): string {
  return signedBundles(result)
    .map(
      (b) =>
        `${b.path}\n  certificate identity: ${b.certificateIdentity}\n` +
        (b.rekorLogIndex
          ? `  rekor log index: ${b.rekorLogIndex}${b.rekorEntryUrl ? ` (${b.rekorEntryUrl})` : ''}\n`
          : '') +
        (b.integratedTime ? `  logged at: ${b.integratedTime}\n` : '') +
        (b.timestamp ? `  timestamp: ${b.timestamp}\n` : ''),
    )
    .join('');
}

/**
 * Instance flags, falling back to SIGSTORE_FULCIO_URL, SIGSTORE_REKOR_URL, SIGSTORE_TSA_URL and
 * SIGSTORE_TRUSTED_ROOT (what `npm run stack` prints), which select a custom instance when no --sigstore is given.
 */
export function instanceFlags(
  values: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  trustedRoot: string | undefined,
): { sigstore: string; fulcioUrl?: string; rekorUrl?: string; tsaUrl?: string; trustedRoot?: string } {
  const flag = (name: string) => (typeof values[name] === 'string' ? values[name] : undefined);
  const fromEnv =
    flag('sigstore') === undefined && flag('fulcio-url') === undefined && !!env.SIGSTORE_FULCIO_URL;
  const pick = (name: string, envName: string) => flag(name) ?? (fromEnv ? env[envName] : undefined);
  const fulcioUrl = pick('fulcio-url', 'SIGSTORE_FULCIO_URL');
  const rekorUrl = pick('rekor-url', 'SIGSTORE_REKOR_URL');
  const tsaUrl = pick('tsa-url', 'SIGSTORE_TSA_URL');
  const root = trustedRoot ?? (fromEnv ? env.SIGSTORE_TRUSTED_ROOT : undefined);
  return {
    sigstore: flag('sigstore') ?? (fromEnv ? 'custom' : ''),
    ...(fulcioUrl ? { fulcioUrl } : {}),
    ...(rekorUrl ? { rekorUrl } : {}),
    ...(tsaUrl ? { tsaUrl } : {}),
    ...(root ? { trustedRoot: root } : {}),
  };
}
