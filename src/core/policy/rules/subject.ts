import type { DigestSet } from '../../digest.js';
import type { Rule } from '../types.js';

/**
 * Does the subject's digest set name this artifact? Every algorithm both sides carry must agree, and there must be
 * at least one such algorithm (an empty overlap proves nothing).
 */
export function digestsMatch(artifact: DigestSet, subject: DigestSet): boolean {
  let common = 0;
  for (const [algorithm, hex] of Object.entries(artifact)) {
    const other = subject[algorithm as keyof DigestSet];
    if (other === undefined || hex === undefined) continue;
    if (other.toLowerCase() !== hex.toLowerCase()) return false;
    common++;
  }
  return common > 0;
}

/** The artifact must be a subject of the signed statement; sigstore-js checks the signature, not this. */
export const subjectRule: Rule = (input) => {
  if (!input.statement) return undefined; // message signatures bind the digest cryptographically instead
  if (input.statement.subjects.some((s) => digestsMatch(input.artifact, s.digest))) return undefined;
  const shown = Object.entries(input.artifact)
    .map(([a, h]) => `${a}:${h}`)
    .join(', ');
  const names = input.statement.subjects.slice(0, 5).map((s) => s.name || '(unnamed)');
  return {
    code: 'SUBJECT_MISMATCH',
    rule: 'subject',
    message:
      `expected the artifact's digest (${shown}) among the statement's ${input.statement.subjects.length} subject(s), ` +
      `got none matching (subjects: ${names.join(', ')}${input.statement.subjects.length > 5 ? ', …' : ''}). ` +
      'Check that this bundle was made for this exact file (a rebuilt or modified file has a different digest).',
  };
};
