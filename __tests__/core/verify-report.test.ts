import { describe, expect, it } from '@jest/globals';
import { escapeCell, inlineCode } from '../../src/core/summary.js';
import { printable, renderSummary, renderText, type ArtifactReport } from '../../src/core/verify-report.js';

const verified: ArtifactReport = {
  artifact: 'dist/app.tgz',
  digest: { sha256: 'a'.repeat(64) },
  verified: true,
  bundle: 'app.tgz.sigstore.json',
  failures: [],
  signer: 'https://github.com/octo-org/app/.github/workflows/release.yml@refs/tags/v1',
  source: 'https://github.com/octo-org/app',
  ref: 'refs/tags/v1',
  commit: 'b'.repeat(40),
  signedAt: '2026-01-02T03:04:05.000Z',
};
const failed: ArtifactReport = {
  artifact: 'dist/<b>x</b>|*y*.tgz',
  digest: {},
  verified: false,
  code: 'SUBJECT_MISMATCH',
  failures: [
    { code: 'SUBJECT_MISMATCH', rule: 'subject', message: 'expected x, got <script>[a](b)</script>.' },
  ],
  signer: 'https://evil/`|<img>',
};

describe('the verify report', () => {
  it('renders text blocks and a total', () => {
    expect(renderText({ verified: false, artifacts: [verified, failed] })).toBe(
      [
        'VERIFIED dist/app.tgz',
        `    digest   sha256:${'a'.repeat(64)}`,
        '    bundle   app.tgz.sigstore.json',
        '    signer   https://github.com/octo-org/app/.github/workflows/release.yml@refs/tags/v1',
        '    source   https://github.com/octo-org/app @ refs/tags/v1',
        `    commit   ${'b'.repeat(40)}`,
        '    signed   2026-01-02T03:04:05.000Z',
        'FAILED   dist/<b>x</b>|*y*.tgz  [SUBJECT_MISMATCH]',
        '    signer   https://evil/`|<img>',
        '    why      SUBJECT_MISMATCH: expected x, got <script>[a](b)</script>.',
        '',
        '1 of 2 artifact(s) verified; verification FAILED.',
        '',
      ].join('\n'),
    );
  });

  it('renders the job summary with every value from a file name or a bundle escaped', () => {
    const md = renderSummary({ verified: false, artifacts: [verified, failed] });
    expect(md.split('\n')).toEqual([
      '### Provenant verification: 1 of 2 verified',
      '',
      '| Artifact | Result | Signer | Source | Commit | Signed |',
      '| --- | --- | --- | --- | --- | --- |',
      `| dist/app.tgz | verified | ${verified.signer} | ${verified.source}@refs/tags/v1 | ${verified.commit} | 2026-01-02T03:04:05.000Z |`,
      '| dist/\\<b\\>x\\</b\\>\\|\\*y\\*.tgz | failed: SUBJECT_MISMATCH | https://evil/\\`\\|\\<img\\> |  |  |  |',
      '',
      '#### Why not',
      '',
      '- `dist/<b>x</b>|*y*.tgz`: expected x, got \\<script\\>\\[a\\]\\(b\\)\\</script\\>.',
      '',
    ]);
  });
});

describe('Markdown escaping', () => {
  it.each<[string, (text: string) => string, string, string]>([
    // A table cell stays one cell on one line.
    ['escapeCell', escapeCell, 'a\nb', 'a b'],
    ['escapeCell', escapeCell, 'a\r\nb', 'a b'],
    ['escapeCell', escapeCell, 'a\rb', 'a b'],
    ['escapeCell', escapeCell, 'x|y', 'x\\|y'],
    // A code span is fenced past any backticks inside, on one line.
    ['inlineCode', inlineCode, 'plain', '`plain`'],
    ['inlineCode', inlineCode, 'a`b', '``a`b``'],
    ['inlineCode', inlineCode, 'a``b`', '``` a``b` ```'],
    ['inlineCode', inlineCode, '`x', '`` `x ``'],
    ['inlineCode', inlineCode, 'line\nbreak', '`line break`'],
  ])('%s(%j) is %j', (_name, escape, text, escaped) => {
    expect(escape(text)).toBe(escaped);
  });
});

describe('the text report and hostile values', () => {
  it('escapes control characters from names, certificates and messages, so no value can fake a line', () => {
    const forged: ArtifactReport = {
      artifact: 'evil.tgz\n\rVERIFIED good.tgz\u001b[2K',
      digest: { sha256: 'c'.repeat(64) },
      verified: false,
      code: 'SUBJECT_MISMATCH',
      bundle: 'b\u0085.sigstore.json',
      failures: [{ code: 'SUBJECT_MISMATCH', rule: 'subject', message: 'got "x"\nVERIFIED y' }],
      signer: 'https://github.com/o/r/.github/workflows/r.yml@refs/heads/\u202emain\u2028VERIFIED',
    };
    const text = renderText({
      verified: false,
      artifacts: [forged],
      skipped: [{ bundle: 'bad\n.jsonl', code: 'BUNDLE_INVALID', message: 'VERIFIED\r' }],
    });
    const lines = text.split('\n');
    expect(lines.filter((l) => l.startsWith('VERIFIED'))).toEqual([]);
    expect(lines[0]).toBe('FAILED   evil.tgz\\x0a\\x0dVERIFIED good.tgz\\x1b[2K  [SUBJECT_MISMATCH]');
    expect(text).toContain('    bundle   b\\x85.sigstore.json');
    expect(text).toContain('refs/heads/\\u{202e}main\\u{2028}VERIFIED');
    expect(text).toContain('    why      SUBJECT_MISMATCH: got "x"\\x0aVERIFIED y');
    expect(text).toContain('SKIPPED  bad\\x0a.jsonl  [BUNDLE_INVALID]');
    expect(printable('plain ascii and ünïcode')).toBe('plain ascii and ünïcode');
  });
});
