/** How a layout document is refused: where, what was expected, what was there. */
import { inputError, quote } from '../errors.js';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function layoutError(where: string, expected: string, got: unknown): never {
  const shown =
    typeof got === 'string'
      ? quote(got)
      : got === undefined
        ? 'nothing'
        : quote(JSON.stringify(got) ?? typeof got);
  throw inputError(
    'LAYOUT_INVALID',
    `${where}: expected ${expected}, got ${shown}. See docs/layouts.md for the format.`,
  );
}

export function refuseUnknown(
  value: Record<string, unknown>,
  known: ReadonlySet<string>,
  where: string,
): void {
  for (const key of Object.keys(value))
    if (!known.has(key)) layoutError(`${where}.${key}`, `one of the fields ${[...known].join(', ')}`, key);
}
