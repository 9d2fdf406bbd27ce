export { buildPolicy, GITHUB_ACTIONS_ISSUER, type PolicyOptions } from './build.js';
export { evaluatePolicy, RULES } from './evaluate.js';
export { compileSafePattern } from './safe-regex.js';
export { parseStatement, type StatementView } from './statement-view.js';
export { SLSA_PROVENANCE_V1 } from './rules/statement-source.js';
export type { Policy, PolicyInput, Violation } from './types.js';
