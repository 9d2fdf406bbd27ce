/**
 * in-toto's artifact rules applied as `in_toto.verifylib.verify_item_rules` applies them. Each list works like a
 * firewall over a queue holding the names of the step's materials (or products): rules run in order, a rule that
 * applies consumes what it matched, only DISALLOW (something matched is still queued) and REQUIRE (the file is not
 * queued) fail, and whatever is left at the end passes (the implicit closing `ALLOW *`). So a product changed after its
 * step is caught only by a list that ends in `DISALLOW *`: `provenant layout check` warns about every other list.
 */
import { globFilter } from './fnmatch.js';
import { ruleText, type ArtifactList, type Rule } from './rules.js';

/** Digests by algorithm (`sha256` → hex). Two entries are the same artifact when every algorithm and value agree. */
export type ArtifactDigests = Readonly<Record<string, string>>;
export type Artifacts = ReadonlyMap<string, ArtifactDigests>;

/** What the rules read of one step's link. */
export interface StepArtifacts {
  readonly materials: Artifacts;
  readonly products: Artifacts;
}

export interface RuleFailure {
  step: string;
  list: ArtifactList;
  /** Position of the failing rule in its list. */
  index: number;
  rule: string;
  /** The artifacts the rule refused (DISALLOW), or the one it did not find (REQUIRE). */
  artifacts: string[];
  message: string;
}

/** Python's dict equality, which is what in-toto compares digests with. */
export function sameDigests(a: ArtifactDigests | undefined, b: ArtifactDigests | undefined): boolean {
  if (!a || !b) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

/** POSIX `os.path.join(a, b)` with backslashes turned into slashes, as in-toto joins prefixes and paths. */
function join(prefix: string, path: string): string {
  const joined = path.startsWith('/')
    ? path
    : prefix === '' || prefix.endsWith('/')
      ? prefix + path
      : `${prefix}/${path}`;
  return joined.replaceAll('\\', '/');
}

function consumedByMatch(
  rule: Extract<Rule, { kind: 'MATCH' }>,
  queue: ReadonlySet<string>,
  source: Artifacts,
  links: ReadonlyMap<string, StepArtifacts>,
): string[] {
  const destination = links.get(rule.destinationStep)?.[rule.destinationList];
  if (!destination) return [];
  const prefix = rule.sourcePrefix ? join(rule.sourcePrefix, '') : '';
  const candidates = prefix
    ? [...queue].filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length))
    : [...queue];
  const consumed: string[] = [];
  for (const path of globFilter(candidates, rule.glob)) {
    const sourcePath = rule.sourcePrefix ? join(rule.sourcePrefix, path) : path;
    const destinationPath = rule.destinationPrefix ? join(rule.destinationPrefix, path) : path;
    if (sameDigests(source.get(sourcePath), destination.get(destinationPath))) consumed.push(sourcePath);
  }
  return consumed;
}

/** What a non-failing rule consumes from the queue. */
function consumedBy(
  rule: Rule,
  queue: ReadonlySet<string>,
  list: ArtifactList,
  step: StepArtifacts,
  links: ReadonlyMap<string, StepArtifacts>,
): string[] {
  const { materials, products } = step;
  switch (rule.kind) {
    case 'MATCH':
      return consumedByMatch(rule, queue, step[list], links);
    case 'CREATE':
      return globFilter(queue, rule.glob).filter((p) => products.has(p) && !materials.has(p));
    case 'DELETE':
      return globFilter(queue, rule.glob).filter((p) => materials.has(p) && !products.has(p));
    case 'MODIFY':
      return globFilter(queue, rule.glob).filter(
        (p) => materials.has(p) && products.has(p) && !sameDigests(materials.get(p), products.get(p)),
      );
    case 'ALLOW':
      return globFilter(queue, rule.glob);
    default:
      return [];
  }
}

/** A DISALLOW that still finds artifacts, or a REQUIRE that does not find its file. */
function failureOf(rule: Rule, queue: ReadonlySet<string>): string[] | undefined {
  if (rule.kind === 'DISALLOW') {
    const found = globFilter(queue, rule.glob);
    return found.length > 0 ? found.sort() : undefined;
  }
  if (rule.kind === 'REQUIRE') return queue.has(rule.pattern) ? undefined : [rule.pattern];
  return undefined;
}

/**
 * Applies one rule list (a step's expected materials or expected products) to that step's link; `links` holds every
 * step's artifacts for MATCH. Returns the first failure, or undefined when the list passes.
 */
export function applyRules(
  stepName: string,
  list: ArtifactList,
  rules: readonly Rule[],
  links: ReadonlyMap<string, StepArtifacts>,
): RuleFailure | undefined {
  const step = links.get(stepName);
  if (!step) throw new Error(`applyRules: no link for step ${stepName}`);
  const queue = new Set(step[list].keys());
  for (const [index, rule] of rules.entries()) {
    const refused = failureOf(rule, queue);
    if (refused) {
      const what =
        rule.kind === 'REQUIRE'
          ? `did not find ${refused[0]} among the ${list} left`
          : `matched ${refused.join(', ')}`;
      return {
        step: stepName,
        list,
        index,
        rule: ruleText(rule),
        artifacts: refused,
        message: `step ${stepName}: rule ${index + 1} of expected_${list} (${ruleText(rule)}) ${what}`,
      };
    }
    for (const name of consumedBy(rule, queue, list, step, links)) queue.delete(name);
  }
  return undefined;
}

/** Every step's expected materials, then its expected products, in layout order (`verify_all_item_rules`). */
export function applyAllRules(
  steps: readonly { name: string; materials: readonly Rule[]; products: readonly Rule[] }[],
  links: ReadonlyMap<string, StepArtifacts>,
): RuleFailure | undefined {
  for (const step of steps) {
    const failure =
      applyRules(step.name, 'materials', step.materials, links) ??
      applyRules(step.name, 'products', step.products, links);
    if (failure) return failure;
  }
  return undefined;
}
