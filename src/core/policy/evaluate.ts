import { environmentRule } from './rules/environment.js';
import { identityRule } from './rules/identity.js';
import { issuerRule } from './rules/issuer.js';
import { predicateTypeRule } from './rules/predicate-type.js';
import { runnerRule } from './rules/runner.js';
import { signerDigestRule, signerOwnerRule, signerRepoRule, signerWorkflowRule } from './rules/signer.js';
import { sourceDigestRule, sourceOwnerRule, sourceRefRule, sourceRepoRule } from './rules/source.js';
import { statementSourceRule } from './rules/statement-source.js';
import { subjectRule } from './rules/subject.js';
import type { Policy, PolicyInput, Rule, Violation } from './types.js';

/** Order matters only for reporting: the first violation is the headline, so the most basic checks come first. */
export const RULES: readonly Rule[] = [
  subjectRule,
  predicateTypeRule,
  issuerRule,
  // What the user named explicitly comes before what --owner/--repo imply about the signer.
  sourceRepoRule,
  sourceOwnerRule,
  identityRule,
  signerWorkflowRule,
  signerRepoRule,
  signerOwnerRule,
  signerDigestRule,
  sourceRefRule,
  sourceDigestRule,
  runnerRule,
  environmentRule,
  statementSourceRule,
];

/** Runs every rule and returns all violations (empty: the policy is satisfied). */
export function evaluatePolicy(input: PolicyInput, policy: Policy): Violation[] {
  const out: Violation[] = [];
  for (const rule of RULES) {
    const v = rule(input, policy);
    if (v) out.push(v);
  }
  return out;
}
