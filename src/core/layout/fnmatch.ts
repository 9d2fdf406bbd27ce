/**
 * Python's `fnmatch.fnmatch` on POSIX (what in-toto's rules use), without a regular expression engine: `*` matches any
 * run of characters including `/`, `?` any one character, `[…]` a set (`[!…]` its complement, ranges with `-`, an
 * unclosed `[` is a literal), everything else itself, case-sensitively, over the whole name. Sets follow
 * `fnmatch.translate` of Python 3.11 exactly, including how it drops reversed ranges.
 *
 * Matching walks the name once per `*` at most (the classic wildcard algorithm: every token but `*` consumes exactly
 * one character), so a hostile pattern costs O(pattern × name), never exponential time.
 */

type Token = { kind: 'star' } | { kind: 'one'; test: (c: string) => boolean } | { kind: 'never' };

export interface GlobPattern {
  readonly source: string;
  readonly tokens: readonly Token[];
}

/** The characters of a set as `fnmatch.translate` splits them: chunks joined by range hyphens. */
function setChunks(pattern: string, start: number, end: number): string[] {
  const stuff = pattern.slice(start, end);
  if (!stuff.includes('-')) return [stuff];
  const chunks: string[] = [];
  let i = start;
  let k = pattern[start] === '!' ? start + 2 : start + 1;
  for (;;) {
    k = pattern.indexOf('-', k);
    if (k < 0 || k >= end) break;
    chunks.push(pattern.slice(i, k));
    i = k + 1;
    k += 3;
  }
  const last = pattern.slice(i, end);
  if (last) chunks.push(last);
  else chunks[chunks.length - 1] += '-';
  // Python removes empty (reversed) ranges, dropping both of their ends.
  for (let j = chunks.length - 1; j > 0; j--) {
    const before = chunks[j - 1]!;
    const after = chunks[j]!;
    if (before.length > 0 && after.length > 0 && before[before.length - 1]! > after[0]!) {
      chunks[j - 1] = before.slice(0, -1) + after.slice(1);
      chunks.splice(j, 1);
    }
  }
  return chunks;
}

/** One `[…]` set as a token: members are every character of every chunk, plus each range between two chunks. */
function setToken(pattern: string, start: number, end: number): Token {
  const chunks = setChunks(pattern, start, end);
  const joined = chunks.join('-');
  if (joined === '') return { kind: 'never' };
  if (joined === '!') return { kind: 'one', test: () => true };
  const negated = joined[0] === '!';
  const literals = new Set<string>();
  chunks.forEach((chunk, i) => {
    for (const [j, c] of [...chunk].entries()) if (!(negated && i === 0 && j === 0)) literals.add(c);
  });
  const ranges: [string, string][] = [];
  for (let i = 1; i < chunks.length; i++) {
    const lo = chunks[i - 1]!.slice(-1);
    const hi = chunks[i]![0];
    if (lo && hi) ranges.push([lo, hi]);
  }
  const member = (c: string) => literals.has(c) || ranges.some(([lo, hi]) => c >= lo && c <= hi);
  return { kind: 'one', test: negated ? (c) => !member(c) : member };
}

/** Compiles a pattern once; match it against many names with `globMatch`. */
export function compileGlob(source: string): GlobPattern {
  const tokens: Token[] = [];
  // Sets are scanned by UTF-16 positions, everything else by code points.
  for (let i = 0; i < source.length;) {
    const c = String.fromCodePoint(source.codePointAt(i)!);
    i += c.length;
    if (c === '*') {
      if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (c === '?') {
      tokens.push({ kind: 'one', test: () => true });
    } else if (c === '[') {
      let j = i;
      if (source[j] === '!') j++;
      if (source[j] === ']') j++;
      while (j < source.length && source[j] !== ']') j++;
      if (j >= source.length) tokens.push({ kind: 'one', test: (x) => x === '[' });
      else {
        tokens.push(setToken(source, i, j));
        i = j + 1;
      }
    } else tokens.push({ kind: 'one', test: (x) => x === c });
  }
  return { source, tokens };
}

/** Whether the whole name matches (fnmatch.fnmatchcase, which is fnmatch on POSIX). */
export function globMatch(pattern: GlobPattern, name: string): boolean {
  const text = [...name];
  const { tokens } = pattern;
  let t = 0;
  let n = 0;
  let starT = -1;
  let starN = 0;
  while (n < text.length) {
    const token = tokens[t];
    if (token?.kind === 'star') {
      starT = t++;
      starN = n;
    } else if (token?.kind === 'one' && token.test(text[n]!)) {
      t++;
      n++;
    } else if (starT >= 0) {
      t = starT + 1;
      n = ++starN;
    } else return false;
  }
  while (tokens[t]?.kind === 'star') t++;
  return t === tokens.length;
}

/** `fnmatch.filter`: the names that match, in their order. */
export function globFilter(names: Iterable<string>, pattern: GlobPattern): string[] {
  const out: string[] = [];
  for (const name of names) if (globMatch(pattern, name)) out.push(name);
  return out;
}
