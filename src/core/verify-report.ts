import type { CertificateClaims } from './certificate-claims.js';
import type { DigestSet } from './digest.js';
import type { ErrorCode } from './errors.js';
import type { PolicyDescription, ReleaseDescription } from './policy/describe.js';
import type { Reviewer } from './approval/predicate.js';
import type { Violation } from './policy/types.js';
import { escapeCell, inlineCode } from './summary.js';

/** What verification says about one artifact: the outcome, why, and what the certificate vouched for. */
export interface ArtifactReport {
  artifact: string;
  digest: DigestSet;
  verified: boolean;
  /** The bundle that verified, or the one whose failure is reported: its file name (with `:LINE` in a .jsonl). */
  bundle?: string;
  /** That bundle's file, as a path. */
  bundlePath?: string;
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
  /** The certificate's Deployment Environment (.23) and Token Subject (.24). */
  environment?: string;
  tokenSubject?: string;
  /** Earliest verified signing time, ISO 8601. */
  signedAt?: string;
  /** The approval signature that authorized the provenance, with --require-approval. */
  approval?: ApprovalReport;
  /** Every claim of the bundle's certificate: the SAN and Fulcio's extensions (1.3.6.1.4.1.57264.1.*). */
  certificate?: CertificateClaims;
}

/** The second signature of a release, as verified: who approved, which release, when (log or TSA time). */
export interface ApprovalReport {
  bundle: string;
  bundlePath?: string;
  signer?: string;
  environment?: string;
  tag?: string;
  commit?: string;
  signedAt: string;
  /** The provenance bundle it pins, which verified. */
  provenance: string;
  /** As GitHub's API reported them to the approver: no signature vouches for these. */
  reviewers?: Reviewer[];
}

/** A bundle file of --bundle-dir that did not load: reported, and skipped for every artifact. */
export interface SkippedBundle {
  /** The file's path. */
  bundle: string;
  code: ErrorCode;
  message: string;
}

export interface VerifyResult {
  verified: boolean;
  /** The policy that was enforced. */
  policy?: PolicyDescription;
  /** The release's rules that were enforced (an approval, the tag, the minimum version), when any was asked. */
  release?: ReleaseDescription;
  artifacts: ArtifactReport[];
  /** Bundle files that were skipped because they did not load (empty unless --bundle-dir held such a file). */
  skipped?: SkippedBundle[];
}

// C0 and C1 controls, DEL, line and paragraph separators, and the invisible marks that reorder or hide text.
const UNPRINTABLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * A value from a file name, a bundle or a certificate, made safe to print on one line: control characters and the
 * marks that reorder text are shown as `\xHH` / `\u{HHHH}`, so no value can end a line early, move the cursor,
 * or make a report line (a fake `VERIFIED`) of its own.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    const code = c.codePointAt(0)!;
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

function artifactBlock(a: ArtifactReport): string[] {
  const lines = [
    `${a.verified ? 'VERIFIED' : 'FAILED  '} ${printable(a.artifact)}${a.code ? `  [${a.code}]` : ''}`,
  ];
  const row = (label: string, value: string | undefined) => {
    if (value !== undefined) lines.push(`    ${label.padEnd(8)} ${printable(value)}`);
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
  row('env', a.environment);
  row('sub', a.tokenSubject);
  row('signed', a.signedAt);
  if (a.approval) {
    const p = a.approval;
    row('approval', p.bundle);
    row('approver', `${p.signer ?? '?'}${p.environment ? ` (environment ${p.environment})` : ''}`);
    row('approved', `${p.tag ?? '?'} at ${p.commit ?? '?'}, signed ${p.signedAt}`);
    if (p.reviewers?.length)
      row(
        'reviews',
        `${p.reviewers.map((r) => `${r.login} (${r.state})`).join(', ')} (unverified, from GitHub's API)`,
      );
  }
  for (const f of a.failures) lines.push(`    why      ${f.code}: ${printable(f.message)}`);
  return lines;
}

/**
 * Human-readable report: one block per artifact, failures first-cause-first, the bundle files skipped, then a
 * one-line total. Everything that came from input or a certificate goes through {@link printable}.
 */
export function renderText(result: VerifyResult): string {
  const lines = result.artifacts.flatMap(artifactBlock);
  for (const s of result.skipped ?? [])
    lines.push(`SKIPPED  ${printable(s.bundle)}  [${s.code}]`, `    why      ${printable(s.message)}`);
  const ok = result.artifacts.filter((a) => a.verified).length;
  lines.push(
    '',
    `${ok} of ${result.artifacts.length} artifact(s) verified${result.verified ? '.' : '; verification FAILED.'}`,
  );
  return `${lines.join('\n')}\n`;
}

// What JSON.stringify leaves as it is, though a terminal may act on it: it can only stand inside a string there.
const UNESCAPED_BY_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** JSON text with every control and reordering character escaped (`\uXXXX`), still valid JSON. */
export function safeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(
    UNESCAPED_BY_JSON,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export function renderJson(result: VerifyResult): string {
  return `${safeJson(result, 2)}\n`;
}

/**
 * Markdown for the verify action's job summary: a table of artifacts, then why each failure failed. Artifact names,
 * certificate values and messages are escaped: a file name or a claim in a bundle must not be able to inject markup.
 */
export function renderSummary(result: VerifyResult): string {
  const header = ['Artifact', 'Result', 'Signer', 'Source', 'Commit', 'Signed'];
  // The result is our own words and an error code; everything else came from a file name or a certificate.
  const cell = (text: string) => escapeCell(printable(text));
  const rows = result.artifacts.map((a) => [
    cell(a.artifact),
    a.verified ? 'verified' : `failed: ${a.code ?? ''}`,
    ...[
      a.signer ?? '',
      a.source && a.ref ? `${a.source}@${a.ref}` : (a.source ?? ''),
      a.commit ?? '',
      a.signedAt ?? '',
    ].map(cell),
  ]);
  const ok = result.artifacts.filter((a) => a.verified).length;
  const failures = result.artifacts
    .filter((a) => !a.verified)
    .map((a) => `- ${inlineCode(printable(a.artifact))}: ${cell(a.failures[0]?.message ?? 'not verified')}`);
  const approved = result.artifacts
    .filter((a) => a.approval)
    .map(
      (a) =>
        `- ${inlineCode(printable(a.artifact))}: ${cell(`${a.approval!.tag ?? '?'} approved by ${a.approval!.signer ?? '?'}` + `${a.approval!.environment ? ` (environment ${a.approval!.environment})` : ''}, signed ${a.approval!.signedAt}`)}`,
    );
  return [
    `### Provenant verification: ${ok} of ${result.artifacts.length} verified`,
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    ...(failures.length > 0 ? ['', '#### Why not', '', ...failures] : []),
    ...(approved.length > 0 ? ['', '#### Approvals', '', ...approved] : []),
    '',
  ].join('\n');
}
