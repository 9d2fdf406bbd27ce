/**
 * A Provenant layout: in-toto 1.0's layout with named functionaries instead of key ids. Read from an already parsed
 * document (JSON or YAML of the same shape, see layout-file.ts), checked field by field, unknown fields refused (a
 * typo must not silently drop a constraint). docs/layouts.md describes the format.
 */
import { isRecord, layoutError, refuseUnknown } from './layout-errors.js';
import { LINK_PREDICATE_V03 } from './link.js';
import { SLSA_PROVENANCE_V1 } from '../provenance.js';
import { readFunctionary, type Functionary } from './functionary.js';
import { parseRule, type Rule } from './rules.js';

export interface LayoutStep {
  name: string;
  threshold: number;
  functionaries: string[];
  expectedCommand: string[];
  materials: Rule[];
  products: Rule[];
  /** What attests the step: an in-toto link (default) or Provenant's SLSA provenance. */
  predicateType: string;
}

export interface Layout {
  expires: Date;
  readme?: string;
  functionaries: Map<string, Functionary>;
  steps: LayoutStep[];
}

export const STEP_PREDICATES = [LINK_PREDICATE_V03, SLSA_PROVENANCE_V1] as const;
const STEP_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const LAYOUT_FIELDS = new Set(['_type', 'expires', 'readme', 'functionaries', 'steps', 'inspect']);
const STEP_FIELDS = new Set([
  '_type',
  'name',
  'threshold',
  'functionaries',
  'expected_command',
  'expected_materials',
  'expected_products',
  'predicate_type',
]);

function strings(value: unknown, where: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
    layoutError(where, 'a list of strings', value);
  return value;
}

function rules(value: unknown, where: string): Rule[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) layoutError(where, 'a list of rules', value);
  return value.map((r, i) => parseRule(r, `${where}[${i}]`));
}

function readStep(
  value: unknown,
  where: string,
  functionaries: ReadonlyMap<string, Functionary>,
): LayoutStep {
  if (!isRecord(value)) layoutError(where, 'a step object', value);
  refuseUnknown(value, STEP_FIELDS, where);
  const name = value.name;
  if (typeof name !== 'string' || !STEP_NAME.test(name))
    layoutError(`${where}.name`, "a step name of letters, digits, '.', '_' and '-'", name);
  const names = strings(value.functionaries, `${where}.functionaries`);
  if (names.length === 0)
    layoutError(`${where}.functionaries`, 'at least one functionary name', value.functionaries);
  for (const f of names)
    if (!functionaries.has(f))
      layoutError(
        `${where}.functionaries`,
        `names from functionaries (${[...functionaries.keys()].join(', ')})`,
        f,
      );
  const threshold = value.threshold ?? 1;
  if (
    typeof threshold !== 'number' ||
    !Number.isInteger(threshold) ||
    threshold < 1 ||
    threshold > new Set(names).size
  )
    layoutError(
      `${where}.threshold`,
      `a whole number from 1 to ${new Set(names).size} (its functionaries)`,
      threshold,
    );
  const predicateType = value.predicate_type ?? LINK_PREDICATE_V03;
  if (typeof predicateType !== 'string' || !(STEP_PREDICATES as readonly string[]).includes(predicateType))
    layoutError(`${where}.predicate_type`, STEP_PREDICATES.join(' or '), predicateType);
  return {
    name,
    threshold,
    functionaries: [...new Set(names)],
    expectedCommand: strings(value.expected_command, `${where}.expected_command`),
    materials: rules(value.expected_materials, `${where}.expected_materials`),
    products: rules(value.expected_products, `${where}.expected_products`),
    predicateType,
  };
}

function readExpires(value: unknown): Date {
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value) ||
    Number.isNaN(Date.parse(value))
  )
    layoutError('expires', 'a UTC time such as 2027-01-01T00:00:00Z', value);
  return new Date(value);
}

/** Checks a parsed layout document; `source` names it in errors. */
export function readLayout(document: unknown, source: string): Layout {
  if (!isRecord(document)) layoutError(source, 'a layout object', document);
  refuseUnknown(document, LAYOUT_FIELDS, source);
  if (document._type !== 'layout') layoutError(`${source}: _type`, '"layout"', document._type);
  if (document.inspect !== undefined && !(Array.isArray(document.inspect) && document.inspect.length === 0))
    layoutError(
      `${source}: inspect`,
      'no inspections (they run commands on the verifying machine, which Provenant does not do)',
      document.inspect,
    );
  const expires = readExpires(document.expires);
  if (!isRecord(document.functionaries) || Object.keys(document.functionaries).length === 0)
    layoutError(`${source}: functionaries`, 'an object of named functionaries', document.functionaries);
  const functionaries = new Map<string, Functionary>();
  for (const [name, f] of Object.entries(document.functionaries))
    functionaries.set(name, readFunctionary(name, f, `${source}: functionaries.${name}`));
  if (!Array.isArray(document.steps) || document.steps.length === 0)
    layoutError(`${source}: steps`, 'a list of at least one step', document.steps);
  const steps = document.steps.map((s, i) => readStep(s, `${source}: steps[${i}]`, functionaries));
  const seen = new Set<string>();
  for (const s of steps) {
    if (seen.has(s.name)) layoutError(`${source}: steps`, 'unique step names', s.name);
    seen.add(s.name);
  }
  return {
    expires,
    ...(typeof document.readme === 'string' ? { readme: document.readme } : {}),
    functionaries,
    steps,
  };
}
