/**
 * Who may decrypt an artifact (or register a key): `{"allow": [ENTRY, …]}`, each entry a set of the verify command's
 * identity flags under their own names (`repo`, `signer-workflow`, `cert-identity`, `source-ref`, …) plus
 * `environment` (the job's deployment environment, certificate extension .23). An entry is turned into a policy by
 * the verifier's own builder and checked by its own rules; a request is allowed when it satisfies every constraint
 * of at least one entry.
 */
import { ProvenantError } from '../errors.js';
import { buildPolicy } from '../policy/build.js';
import { evaluatePolicy } from '../policy/evaluate.js';
import { POLICY_FLAGS, readPolicyOptions } from '../policy/options.js';
import type { Policy, PolicyInput, Violation } from '../policy/types.js';

export const MAX_POLICY_BYTES = 64 * 1024;

export interface AccessEntry {
  policy: Policy;
  environment?: string;
}

export interface AccessPolicy {
  entries: AccessEntry[];
}

/** Flags that describe the identity; the predicate type is the broker's to fix, never the policy's. */
const ENTRY_FLAGS = POLICY_FLAGS.filter((f) => f.name !== 'predicate-type');
const ENTRY_KEYS = [...ENTRY_FLAGS.map((f) => f.name), 'environment'];

function invalid(source: string, detail: string, cause?: unknown): ProvenantError {
  return new ProvenantError(
    'BROKER_POLICY_INVALID',
    `${source}: ${detail}. A policy is {"allow": [{"repo": "OWNER/REPO", "signer-workflow": "OWNER/REPO/.github/workflows/FILE.yml"}]}, ` +
      `each entry using the verify flags' names (${ENTRY_KEYS.join(', ')}).`,
    { cause },
  );
}

function entryFrom(raw: unknown, where: string): AccessEntry {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw invalid(where, 'expected an object');
  const given = raw as Record<string, unknown>;
  const unknown = Object.keys(given).filter((k) => !ENTRY_KEYS.includes(k));
  if (unknown.length > 0)
    throw invalid(
      where,
      `expected only known names, got ${unknown.map((k) => JSON.stringify(k)).join(', ')}`,
    );
  for (const flag of ENTRY_FLAGS) {
    const v = given[flag.name];
    const ok = v === undefined || (flag.type === 'boolean' ? typeof v === 'boolean' : typeof v === 'string');
    if (!ok) throw invalid(where, `${flag.name}: expected a ${flag.type}, got ${typeof v}`);
  }
  if (given.environment !== undefined && (typeof given.environment !== 'string' || given.environment === ''))
    throw invalid(where, 'environment: expected a non-empty string');
  let policy: Policy;
  try {
    policy = buildPolicy(
      readPolicyOptions({
        string: (name) => given[name] as string | undefined,
        boolean: (name) => given[name] === true,
      }),
    );
  } catch (e) {
    throw invalid(where, (e as Error).message.replace(/\.$/, ''), e);
  }
  return { policy, ...(typeof given.environment === 'string' ? { environment: given.environment } : {}) };
}

/** Parses and checks a policy's text; `source` names it in messages (a file, or "the policy of sha256:…"). */
export function parseAccessPolicy(text: string, source: string): AccessPolicy {
  if (Buffer.byteLength(text, 'utf8') > MAX_POLICY_BYTES)
    throw invalid(source, `expected at most ${MAX_POLICY_BYTES} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw invalid(source, `expected JSON, got ${(e as Error).message}`, e);
  }
  const allow = (json as { allow?: unknown } | null)?.allow;
  if (!Array.isArray(allow) || allow.length === 0) throw invalid(source, 'expected a non-empty "allow" list');
  const extra = Object.keys(json as object).filter((k) => k !== 'allow');
  if (extra.length > 0)
    throw invalid(source, `expected only "allow", got ${extra.map((k) => JSON.stringify(k)).join(', ')}`);
  return { entries: allow.map((e, i) => entryFrom(e, `${source}: allow[${i}]`)) };
}

function environmentViolation(entry: AccessEntry, input: PolicyInput): Violation | undefined {
  if (entry.environment === undefined) return undefined;
  const got = input.claims?.deploymentEnvironment;
  if (got === entry.environment) return undefined;
  return {
    code: 'IDENTITY_NOT_ALLOWED',
    rule: 'environment',
    message: `expected the deployment environment ${JSON.stringify(entry.environment)}, got ${JSON.stringify(got ?? null)}.`,
  };
}

export type AccessDecision = { allowed: true; entry: number } | { allowed: false; reasons: string[] };

/** Checks a verified request against every entry with the verifier's rules; the request's type is fixed here. */
export function decideAccess(
  policy: AccessPolicy,
  input: PolicyInput,
  predicateType: string,
): AccessDecision {
  const reasons: string[] = [];
  for (const [i, entry] of policy.entries.entries()) {
    const rules: Policy = { ...entry.policy, predicateType, checkStatementSource: false };
    const violations = evaluatePolicy(input, rules);
    const env = environmentViolation(entry, input);
    if (env) violations.push(env);
    if (violations.length === 0) return { allowed: true, entry: i };
    reasons.push(`allow[${i}]: ${violations.map((v) => v.message).join(' ')}`);
  }
  return { allowed: false, reasons };
}
