import type { Rule } from '../types.js';

export const predicateTypeRule: Rule = (input, policy) => {
  if (policy.predicateType === undefined) return undefined;
  const got = input.statement?.predicateType;
  if (got === policy.predicateType) return undefined;
  return {
    code: 'PREDICATE_TYPE_MISMATCH',
    rule: 'predicate-type',
    message:
      `expected predicate type ${policy.predicateType}, got ${got === undefined ? 'no statement (a plain message signature)' : JSON.stringify(got)}. ` +
      'Pass --predicate-type with the type this bundle attests, or use the bundle that carries the provenance.',
  };
};
