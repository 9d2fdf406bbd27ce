import type { TrustOptions } from '../adapters/sigstore/trust.js';
import { inputError } from '../core/errors.js';
import { buildPolicy } from '../core/policy/build.js';
import { POLICY_FLAGS, readPolicyOptions, type PolicyFlag } from '../core/policy/options.js';
import type { Policy } from '../core/policy/types.js';
import { list } from './args.js';
import { renderJson, renderText, type VerifyResult } from '../core/verify-report.js';
import { parseJq, renderJq, runJq, type JqProgram } from './verify-jq.js';

type Values = Record<string, unknown>;

/** The output flags every verify command takes: `--format json` (or gh's `--json`) and gh's `--jq`. */
export const OUTPUT_FLAGS = {
  format: { type: 'string' },
  json: { type: 'boolean' },
  jq: { type: 'string' },
} as const;

/** Trust: a trusted root file (gh's `--custom-trusted-root` is the same flag), or an instance through TUF. */
export const TRUST_FLAGS = {
  'trusted-root': { type: 'string' },
  'custom-trusted-root': { type: 'string' },
  instance: { type: 'string' },
  'tuf-cache-dir': { type: 'string' },
  'tuf-root': { type: 'string' },
  'tuf-mirror': { type: 'string' },
} as const;

/** Every name of every policy flag (cosign's aliases too), for the argument parser. */
export const POLICY_OPTIONS = Object.fromEntries(
  POLICY_FLAGS.flatMap((f) => [f.name, ...(f.aliases ?? [])].map((name) => [name, { type: f.type }])),
);

/** The value of a flag that has several names; the same flag given twice under two names must agree. */
export function oneOf(values: Values, names: readonly string[]): string | undefined {
  const given = names
    .map((name) => ({ name, value: list(values[name] as string | undefined)[0] }))
    .filter((g) => g.value !== undefined);
  const distinct = new Set(given.map((g) => g.value));
  if (distinct.size > 1)
    throw inputError(
      'USAGE',
      `expected one value for ${given.map((g) => `--${g.name}`).join(' and ')} (they are one flag), got ${distinct.size}.`,
    );
  return given[0]?.value;
}

/** The policy flags as the use case takes them, read through the table the verify action reads its inputs with. */
export function policyFrom(values: Values): Policy {
  const byName = new Map(POLICY_FLAGS.map((f) => [f.name, f]));
  return buildPolicy(
    readPolicyOptions({
      string: (name) => oneOf(values, [name, ...(byName.get(name)?.aliases ?? [])]),
      boolean: (name) => values[name] === true,
    }),
  );
}

export interface Output {
  format: 'text' | 'json';
  jq?: JqProgram;
}

/** `--format text|json`, `--json` (gh's spelling) and `--jq EXPR` (which implies JSON). */
export function outputFrom(values: Values): Output {
  const format = (values.format as string | undefined) ?? (values.json === true ? 'json' : 'text');
  if (format !== 'text' && format !== 'json')
    throw inputError('USAGE', `--format: expected text or json, got ${JSON.stringify(format)}.`);
  if (values.json === true && format !== 'json')
    throw inputError('USAGE', '--json asks for --format json, got --format text as well. Keep one.');
  const jq = values.jq as string | undefined;
  if (jq === undefined) return { format };
  if (values.format === 'text') throw inputError('USAGE', '--jq filters JSON output, got --format text.');
  return { format: 'json', jq: parseJq(jq) };
}

/** The result as asked for: text, JSON, or the outputs of the --jq filter. */
export function render(result: VerifyResult, output: Output): string {
  if (output.jq) return renderJq(runJq(output.jq, JSON.parse(renderJson(result))));
  return output.format === 'json' ? renderJson(result) : renderText(result);
}

export function trustFrom(values: Values): TrustOptions {
  const trustedRoot = oneOf(values, ['trusted-root', 'custom-trusted-root']);
  const string = (name: string) => values[name] as string | undefined;
  return {
    ...(trustedRoot !== undefined ? { trustedRoot } : {}),
    ...(string('instance') !== undefined ? { instance: string('instance') } : {}),
    ...(string('tuf-cache-dir') !== undefined ? { tufCacheDir: string('tuf-cache-dir') } : {}),
    ...(string('tuf-root') !== undefined ? { tufRoot: string('tuf-root') } : {}),
    ...(string('tuf-mirror') !== undefined ? { tufMirror: string('tuf-mirror') } : {}),
  };
}

/** Where the usage's descriptions start. */
const HELP_COLUMN = 31;

export function usageLine(flag: PolicyFlag): string {
  const head = `  --${flag.name}${flag.type === 'string' ? ` ${flag.argument}` : ''}`;
  const indent = ' '.repeat(HELP_COLUMN);
  const lines =
    head.length <= HELP_COLUMN - 2 ? [`${head.padEnd(HELP_COLUMN)}${flag.help}`] : [head, indent + flag.help];
  if (flag.aliases?.length) lines.push(`${indent}(also --${flag.aliases.join(', --')})`);
  return lines.join('\n');
}
