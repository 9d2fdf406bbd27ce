import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { inputError, quote } from '../core/errors.js';
import { parseLayoutText } from '../core/layout/layout-file.js';
import { lintLayout } from '../core/layout/lint.js';
import { printable } from '../core/verify-report.js';
import { parseCommandArgs } from './args.js';
import type { CliCommand, CliIO } from './command.js';

const usage = `Usage: provenant layout check FILE [--strict]

Checks a layout (JSON, or YAML when FILE ends in .yml or .yaml; format in docs/layouts.md) and warns about what
would let a tampered pipeline pass: every rule list that does not end in DISALLOW (in-toto closes each list with
an implicit ALLOW), MATCH rules naming no step, unanchored identity patterns, steps whose functionaries cannot tell
the jobs of one workflow apart, and a near or past expiry. Exit 0: valid (warnings or not; with --strict, only
without warnings); 1: warnings under --strict; 2: not a valid layout.`;

/** The layout's text, read with the limit every layout reader applies. */
export async function readLayoutFile(file: string, io: CliIO): Promise<{ path: string; text: string }> {
  const path = resolve(io.cwd, file);
  try {
    return { path, text: await readFile(path, 'utf8') };
  } catch (e) {
    throw inputError(
      'FILE_NOT_FOUND',
      `expected a readable layout file, got ${quote(file)} (${(e as NodeJS.ErrnoException).code ?? ''}).`,
    );
  }
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('layout', argv, { strict: { type: 'boolean' } });
  if (positionals[0] !== 'check' || positionals.length !== 2)
    throw inputError(
      'USAGE',
      `expected \`provenant layout check FILE\`, got ${quote(positionals.join(' '))}.`,
    );
  const file = positionals[1]!;
  const { text } = await readLayoutFile(file, io);
  const layout = parseLayoutText(text, file);
  const warnings = lintLayout(layout, new Date());
  for (const w of warnings) io.stderr(`provenant layout check: warning: ${printable(w)}\n`);
  io.stdout(
    `${printable(file)}: a valid layout of ${layout.steps.length} step(s) (${layout.steps.map((s) => s.name).join(' → ')}), ${layout.functionaries.size} functionar${layout.functionaries.size === 1 ? 'y' : 'ies'}, ${warnings.length} warning(s)\n`,
  );
  return values.strict === true && warnings.length > 0 ? 1 : 0;
}

export const command: CliCommand = {
  name: 'layout',
  summary: 'check a pipeline layout: its format, and rule lists that would let tampering pass',
  usage,
  run,
};
