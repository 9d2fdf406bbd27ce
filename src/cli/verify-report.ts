import type { ArtifactReport, VerifyResult } from '../app/verify.js';

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

/** Markdown table for the job summary of the verify action. */
export function renderSummaryRows(reports: readonly ArtifactReport[]): string[][] {
  return reports.map((a) => [
    a.artifact,
    a.verified ? 'verified' : `failed: ${a.code ?? ''}`,
    a.signer ?? '',
    a.source && a.ref ? `${a.source}@${a.ref}` : (a.source ?? ''),
    a.commit ?? '',
    a.signedAt ?? '',
  ]);
}
