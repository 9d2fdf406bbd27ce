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

/** A word for a POSIX shell: as is when it is plain, otherwise single-quoted. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A regular expression that matches `text` literally (Go's RE2 syntax, which cosign uses, escapes the same way). */
export function regexLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface VerifyCommandOptions {
  artifact: string;
  bundle: string;
  /** `owner/repo` that was built. */
  repository: string;
  serverUrl: string;
  /** `owner/repo/path` of the workflow that signed, when it is not the repository's own (a reusable workflow). */
  signerWorkflow?: string;
  /** How a user runs Provenant's CLI, with a pinned version (never a bare package name someone else could own). */
  cli: string;
}

/** Copy-paste commands a consumer runs to check an artifact against its bundle: Provenant's, gh's and cosign's. */
export function verifyCommands(options: VerifyCommandOptions): string {
  const artifact = shellWord(options.artifact);
  const bundle = shellWord(options.bundle);
  const signer = options.signerWorkflow
    ? ` \\\n  --signer-workflow ${shellWord(options.signerWorkflow)}`
    : '';
  const identity = options.signerWorkflow
    ? `^${regexLiteral(`${options.serverUrl}/${options.signerWorkflow}`)}@`
    : `^${regexLiteral(`${options.serverUrl}/${options.repository}`)}/`;
  const repo = shellWord(options.repository);
  return [
    '```sh',
    `${options.cli} verify ${artifact} --bundle ${bundle} --repo ${repo}${signer}`,
    `gh attestation verify ${artifact} --bundle ${bundle} --repo ${repo}${signer}`,
    `cosign verify-blob-attestation --bundle ${bundle} --type slsaprovenance1 \\`,
    `  --certificate-oidc-issuer https://token.actions.githubusercontent.com \\`,
    `  --certificate-identity-regexp ${shellWord(identity)} ${artifact}`,
    '```',
    '',
  ].join('\n');
}
