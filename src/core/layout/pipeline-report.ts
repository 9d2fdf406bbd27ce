/**
 * The pipeline report as people and scripts read it: every step with who signed it, each failure with its step, rule
 * and artifact, then each artifact's verdict. Everything a bundle or layout chose is escaped before it is shown.
 */
import { escapeCell, inlineCode } from '../summary.js';
import { printable } from '../verify-report.js';
import type { PipelineReport } from './pipeline.js';
import type { StepReport } from './step-links.js';

export type LayoutResult = PipelineReport & { skipped: string[] };

function stepLine(s: StepReport): string {
  const who = s.signers.map((x) => `${x.functionary} (${x.signer})`).join(', ');
  if (s.verified) return `  step ${s.name}: verified, signed by ${who} [${s.links.join(', ')}]`;
  return `  step ${s.name}: FAILED [${s.failure?.code ?? 'INTERNAL'}]: ${s.failure?.message ?? ''}${who ? ` (signed by ${who})` : ''}`;
}

export function renderLayoutText(result: LayoutResult): string {
  const lines: string[] = [];
  if (result.layout)
    lines.push(
      `layout ${result.layout.source}: signed by ${result.layout.signedBy}, expires ${result.expires}`,
    );
  lines.push(...result.steps.map(stepLine));
  for (const f of result.failures)
    if (!result.steps.some((s) => s.failure === f)) lines.push(`  FAILED [${f.code}]: ${f.message}`);
  for (const a of result.artifacts)
    lines.push(
      a.verified
        ? `  OK ${a.artifact}: product ${a.product!} of the final step`
        : `  FAILED ${a.artifact} [${a.failure!.code}]: ${a.failure!.message}`,
    );
  for (const w of result.warnings) lines.push(`  warning: ${w}`);
  for (const s of result.skipped) lines.push(`  skipped ${s}`);
  lines.push(
    result.verified
      ? `verified: ${result.steps.length} step(s) and ${result.artifacts.length} artifact(s) match the layout`
      : `not verified: ${result.failures.length} failure(s)`,
  );
  return `${lines.map(printable).join('\n')}\n`;
}

export function renderLayoutJson(result: LayoutResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

/** The job summary of the verify action in layout mode. */
export function renderLayoutSummary(result: LayoutResult): string {
  const rows = result.steps.map(
    (s) =>
      `| ${inlineCode(s.name)} | ${s.verified ? '✅' : `❌ ${escapeCell(s.failure?.code ?? '')}`} | ${escapeCell(s.signers.map((x) => `${x.functionary}: ${x.signer}`).join(', '))} |`,
  );
  const failures = result.failures.map((f) => `- **${f.code}**: ${escapeCell(f.message)}`);
  return [
    `### Pipeline ${result.verified ? 'verified' : 'not verified'}`,
    result.layout
      ? `Layout ${inlineCode(result.layout.source)} signed by ${escapeCell(result.layout.signedBy)}.`
      : '',
    '',
    '| step | result | signed by |',
    '| --- | --- | --- |',
    ...rows,
    '',
    ...failures,
    '',
  ].join('\n');
}
