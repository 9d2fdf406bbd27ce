import path from 'node:path';
import { nodeFileSystem } from '../adapters/fs/index.js';
import { writeFileAtomic } from '../adapters/fs/write-file.js';
import { keylessSigning, SIGNING_FLAGS, SIGNING_USAGE } from './signing-options.js';
import { readEventPayload } from '../adapters/actions/event.js';
import { attest, type AttestRequest, type AttestResult } from '../app/attest.js';
import { bundleFileName, SIGNING_CONCURRENCY, subjectsPerStatement } from '../core/bundle-name.js';
import { inputError, quote } from '../core/errors.js';
import { jsonFormat, parseCommandArgs } from './args.js';
import type { CliCommand } from './command.js';
import { stderrLogger, subjectFlags, subjectRequest, subjectUsage } from './subject-options.js';
import { withProgressBar } from './progress.js';
import { OCI_SIGN_FLAGS, OCI_SIGN_USAGE, ociSignPlan, pushAfterSigning } from './oci-options.js';
import type { PushedReferrer } from '../app/push-referrers.js';

export const command: CliCommand = {
  name: 'sign',
  summary: 'hash, build the SLSA v1 statement and keyless-sign it (Fulcio, Rekor and/or TSA)',
  usage: `Usage: provenant sign [PATTERN...] [options]

Hashes the subjects, builds the provenance statement from the identity token's GitHub claims, signs it with a
short-lived Fulcio certificate, records it in Rekor and/or gets an RFC 3161 timestamp, writes the Sigstore
bundle to --output-dir, and verifies it before returning.

${subjectUsage}
${OCI_SIGN_USAGE}
${SIGNING_USAGE}
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
    const request = subjectRequest(values, positionals, io, values.oci !== undefined);
    const log = stderrLogger(io, values.quiet === true);
    const oci = await ociSignPlan(values, io, log);
    const resolve = (v: unknown) => (typeof v === 'string' ? path.resolve(io.cwd, v) : undefined);
    const bundles = bundleOptions(values);
    const json = jsonFormat(values);
    // Inside Actions the event payload carries the dispatch inputs the provenance records.
    const event = await readEventPayload(io.env.GITHUB_EVENT_PATH);
    const signing = await keylessSigning(values, io, log);
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
            ...oci.request,
          },
          {
            fs,
            writeFile: writeFileAtomic,
            signing,
            log,
            ...(oci.registry ? { registry: oci.registry } : {}),
          },
        ),
      nodeFileSystem,
    );
    const referrers = await pushAfterSigning(oci, result, log);
    io.stdout(json ? signedJson(result, referrers) : signedText(result, referrers));
    return 0;
  },
};

/** Not the working directory: a rerun of `provenant sign .` must not find the first run's bundles among the files. */
const DEFAULT_OUTPUT_DIR = 'provenant-out';

const signFlags = {
  ...subjectFlags,
  ...OCI_SIGN_FLAGS,
  ...SIGNING_FLAGS,
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
  return result.bundles.map((b) => ({
    path: b.path,
    subjects: b.subjects.map((s) => s.name),
    ...(b.predicateType ? { predicateType: b.predicateType } : {}),
    ...b.facts,
  }));
}

function signedJson(result: AttestResult, referrers: PushedReferrer[]): string {
  const shown = { statementPath: result.statementPath, bundles: signedBundles(result) };
  return `${JSON.stringify(referrers.length > 0 ? { ...shown, referrers } : shown, null, 2)}\n`;
}

function signedText(result: AttestResult, referrers: PushedReferrer[]): string {
  const attached = referrers.map((r) => `${r.bundle} attached to ${r.image} as ${r.digest}\n`).join('');
  return (
    attached +
    signedBundles(result)
      .map(
        (b) =>
          `${b.path}\n  certificate identity: ${b.certificateIdentity}\n` +
          (b.rekorLogIndex
            ? `  rekor log index: ${b.rekorLogIndex}${b.rekorEntryUrl ? ` (${b.rekorEntryUrl})` : ''}\n`
            : '') +
          (b.integratedTime ? `  logged at: ${b.integratedTime}\n` : '') +
          (b.timestamp ? `  timestamp: ${b.timestamp}\n` : ''),
      )
      .join('')
  );
}
