/**
 * What the action tells the runner about an attest run: its outputs, its log lines and its job summary. Pure, so the
 * action's composition root only writes what this returns, and tests read it without a runner.
 */
import { formatChecksums } from '../core/checksums.js';
import { bundlesTable, escapeCell, inlineCode, subjectsTable, verifyCommands } from '../core/summary.js';
import type { AttestResult } from './attest.js';
import type { PublishResult } from './publish.js';
import type { BuildContext } from '../core/build-context.js';
import { PROVENANT_NPX } from '../version.js';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** GitHub refuses a step output over 1 MB; past this, `subjects` stays empty and `subjects-path` carries them. */
export const MAX_OUTPUT_CHARS = 1_000_000;

/** The `subjects` output: base64 `sha256sum` lines, or undefined when they would not fit in an output. */
export function subjectsOutput(result: AttestResult): string | undefined {
  const encoded = Buffer.from(formatChecksums(result.subjects)).toString('base64');
  return encoded.length <= MAX_OUTPUT_CHARS ? encoded : undefined;
}

/** Outputs known once signing (or the dry run) is done, before anything is published. */
export function signingOutputs(result: AttestResult, subjectsPath: string): Record<string, string> {
  const outputs: Record<string, string> = {
    subjects: subjectsOutput(result) ?? '',
    'subjects-path': subjectsPath,
    'subject-count': String(result.subjects.length),
    'statement-path': result.statementPath,
  };
  const first = result.bundles[0];
  if (!first) return outputs;
  return {
    ...outputs,
    'bundle-path': first.path,
    'bundle-paths': JSON.stringify(result.bundles.map((b) => b.path)),
    'certificate-identity': first.facts.certificateIdentity,
    'rekor-log-index': first.facts.rekorLogIndex ?? '',
    'rekor-entry-url': first.facts.rekorEntryUrl ?? '',
  };
}

export function publishOutputs(published: PublishResult): Record<string, string> {
  return {
    'release-asset-urls': JSON.stringify(published.releaseAssets.map((a) => a.url)),
    'attestation-id': published.attestations[0] ? String(published.attestations[0].id) : '',
    'attestation-url': published.attestations[0]?.url ?? '',
    ...(published.artifact ? { 'artifact-id': String(published.artifact.id) } : {}),
  };
}

/** The log lines after signing: the subjects, then each bundle with where its time came from. */
export function signingLog(result: AttestResult): string[] {
  const lines = [
    `${plural(result.subjects.length, 'subject')}:\n${formatChecksums(result.subjects).trimEnd()}`,
  ];
  if (result.bundles.length === 0) return [...lines, 'Dry run: nothing was signed or published.'];
  lines.push(`Certificate identity: ${result.bundles[0]!.facts.certificateIdentity}`);
  for (const b of result.bundles) {
    const where = b.facts.rekorLogIndex
      ? `Rekor log index ${b.facts.rekorLogIndex}`
      : 'no transparency log entry';
    const when = b.facts.integratedTime ?? b.facts.timestamp ?? 'unknown time';
    lines.push(`Signed ${b.name}: ${plural(b.subjects.length, 'subject')}, ${where}, at ${when}`);
  }
  return lines;
}

/** What each attach outcome means, for the log. */
const ACTIONS: Record<PublishResult['releaseAssets'][number]['action'], string> = {
  uploaded: 'uploaded',
  skipped: 'skipped (the release already holds these bytes)',
  kept: 'kept (the release already holds an equivalent bundle: the same subjects, signed by the same workflow)',
  replaced: 'replaced',
};

export function publishLog(published: PublishResult): { info: string[]; warnings: string[] } {
  const info: string[] = [];
  if (published.artifact)
    info.push(`Workflow artifact ${published.artifact.name} uploaded (id ${published.artifact.id})`);
  for (const a of published.releaseAssets)
    info.push(`Release asset ${a.name}: ${ACTIONS[a.action]} (${a.url})`);
  for (const a of published.attestations) info.push(`Attestation stored: ${a.url}`);
  return { info, warnings: [...published.warnings] };
}

/** The job summary: what was attested, the signature, where the bundles went, and how to verify. */
export function attestSummary(
  result: AttestResult,
  options: { dryRun: boolean; published?: PublishResult | undefined; failure?: string },
): string {
  const head =
    `## Provenant${options.dryRun ? ' (dry run)' : ''}\n\n${plural(result.subjects.length, 'subject')}, built by ` +
    `${inlineCode(result.context.jobWorkflowRef)} at ${inlineCode(result.context.sha)}.\n\n${subjectsTable(result.subjects)}\n`;
  const tail = options.failure ? `\n**Failed after signing:** ${escapeCell(options.failure)}\n` : '';
  if (result.bundles.length === 0) return `${head}Statement: ${inlineCode(result.statementPath)}\n${tail}`;
  const first = result.bundles[0]!;
  return (
    head +
    `### Signature\n\nCertificate identity: ${inlineCode(first.facts.certificateIdentity)}` +
    `${result.instance ? ` (Sigstore instance: ${result.instance.name})` : ''}\n\n` +
    bundlesTable(
      result.bundles.map((b) => ({
        name: b.name,
        path: b.path,
        subjects: b.subjects.length,
        ...b.facts,
      })),
    ) +
    `\n### Where the bundles went\n\n${destinations(result, options.published).join('\n')}\n` +
    `\n### Verify\n\n` +
    verifyCommands({
      artifact: result.subjects[0]!.name,
      bundle: first.name,
      repository: result.context.repository,
      serverUrl: result.context.serverUrl,
      ...signerWorkflow(result.context),
      cli: PROVENANT_NPX,
      ...(result.instance?.name === 'custom'
        ? { customInstance: result.instance.tufMirror ? { tufMirror: result.instance.tufMirror } : {} }
        : {}),
    }) +
    tail
  );
}

function destinations(result: AttestResult, published: PublishResult | undefined): string[] {
  const where = [`- On disk: ${result.bundles.map((b) => inlineCode(b.path)).join(', ')}`];
  if (published?.artifact) where.push(`- Workflow artifact: ${inlineCode(published.artifact.name)}`);
  for (const a of published?.releaseAssets ?? [])
    where.push(`- Release asset: [${escapeCell(a.name)}](${a.url}) (${a.action})`);
  for (const a of published?.attestations ?? []) where.push(`- Attestation store: ${a.url}`);
  for (const w of published?.warnings ?? []) where.push(`- ⚠️ ${escapeCell(w)}`);
  return where;
}

/** A workflow of another repository signed (a reusable workflow): verifiers must name it, not the repository. */
function signerWorkflow(context: BuildContext): { signerWorkflow?: string } {
  const workflow = context.jobWorkflowRef.split('@')[0]!;
  return workflow.startsWith(`${context.repository}/`) ? {} : { signerWorkflow: workflow };
}
