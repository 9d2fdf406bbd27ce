import { inputError, quote } from '../core/errors.js';
import { printable, safeJson } from '../core/verify-report.js';

/**
 * `--jq EXPR`, like gh's, for the filters people put after gh's `--format json`, in a small subset of jq evaluated
 * here (no code from the expression is ever run): paths, pipes and `select` with `==` / `!=`.
 */
export const JQ_SUBSET =
  '`.`, `.name`, `.["name"]`, `.[N]` (negative counts from the end), `.[]`, paths of these (`.artifacts[].signer`), ' +
  'pipes (`|`), and `select(PATH == LITERAL)` or `select(PATH != LITERAL)` with a JSON string, number, true, false ' +
  'or null';

type Step = { kind: 'field'; name: string } | { kind: 'index'; index: number } | { kind: 'each' };
type Literal = string | number | boolean | null;
type Stage =
  { kind: 'path'; steps: Step[] } | { kind: 'select'; steps: Step[]; equal: boolean; literal: Literal };
export type JqProgram = Stage[];

function unsupported(expression: string, why: string): never {
  throw inputError(
    'USAGE',
    `--jq: expected an expression of the supported subset, got ${quote(expression)} (${why}). Supported: ${JQ_SUBSET}.`,
  );
}

/** Reads a path such as `.a.b[0][]` or `.["x"]` from the start of `text`; returns its steps and what follows. */
function readPath(text: string, expression: string): { steps: Step[]; rest: string } {
  let rest = text.trimStart();
  if (!rest.startsWith('.')) unsupported(expression, `a path must start with ".", at ${quote(rest, 20)}`);
  const steps: Step[] = [];
  rest = rest.slice(1);
  const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
  if (name) {
    steps.push({ kind: 'field', name: name[0] });
    rest = rest.slice(name[0].length);
  }
  for (;;) {
    const field = /^\.([A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
    const bracket = /^\.?\[(?:\s*(-?\d+)\s*|\s*("(?:[^"\\]|\\.)*")\s*|)\]/.exec(rest);
    if (field) steps.push({ kind: 'field', name: field[1]! });
    else if (bracket?.[1] !== undefined) steps.push({ kind: 'index', index: Number(bracket[1]) });
    else if (bracket?.[2] !== undefined)
      steps.push({ kind: 'field', name: JSON.parse(bracket[2]) as string });
    else if (bracket) steps.push({ kind: 'each' });
    else return { steps, rest };
    rest = rest.slice((field ?? bracket)![0].length);
  }
}

function readLiteral(text: string, expression: string): Literal {
  const value = text.trim();
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed === null || ['string', 'number', 'boolean'].includes(typeof parsed)) return parsed as Literal;
  } catch {
    // reported below
  }
  return unsupported(expression, `${quote(value, 30)} is not a string, number, true, false or null`);
}

function readStage(text: string, expression: string): Stage {
  const select = /^\s*select\s*\((.*)\)\s*$/s.exec(text);
  if (!select) {
    const { steps, rest } = readPath(text, expression);
    if (rest.trim() !== '') unsupported(expression, `unexpected ${quote(rest.trim(), 20)}`);
    return { kind: 'path', steps };
  }
  const { steps, rest } = readPath(select[1]!, expression);
  const op = /^\s*(==|!=)(.*)$/s.exec(rest);
  if (!op) unsupported(expression, 'select needs PATH == LITERAL or PATH != LITERAL');
  return { kind: 'select', steps, equal: op[1] === '==', literal: readLiteral(op[2]!, expression) };
}

/** Splits at `|` outside string literals. */
function splitPipes(expression: string): string[] {
  const out: string[] = [];
  let start = 0;
  let inString = false;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (inString && c === '\\') i++;
    else if (c === '"') inString = !inString;
    else if (c === '|' && !inString) {
      out.push(expression.slice(start, i));
      start = i + 1;
    }
  }
  out.push(expression.slice(start));
  return out;
}

/** Parses an expression of the subset; anything else is a usage error that says what is supported. */
export function parseJq(expression: string): JqProgram {
  if (expression.trim() === '') unsupported(expression, 'it is empty');
  return splitPipes(expression).map((stage) => readStage(stage, expression));
}

function typeName(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

function step(value: unknown, s: Step): unknown[] {
  if (s.kind === 'each') {
    if (Array.isArray(value)) return value;
    if (value !== null && typeof value === 'object') return Object.values(value);
    throw inputError('USAGE', `--jq: cannot iterate over ${typeName(value)}.`);
  }
  if (value === null) return [null];
  if (s.kind === 'index') {
    if (!Array.isArray(value))
      throw inputError('USAGE', `--jq: cannot index ${typeName(value)} with a number.`);
    return [value.at(s.index) ?? null];
  }
  if (typeof value !== 'object' || Array.isArray(value))
    throw inputError('USAGE', `--jq: cannot index ${typeName(value)} with ${quote(s.name)}.`);
  const record = value as Record<string, unknown>;
  return [Object.hasOwn(record, s.name) ? record[s.name] : null];
}

function walk(value: unknown, steps: readonly Step[]): unknown[] {
  return steps.reduce<unknown[]>((values, s) => values.flatMap((v) => step(v, s)), [value]);
}

/** Runs a parsed program over a JSON value: every output, in order, as jq would stream them. */
export function runJq(program: JqProgram, input: unknown): unknown[] {
  return program.reduce<unknown[]>(
    (values, stage) =>
      values.flatMap((v) => {
        if (stage.kind === 'path') return walk(v, stage.steps);
        return walk(v, stage.steps)
          .filter((got) => (got === stage.literal) === stage.equal)
          .map(() => v);
      }),
    [input],
  );
}

/**
 * gh prints strings as they are and every other value as JSON, one per line; control characters in strings are shown
 * escaped, as everywhere in the report, so a value cannot add a line of its own.
 */
export function renderJq(outputs: readonly unknown[]): string {
  return outputs.map((o) => `${typeof o === 'string' ? printable(o) : safeJson(o)}\n`).join('');
}
