import { ownerURI, repositoryURI } from '../github-identity.js';
import type { Rule } from '../types.js';
import { keySigned } from './certificate.js';

const same = (a: string | undefined, b: string): boolean =>
  a !== undefined && a.toLowerCase() === b.toLowerCase();

/** --repo OWNER/REPO against Source Repository URI (.12). */
export const sourceRepoRule: Rule = (input, policy) => {
  if (policy.sourceRepo === undefined) return undefined;
  const want = repositoryURI(policy.server, policy.sourceRepo);
  if (!input.claims) return keySigned('SOURCE_REPO_MISMATCH', 'source-repo', `source repository ${want}`);
  const got = input.claims.sourceRepositoryURI;
  if (same(got, want)) return undefined;
  return {
    code: 'SOURCE_REPO_MISMATCH',
    rule: 'source-repo',
    message: `expected source repository ${want}, got ${JSON.stringify(got ?? null)}. Check --repo (OWNER/REPO of the repository that built the artifact).`,
  };
};

/** --owner OWNER against Source Repository Owner URI (.16). */
export const sourceOwnerRule: Rule = (input, policy) => {
  if (policy.sourceOwner === undefined) return undefined;
  const want = ownerURI(policy.server, policy.sourceOwner);
  if (!input.claims)
    return keySigned('SOURCE_OWNER_MISMATCH', 'source-owner', `source repository owner ${want}`);
  const got = input.claims.sourceRepositoryOwnerURI;
  if (same(got, want)) return undefined;
  return {
    code: 'SOURCE_OWNER_MISMATCH',
    rule: 'source-owner',
    message: `expected source repository owner ${want}, got ${JSON.stringify(got ?? null)}. Check --owner.`,
  };
};

/** --source-ref against Source Repository Ref (.14); exact, because refs/heads/x and refs/tags/x differ. */
export const sourceRefRule: Rule = (input, policy) => {
  if (policy.sourceRef === undefined) return undefined;
  if (!input.claims) return keySigned('SOURCE_REF_MISMATCH', 'source-ref', `source ref ${policy.sourceRef}`);
  const got = input.claims.sourceRepositoryRef;
  if (got === policy.sourceRef) return undefined;
  return {
    code: 'SOURCE_REF_MISMATCH',
    rule: 'source-ref',
    message: `expected source ref ${policy.sourceRef}, got ${JSON.stringify(got ?? null)}. Pass the full ref, e.g. refs/tags/v1.2.3 or refs/heads/main.`,
  };
};

/** --source-digest against Source Repository Digest (.13), the commit that was built. */
export const sourceDigestRule: Rule = (input, policy) => {
  if (policy.sourceDigest === undefined) return undefined;
  if (!input.claims)
    return keySigned('SOURCE_DIGEST_MISMATCH', 'source-digest', `source commit ${policy.sourceDigest}`);
  const got = input.claims.sourceRepositoryDigest;
  if (same(got, policy.sourceDigest)) return undefined;
  return {
    code: 'SOURCE_DIGEST_MISMATCH',
    rule: 'source-digest',
    message: `expected source commit ${policy.sourceDigest}, got ${JSON.stringify(got ?? null)}. Pass the full 40-character commit SHA.`,
  };
};
