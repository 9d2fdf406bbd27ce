import { refuseControlCharacters } from '../../core/control-characters.js';
import { inputError, quote } from '../../core/errors.js';

/** Reads raw action inputs (`INPUT_<NAME>`), so typed parsing is testable without the runner. */
export type RawInputs = (name: string) => string;

export function envInputs(env: Record<string, string | undefined>): RawInputs {
  return (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** A one-line input: a line break in it is refused, like any control character (it would end a log line early). */
export function stringInput(get: RawInputs, name: string, fallback = ''): string {
  const v = refuseControlCharacters(get(name), `input ${name}`);
  return v === '' ? fallback : v;
}

/** One value per line; each line is trimmed and refuses control characters. */
export function multilineInput(get: RawInputs, name: string): string[] {
  return get(name)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l, i) => refuseControlCharacters(l, `input ${name}, line ${i + 1}`));
}

export function booleanInput(get: RawInputs, name: string, fallback: boolean): boolean {
  const v = get(name);
  if (v === '') return fallback;
  if (/^(true|yes|on|1)$/i.test(v)) return true;
  if (/^(false|no|off|0)$/i.test(v)) return false;
  throw inputError('INPUT_INVALID', `input ${name}: expected true or false, got ${quote(v)}.`);
}

export function choiceInput<T extends string>(
  get: RawInputs,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const v = get(name);
  if (v === '') return fallback;
  const lower = v.toLowerCase() as T;
  if (!choices.includes(lower)) {
    throw inputError(
      'INPUT_INVALID',
      `input ${name}: expected one of ${choices.join(', ')}, got ${quote(v)}.`,
    );
  }
  return lower;
}
