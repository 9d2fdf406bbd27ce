/**
 * GitHub Actions expressions (`${{ … }}`), the part of the language this repository's workflows and examples use:
 * literals (strings in single quotes, numbers, true, false, null), context lookups (`github.ref_name`,
 * `steps.sign.outputs.bundle-path`, `inputs['x']`), `!`, `==`, `!=`, `<`, `<=`, `>`, `>=`, `&&`, `||`, parentheses,
 * and the functions in FUNCTIONS. Anything else throws an UnsupportedExpression naming it, so a workflow that starts
 * using something new fails its test until it has a meaning here.
 *
 * Semantics follow GitHub's: `&&` and `||` give an operand (not a boolean), missing properties are null, string
 * comparisons ignore case, operands of different types compare as numbers, and a value interpolated into text is
 * its string form (null is empty).
 */

export type Value = null | boolean | number | string | Value[] | { [key: string]: Value };
export type Contexts = Record<string, Value>;

/** The job's status, for success(), failure() and always() in `if:`. */
export interface Status {
  failed: boolean;
}

export class UnsupportedExpression extends Error {
  constructor(what: string, expression: string) {
    super(`the workflow interpreter does not support ${what} in \${{ ${expression} }}`);
    this.name = 'UnsupportedExpression';
  }
}

type Token =
  { kind: 'string' | 'ident' | 'op'; text: string } | { kind: 'number'; value: number } | { kind: 'end' };

const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '(', ')', '[', ']', '.', ',', '*'];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let text = '';
      for (i++; ; i++) {
        if (i >= source.length) throw new UnsupportedExpression('an unterminated string', source);
        if (source[i] === "'" && source[i + 1] !== "'") break;
        text += source[i];
        if (source[i] === "'") i++;
      }
      i++;
      tokens.push({ kind: 'string', text });
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const m = /^-?(0x[0-9a-f]+|[0-9]+(\.[0-9]+)?(e[+-]?[0-9]+)?)/i.exec(source.slice(i))!;
      tokens.push({ kind: 'number', value: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(source.slice(i))!;
      tokens.push({ kind: 'ident', text: m[0] });
      i += m[0].length;
    } else {
      const op = OPERATORS.find((o) => source.startsWith(o, i));
      if (!op) throw new UnsupportedExpression(`the character ${JSON.stringify(c)}`, source);
      tokens.push({ kind: 'op', text: op });
      i += op.length;
    }
  }
  tokens.push({ kind: 'end' });
  return tokens;
}

/** A parsed expression: evaluated against contexts and the job's status. */
type Node = (contexts: Contexts, status: Status) => Value;

class Parser {
  #at = 0;
  readonly #tokens: Token[];
  readonly #source: string;

  constructor(source: string) {
    this.#source = source;
    this.#tokens = tokenize(source);
  }

  parse(): Node {
    const node = this.#binary(0);
    if (this.#peek().kind !== 'end') throw this.#unsupported('what follows');
    return node;
  }

  #peek(): Token {
    return this.#tokens[this.#at]!;
  }

