/**
 * in-toto artifact rules, read as `in_toto.rulelib.unpack_rule` reads them: keywords in any case, the pattern and
 * prefixes as given, and exactly these shapes:
 *   MATCH <pattern> [IN <source-prefix>] WITH (MATERIALS|PRODUCTS) [IN <destination-prefix>] FROM <step>
 *   CREATE|DELETE|MODIFY|ALLOW|DISALLOW <pattern>,   REQUIRE <file>
 */
import { inputError, quote } from '../errors.js';
import { compileGlob, type GlobPattern } from './fnmatch.js';

export type ArtifactList = 'materials' | 'products';

export type GenericKind = 'CREATE' | 'DELETE' | 'MODIFY' | 'ALLOW' | 'DISALLOW' | 'REQUIRE';

export type Rule =
  | { kind: GenericKind; pattern: string; glob: GlobPattern; raw: readonly string[] }
  | {
      kind: 'MATCH';
      pattern: string;
      glob: GlobPattern;
      sourcePrefix: string;
      destinationList: ArtifactList;
      destinationPrefix: string;
      destinationStep: string;
      raw: readonly string[];
    };

const GENERIC = new Set<string>(['create', 'delete', 'modify', 'allow', 'disallow', 'require']);

export const RULE_FORMS =
  'MATCH <pattern> [IN <prefix>] WITH MATERIALS|PRODUCTS [IN <prefix>] FROM <step>, CREATE, DELETE, MODIFY, ALLOW, DISALLOW <pattern>, or REQUIRE <file>';

function refuse(where: string, rule: unknown, why: string): never {
  throw inputError(
    'LAYOUT_INVALID',
    `${where}: expected a rule of the form ${RULE_FORMS}, got ${quote(JSON.stringify(rule))} (${why}).`,
  );
}

/** The MATCH shapes, by length, as positions of (source prefix, list, destination prefix, step). */
function matchParts(lower: string[], rule: string[]): [string, string, string, string] | undefined {
  const n = rule.length;
  if (n === 10 && lower[2] === 'in' && lower[4] === 'with' && lower[6] === 'in' && lower[8] === 'from')
    return [rule[3]!, lower[5]!, rule[7]!, rule[9]!];
  if (n === 8 && lower[2] === 'in' && lower[4] === 'with' && lower[6] === 'from')
    return [rule[3]!, lower[5]!, '', rule[7]!];
  if (n === 8 && lower[2] === 'with' && lower[4] === 'in' && lower[6] === 'from')
    return ['', lower[3]!, rule[5]!, rule[7]!];
  if (n === 6 && lower[2] === 'with' && lower[4] === 'from') return ['', lower[3]!, '', rule[5]!];
  return undefined;
}

/** One rule from a layout, checked; `where` names it in errors (e.g. `steps[0].expected_products[2]`). */
export function parseRule(value: unknown, where: string): Rule {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
    refuse(where, value, 'a rule is a list of strings');
  const rule = value;
  const lower = rule.map((r) => r.toLowerCase());
  const keyword = lower[0] ?? '';
  if (rule.length < 2 || !(GENERIC.has(keyword) || keyword === 'match'))
    refuse(where, rule, 'it must start with a rule keyword and a pattern');
  const pattern = rule[1]!;
  const glob = compileGlob(pattern);
  if (keyword !== 'match') {
    if (rule.length !== 2) refuse(where, rule, `${keyword.toUpperCase()} takes exactly one pattern`);
    return { kind: keyword.toUpperCase() as GenericKind, pattern, glob, raw: rule };
  }
  const parts = matchParts(lower, rule);
  if (!parts) refuse(where, rule, 'MATCH has one of four shapes');
  const [sourcePrefix, list, destinationPrefix, destinationStep] = parts;
  if (list !== 'materials' && list !== 'products')
    refuse(where, rule, 'MATCH … WITH takes MATERIALS or PRODUCTS');
  return {
    kind: 'MATCH',
    pattern,
    glob,
    sourcePrefix,
    destinationList: list,
    destinationPrefix,
    destinationStep,
    raw: rule,
  };
}

/** A rule as a person reads it: `MATCH * WITH PRODUCTS FROM build`. */
export function ruleText(rule: Pick<Rule, 'raw'>): string {
  return rule.raw.join(' ');
}
