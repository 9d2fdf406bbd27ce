import type { Subject } from './subject.js';

/** Markdown for the job summary. Names are escaped: a file name must not be able to inject markup. */
export function subjectsTable(subjects: readonly Subject[], limit = 200): string {
  const rows = subjects
    .slice(0, limit)
    .map((s) => `| ${escapeCell(s.name)} | \`${s.digest.sha256 ?? firstDigest(s)}\` | ${s.size ?? ''} |`);
  const more =
    subjects.length > limit ? `\n\n…and ${subjects.length - limit} more (see the statement file).` : '';
  return ['| Subject | sha256 | Bytes |', '| --- | --- | ---: |', ...rows].join('\n') + more + '\n';
}

function firstDigest(s: Subject): string {
  const [alg, hex] = Object.entries(s.digest)[0] ?? ['', ''];
  return `${alg}:${hex}`;
}

export function escapeCell(text: string): string {
  return text.replace(/[\\`*_{}[\]<>()#+!|]/g, (c) => `\\${c}`).replace(/\n/g, ' ');
}
