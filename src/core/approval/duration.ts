import { inputError, quote } from '../errors.js';

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `--max-age 30d`: a whole number with a unit (s, m, h, d, w), in milliseconds. */
export function parseDuration(value: string, flag: string): number {
  const m = /^(\d{1,9})([smhdw])$/.exec(value.trim());
  if (!m || Number(m[1]) === 0)
    throw inputError(
      'INPUT_INVALID',
      `${flag}: expected a duration such as 30d, 12h, 90m or 2w (a positive whole number and a unit s, m, h, d or w), got ${quote(value)}.`,
    );
  return Number(m[1]) * UNITS[m[2]!]!;
}

/** Milliseconds as the largest whole unit that fits, for messages (`3d 4h` reads as `3d`). */
export function showDuration(ms: number): string {
  for (const [unit, size] of Object.entries(UNITS).reverse())
    if (ms >= size) return `${Math.floor(ms / size)}${unit}`;
  return `${Math.max(0, Math.round(ms))}ms`;
}