  #isOp(text: string): boolean {
    const t = this.#peek();
    return t.kind === 'op' && t.text === text;
  }

  #expect(text: string): void {
    if (!this.#isOp(text)) throw this.#unsupported(`a missing ${JSON.stringify(text)}`);
    this.#at++;
  }

  #unsupported(what: string): UnsupportedExpression {
    return new UnsupportedExpression(what, this.#source);
  }

  /** Binary operators by precedence, loosest first. */
  static readonly LEVELS = [['||'], ['&&'], ['==', '!='], ['<', '<=', '>', '>=']];

  #binary(level: number): Node {
    if (level === Parser.LEVELS.length) return this.#unary();
    let left = this.#binary(level + 1);
    for (;;) {
      const t = this.#peek();
      if (t.kind !== 'op' || !Parser.LEVELS[level]!.includes(t.text)) return left;
      this.#at++;
      left = combine(t.text, left, this.#binary(level + 1));
    }
  }

  #unary(): Node {
    if (this.#isOp('!')) {
      this.#at++;
      const operand = this.#unary();
      return (c, s) => !truthy(operand(c, s));
    }
    return this.#postfix(this.#primary());
  }

  #postfix(node: Node): Node {
    for (;;) {
      if (this.#isOp('.')) {
        this.#at++;
        const t = this.#peek();
        if (t.kind !== 'ident')
          throw this.#unsupported(t.kind === 'op' && t.text === '*' ? 'filters' : 'a property');
        this.#at++;
        const inner = node;
        node = (c, s) => property(inner(c, s), t.text);
      } else if (this.#isOp('[')) {
        this.#at++;
        const index = this.#binary(0);
        this.#expect(']');
        const inner = node;
        node = (c, s) => property(inner(c, s), index(c, s));
      } else {
        return node;
      }
    }
  }

  #primary(): Node {
    const t = this.#peek();
    this.#at++;
    if (t.kind === 'string') return () => t.text;
    if (t.kind === 'number') return () => t.value;
    if (t.kind === 'op' && t.text === '(') {
      const inner = this.#binary(0);
      this.#expect(')');
      return inner;
    }
    if (t.kind !== 'ident') throw this.#unsupported('what starts it');
    if (t.text === 'true' || t.text === 'false') return () => t.text === 'true';
    if (t.text === 'null') return () => null;
    if (this.#isOp('(')) return this.#call(t.text);
    return (c) => {
      if (!(t.text in c)) throw new UnsupportedExpression(`the context ${t.text}`, this.#source);
      return c[t.text]!;
    };
  }

  #call(name: string): Node {
    const fn = FUNCTIONS[name];
    if (!fn) throw this.#unsupported(`the function ${name}()`);
    this.#expect('(');
    const args: Node[] = [];
    while (!this.#isOp(')')) {
      args.push(this.#binary(0));
      if (!this.#isOp(')')) this.#expect(',');
    }
    this.#at++;
    return (c, s) =>
      fn(
        args.map((a) => a(c, s)),
        s,
      );
  }
}

function combine(op: string, left: Node, right: Node): Node {
  switch (op) {
    case '||':
      return (c, s) => {
        const l = left(c, s);
        return truthy(l) ? l : right(c, s);
      };
    case '&&':
      return (c, s) => {
        const l = left(c, s);
        return truthy(l) ? right(c, s) : l;
      };
    case '==':
      return (c, s) => equal(left(c, s), right(c, s));
    case '!=':
      return (c, s) => !equal(left(c, s), right(c, s));
    default:
      return (c, s) => compare(op, left(c, s), right(c, s));
  }
}

export function truthy(v: Value): boolean {
  return !(v === null || v === false || v === 0 || v === '' || Number.isNaN(v));
}

function toNumber(v: Value): number {
  if (v === null) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v.trim() === '' ? 0 : Number(v);
  return NaN;
}

function equal(a: Value, b: Value): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (typeof a === 'object' || typeof b === 'object') return a === b;
  if (typeof a === typeof b) return a === b;
  return toNumber(a) === toNumber(b);
}

function compare(op: string, a: Value, b: Value): boolean {
  const [x, y] =
    typeof a === 'string' && typeof b === 'string'
      ? [a.toLowerCase(), b.toLowerCase()]
      : [toNumber(a), toNumber(b)];
  return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
}

function property(object: Value, key: Value): Value {
  if (object === null || typeof object !== 'object') return null;
  if (Array.isArray(object)) return typeof key === 'number' ? (object[key] ?? null) : null;
  const name = asString(key).toLowerCase();
  const found = Object.keys(object).find((k) => k.toLowerCase() === name);
  return found === undefined ? null : object[found]!;
}

/** A value as text, the way GitHub interpolates it. */
export function asString(v: Value): string {
  if (v === null) return '';
  if (typeof v === 'object') return Array.isArray(v) ? 'Array' : 'Object';
  return String(v);
}

