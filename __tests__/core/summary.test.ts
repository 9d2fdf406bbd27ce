import { describe, expect, it } from '@jest/globals';
import {
  bundlesTable,
  codeCell,
  escapeCell,
  regexLiteral,
  shellWord,
  subjectsTable,
  verifyCommands,
} from '../../src/core/summary.js';

const base = {
  artifact: 'w.tgz',
  bundle: 'provenance.sigstore.json',
  repository: 'acme/my.widget',
  serverUrl: 'https://github.com',
  cli: 'npx --yes @provenant-org/provenant@0.1.0',
};

describe('verifyCommands', () => {
  it('gives Provenant, gh and cosign commands; cosign without the deprecated flag, its regex escaped', () => {
    const text = verifyCommands(base);
    expect(text).toContain(
      'npx --yes @provenant-org/provenant@0.1.0 verify w.tgz --bundle provenance.sigstore.json --repo acme/my.widget\n',
    );
    expect(text).toContain(
      'gh attestation verify w.tgz --bundle provenance.sigstore.json --repo acme/my.widget\n',
    );
    expect(text).not.toContain('--new-bundle-format');
    expect(text).toContain(`--certificate-identity-regexp '^https://github\\.com/acme/my\\.widget/' w.tgz`);
  });

  it('names the signer workflow for a reusable workflow, in every command', () => {
    const text = verifyCommands({
      ...base,
      signerWorkflow: 'provenant-org/provenant/.github/workflows/provenance.yml',
    });
    expect(
      text.match(/--signer-workflow provenant-org\/provenant\/\.github\/workflows\/provenance\.yml/g),
    ).toHaveLength(2);
    expect(text).toContain(
      `--certificate-identity-regexp '^https://github\\.com/provenant-org/provenant/\\.github/workflows/provenance\\.yml@'`,
    );
  });

  it("gives each command the trust of an instance of one's own: its TUF repository for Provenant, its root for gh and cosign", () => {
    const text = verifyCommands({ ...base, customInstance: { tufMirror: 'https://tuf.example.org' } });
    expect(text).toContain(
      'verify w.tgz --bundle provenance.sigstore.json --repo acme/my.widget \\\n  --tuf-mirror https://tuf.example.org --tuf-root tuf-root.json\n',
    );
    expect(text).toContain('--repo acme/my.widget \\\n  --custom-trusted-root trusted_root.json\n');
    expect(text).toContain('--type slsaprovenance1 \\\n  --trusted-root trusted_root.json \\\n');
    const file = verifyCommands({ ...base, customInstance: {} });
    expect(file).toContain('--repo acme/my.widget \\\n  --trusted-root trusted_root.json\n');
    expect(file).not.toContain('--tuf-mirror');
    expect(verifyCommands(base)).not.toContain('trusted_root.json');
  });

  it('quotes names a shell would split or expand', () => {
    const text = verifyCommands({ ...base, artifact: "my app's $HOME.tgz" });
    expect(text).toContain(`verify 'my app'\\''s $HOME.tgz' --bundle`);
  });
});

describe('escaping', () => {
  it.each([
    ['plain-1.2.3_x.tgz', 'plain-1.2.3_x.tgz'],
    ['a b', "'a b'"],
    ["it's", "'it'\\''s'"],
    ['$(rm -rf /)', "'$(rm -rf /)'"],
  ])('shellWord(%j) is %s', (word, quoted) => expect(shellWord(word)).toBe(quoted));

  it('regexLiteral escapes every metacharacter', () => {
    const text = 'a.b*c+d?e^f$g{h}i(j)k|l[m]n\\o';
    expect(new RegExp(`^${regexLiteral(text)}$`).test(text)).toBe(true);
    expect(new RegExp(`^${regexLiteral('a.b')}$`).test('axb')).toBe(false);
  });

  it('a subject name cannot inject Markdown or HTML into the summary table', () => {
    const row = subjectsTable([
      { name: '<img src=x>|[a](b)*c*\n#', digest: { sha256: 'a'.repeat(64) } },
    ]).split('\n')[2]!;
    expect(row).toBe(`| \\<img src=x\\>\\|\\[a\\]\\(b\\)\\*c\\* \\# | \`${'a'.repeat(64)}\` |  |`);
    expect(escapeCell('`x`')).toBe('\\`x\\`');
  });
});

describe('code in the summary', () => {
  it('shows a path with underscores and backticks as it is, and keeps a table cell whole', () => {
    const row = bundlesTable([{ name: 'p.sigstore.json', path: '/out/my_dir/a`b|c', subjects: 1 }]).split(
      '\n',
    )[2]!;
    expect(row).toBe('| p.sigstore.json | 1 | — |  | ``/out/my_dir/a`b\\|c`` |');
    expect(codeCell('x|y')).toBe('`x\\|y`');
  });
});
