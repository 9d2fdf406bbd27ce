import type { DigestSet } from './digest.js';
import type { ErrorCode } from './errors.js';
import type { Violation } from './policy/types.js';
import { escapeCell, inlineCode } from './summary.js';

/** What verification says about one artifact: the outcome, why, and what the certificate vouched for. */
export interface ArtifactReport {
  artifact: string;
  digest: DigestSet;
  verified: boolean;
  /** The bundle that verified, or the one whose failure is reported. */
  bundle?: string;
  /** First failure's code, for scripts; undefined when verified. */
  code?: ErrorCode;
  failures: Violation[];
  signer?: string;
  issuer?: string;
  source?: string;
  ref?: string;
  commit?: string;
  runner?: string;
  trigger?: string;
  invocation?: string;
  predicateType?: string;
  /** Earliest verified signing time, ISO 8601. */
  signedAt?: string;
}

export interface VerifyResult {
  verified: boolean;
  artifacts: ArtifactReport[];
}

/** Human-readable report: one block per artifact, failures first-cause-first, then a one-line total. */
export function renderText(result: VerifyResult): string {
  const lines: string[] = [];
  for (const a of result.artifacts) {
    lines.push(`${a.verified ? 'VERIFIED' : 'FAILED  '} ${a.artifact}${a.code ? `  [${a.code}]` : ''}`);
    const row = (label: string, value: string | undefined) => {
      if (value !== undefined) lines.push(`    ${label.padEnd(8)} ${value}`);
    };
    row(
      'digest',
      Object.entries(a.digest)
        .map(([alg, hex]) => `${alg}:${hex}`)
        .join(' ') || undefined,
    );
    row('bundle', a.bundle);
    row('signer', a.signer);
    row('source', a.source && a.ref ? `${a.source} @ ${a.ref}` : a.source);
    row('commit', a.commit);
    row('runner', a.runner);
    row('signed', a.signedAt);
    for (const f of a.failures) lines.push(`    why      ${f.code}: ${f.message}`);
  }
  const ok = result.artifacts.filter((a) => a.verified).length;
  lines.push(
    '',
    `${ok} of ${result.artifacts.length} artifact(s) verified${result.verified ? '.' : '; verification FAILED.'}`,
  );
  return `${lines.join('\n')}\n`;
}

export function renderJson(result: VerifyResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

/**
 * Markdown for the verify action's job summary: a table of artifacts, then why each failure failed. Artifact names,
 * certificate values and messages are escaped: a file name or a claim in a bundle must not be able to inject markup.
 */
export function renderSummary(result: VerifyResult): string {
  const header = ['Artifact', 'Result', 'Signer', 'Source', 'Commit', 'Signed'];
  // The result is our own words and an error code; everything else came from a file name or a certificate.
  const rows = result.artifacts.map((a) => [
    escapeCell(a.artifact),
    a.verified ? 'verified' : `failed: ${a.code ?? ''}`,
    ...[
      a.signer ?? '',
      a.source && a.ref ? `${a.source}@${a.ref}` : (a.source ?? ''),
      a.commit ?? '',
      a.signedAt ?? '',
    ].map(escapeCell),
  ]);
  const ok = result.artifacts.filter((a) => a.verified).length;
  const failures = result.artifacts
    .filter((a) => !a.verified)
    .map((a) => `- ${inlineCode(a.artifact)}: ${escapeCell(a.failures[0]?.message ?? 'not verified')}`);
  return [
    `### Provenant verification: ${ok} of ${result.artifacts.length} verified`,
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    ...(failures.length > 0 ? ['', '#### Why not', '', ...failures] : []),
    '',
  ].join('\n');
}