const FUNCTIONS: Record<string, (args: Value[], status: Status) => Value> = {
  success: (_, s) => !s.failed,
  failure: (_, s) => s.failed,
  always: () => true,
  contains: ([haystack, needle]) =>
    Array.isArray(haystack)
      ? haystack.some((item) => equal(item, needle ?? null))
      : asString(haystack ?? null)
          .toLowerCase()
          .includes(asString(needle ?? null).toLowerCase()),
  startsWith: ([text, prefix]) =>
    asString(text ?? null)
      .toLowerCase()
      .startsWith(asString(prefix ?? null).toLowerCase()),
  endsWith: ([text, suffix]) =>
    asString(text ?? null)
      .toLowerCase()
      .endsWith(asString(suffix ?? null).toLowerCase()),
  format: ([template, ...args]) =>
    asString(template ?? null).replace(/\{\{|\}\}|\{(\d+)\}/g, (m, i?: string) =>
      m === '{{' ? '{' : m === '}}' ? '}' : asString(args[Number(i)] ?? null),
    ),
  join: ([items, separator]) =>
    Array.isArray(items) ? items.map(asString).join(asString(separator ?? ',')) : asString(items ?? null),
  toJSON: ([v]) => JSON.stringify(v ?? null, null, 2),
  fromJSON: ([v]) => JSON.parse(asString(v ?? null)) as Value,
};

const cache = new Map<string, Node>();

/** Evaluates one expression (the text between `${{` and `}}`). */
export function evaluate(expression: string, contexts: Contexts, status: Status = { failed: false }): Value {
  let node = cache.get(expression);
  if (!node) {
    node = new Parser(expression).parse();
    cache.set(expression, node);
  }
  return node(contexts, status);
}

/** The expressions in a text: where each `${{` starts, its source, and where its `}}` ends (quotes respected). */
function embedded(text: string): { start: number; source: string; end: number }[] {
  const found: { start: number; source: string; end: number }[] = [];
  for (let start = text.indexOf('${{'); start >= 0; start = text.indexOf('${{', start + 3)) {
    let i = start + 3;
    let quoted = false;
    while (i < text.length && (quoted || !text.startsWith('}}', i))) {
      if (text[i] === "'") quoted = !quoted;
      i++;
    }
    if (i >= text.length)
      throw new UnsupportedExpression('an expression without its closing }}', text.slice(start + 3));
    found.push({ start, source: text.slice(start + 3, i), end: i + 2 });
    start = i;
  }
  return found;
}

/**
 * A workflow value with its expressions filled in. A string that is one expression and nothing else keeps the
 * expression's type (what `with:` of a reusable workflow and `fromJSON` need); otherwise the result is text.
 */
export function interpolate(value: unknown, contexts: Contexts, status?: Status): Value {
  if (typeof value !== 'string') return (value ?? null) as Value;
  const parts = embedded(value);
  if (
    parts.length === 1 &&
    value.slice(0, parts[0]!.start).trim() === '' &&
    value.slice(parts[0]!.end).trim() === ''
  )
    return evaluate(parts[0]!.source, contexts, status);
  let out = '';
  let at = 0;
  for (const part of parts) {
    out += value.slice(at, part.start) + asString(evaluate(part.source, contexts, status));
    at = part.end;
  }
  return out + value.slice(at);
}

/** An `if:` condition: an expression with or without `${{ }}`, under an implied success() unless it asks otherwise. */
export function condition(text: unknown, contexts: Contexts, status: Status): boolean {
  if (text === undefined || text === null) return !status.failed;
  if (typeof text === 'boolean') return text && !status.failed;
  const source = (typeof text === 'string' ? text : JSON.stringify(text)).trim();
  const bare = /^\$\{\{([\s\S]*)\}\}$/.exec(source)?.[1] ?? source;
  const asksStatus = /\b(success|failure|always|cancelled)\s*\(/.test(bare);
  const result = truthy(evaluate(bare, contexts, status));
  return asksStatus ? result : result && !status.failed;
}

/** A workflow value with its expressions filled in, as text (what env, `with:` and outputs become). */
export function interpolateText(value: unknown, contexts: Contexts, status?: Status): string {
  return asString(interpolate(value, contexts, status));
}
