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

/** Text for a Markdown table cell: markup characters escaped, and any line break (a new block) made a space. */
export function escapeCell(text: string): string {
  return text.replace(/[\\`*_{}[\]<>()#+!|]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, ' ');
}

/**
 * A Markdown code span showing `text` literally, whatever it holds: the fence is longer than any run of backticks
 * inside, and line breaks become spaces (a break would let the text start a block of its own). Not for table cells,
 * where `|` still splits the cell: use {@link escapeCell} there.
 */
export function inlineCode(text: string): string {
  const flat = text.replace(/\r\n|\r|\n/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(flat) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

export interface BundleSummary {
  name: string;
  path: string;
  subjects: number;
  rekorLogIndex?: string;
  rekorEntryUrl?: string;
  timestamp?: string;
  integratedTime?: string;
}

export function bundlesTable(bundles: readonly BundleSummary[]): string {
  const rows = bundles.map((b) => {
    const log = b.rekorLogIndex
      ? b.rekorEntryUrl
        ? `[${b.rekorLogIndex}](${b.rekorEntryUrl})`
        : b.rekorLogIndex
      : '—';
    const time = b.integratedTime ?? b.timestamp ?? '';
    return `| ${escapeCell(b.name)} | ${b.subjects} | ${log} | ${time} | \`${escapeCell(b.path)}\` |`;
  });
  return (
    [
      '| Bundle | Subjects | Rekor entry | Signed at | On disk |',
      '| --- | ---: | --- | --- | --- |',
      ...rows,
    ].join('\n') + '\n'
  );
}

/** Copy-paste commands a consumer runs to check an artifact against its bundle. */
export function verifyCommands(options: {
  artifact: string;
  bundle: string;
  repository: string;
  signerWorkflow?: string;
}): string {
  const workflow = options.signerWorkflow ? ` \\\n  --signer-workflow ${options.signerWorkflow}` : '';
  return [
    '```sh',
    `npx provenant verify ${options.artifact} --bundle ${options.bundle} --repo ${options.repository}${workflow}`,
    `gh attestation verify ${options.artifact} --bundle ${options.bundle} --repo ${options.repository}`,
    `cosign verify-blob-attestation --bundle ${options.bundle} --new-bundle-format --type slsaprovenance1 \\`,
    `  --certificate-oidc-issuer https://token.actions.githubusercontent.com \\`,
    `  --certificate-identity-regexp '^https://github.com/${options.repository}/' ${options.artifact}`,
    '```',
    '',
  ].join('\n');
}
