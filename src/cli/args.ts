import type { ParseArgsConfig } from 'node:util';
import { util } from '../adapters/builtins.js';
import { refuseControlCharacters } from '../core/control-characters.js';
import { inputError } from '../core/errors.js';

const { parseArgs } = util;

type Options = NonNullable<ParseArgsConfig['options']>;

/** Strict parsing with errors that name the command and point at --help; no value may hold a control character. */
export function parseCommandArgs<T extends Options>(command: string, argv: string[], options: T) {
  for (const [i, arg] of argv.entries()) refuseControlCharacters(arg, `argument ${i + 1}`);
  try {
    return parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw inputError(
      'USAGE',
      `provenant ${command}: ${(e as Error).message}. Run \`provenant ${command} --help\` for usage.`,
    );
  }
}

export function list(value: string | boolean | (string | boolean)[] | undefined): string[] {
  if (value === undefined || typeof value === 'boolean') return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

/** `--format text|json`, with `--json` as gh's spelling of `--format json`: true when JSON is asked for. */
export function jsonFormat(values: { format?: unknown; json?: unknown }): boolean {
  const format = typeof values.format === 'string' ? values.format : values.json === true ? 'json' : 'text';
  if (format !== 'text' && format !== 'json')
    throw inputError('USAGE', `--format: expected text or json, got ${JSON.stringify(format)}.`);
  if (values.json === true && format !== 'json')
    throw inputError('USAGE', '--json asks for --format json, got --format text as well. Keep one.');
  return format === 'json';
}
