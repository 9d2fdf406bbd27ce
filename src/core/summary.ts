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

/** Code inside a table cell: GitHub splits cells at `|` even inside code spans, unless it is escaped. */
export function codeCell(text: string): string {
  return inlineCode(text).replace(/\|/g, '\\|');
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
    return `| ${escapeCell(b.name)} | ${b.subjects} | ${log} | ${time} | ${codeCell(b.path)} |`;
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
  /**
   * Signed by an instance of one's own: verifiers need its trust, which no tool has built in. With `tufMirror` the
   * instance's TUF repository (Provenant follows its rotations), else its trusted_root.json, named as a placeholder.
   */
  customInstance?: { tufMirror?: string };
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
  const custom = options.customInstance;
  const mirror = custom?.tufMirror;
  const own = mirror
    ? ` \\\n  --tuf-mirror ${shellWord(mirror)} --tuf-root tuf-root.json`
    : custom
      ? ' \\\n  --trusted-root trusted_root.json'
      : '';
  return [
    '```sh',
    ...(custom
      ? [
          mirror
            ? "# tuf-root.json: the instance's initial TUF root; trusted_root.json: its trusted root (from its operators)"
            : '# trusted_root.json: the trusted root of the Sigstore instance that signed (from its operators)',
        ]
      : []),
    `${options.cli} verify ${artifact} --bundle ${bundle} --repo ${repo}${signer}${own}`,
    `gh attestation verify ${artifact} --bundle ${bundle} --repo ${repo}${signer}${custom ? ' \\\n  --custom-trusted-root trusted_root.json' : ''}`,
    `cosign verify-blob-attestation --bundle ${bundle} --type slsaprovenance1 \\`,
    ...(custom ? ['  --trusted-root trusted_root.json \\'] : []),
    `  --certificate-oidc-issuer https://token.actions.githubusercontent.com \\`,
    `  --certificate-identity-regexp ${shellWord(identity)} ${artifact}`,
    '```',
    '',
  ].join('\n');
}
