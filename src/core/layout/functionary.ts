/**
 * A layout's functionaries: who may sign a step. A keyless functionary is an OIDC issuer and a certificate identity
 * (exact, or a pattern), optionally narrowed by the certificate's Fulcio extensions: the workflow that signed, the
 * source repository, the ref, and the protected environment the job ran in (Deployment Environment, .23), which is
 * what gives the jobs of one workflow distinct identities. A key functionary is a PEM public key.
 */
import type { CertificateClaims } from '../certificate-claims.js';
import { compileIdentityPattern, matchesIdentityPattern, type IdentityPattern } from './identity-match.js';
import { isRecord, layoutError, refuseUnknown } from './layout-errors.js';

export interface KeylessFunctionary {
  kind: 'keyless';
  name: string;
  issuer: string;
  identity?: string;
  identityRegex?: IdentityPattern;
  /** `OWNER/REPO/.github/workflows/FILE`, with `@REF` to pin the ref too. */
  signerWorkflow?: string;
  /** `OWNER/REPO`, the source repository. */
  repository?: string;
  ref?: string;
  environment?: string;
}

export interface KeyFunctionary {
  kind: 'key';
  name: string;
  publicKeyPem: string;
}

export type Functionary = KeylessFunctionary | KeyFunctionary;

/** Who signed a bundle, as the cryptography established it. */
export type StepSigner =
  { kind: 'certificate'; claims: CertificateClaims } | { kind: 'key'; functionary: string };

const KEYLESS_FIELDS = new Set([
  'issuer',
  'identity',
  'identity_regex',
  'signer_workflow',
  'repository',
  'ref',
  'environment',
]);
const KEY_FIELDS = new Set(['public_key']);

function optionalString(value: Record<string, unknown>, field: string, where: string): string | undefined {
  const v = value[field];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v === '') layoutError(`${where}.${field}`, 'a non-empty string', v);
  return v;
}

export function readFunctionary(name: string, value: unknown, where: string): Functionary {
  if (!isRecord(value))
    layoutError(where, 'a functionary object (issuer and identity, or public_key)', value);
  if (value.public_key !== undefined) {
    refuseUnknown(value, KEY_FIELDS, where);
    const pem = value.public_key;
    if (typeof pem !== 'string' || !pem.includes('-----BEGIN PUBLIC KEY-----'))
      layoutError(`${where}.public_key`, 'a PEM public key (-----BEGIN PUBLIC KEY-----)', pem);
    return { kind: 'key', name, publicKeyPem: pem };
  }
  refuseUnknown(value, KEYLESS_FIELDS, where);
  const issuer = optionalString(value, 'issuer', where);
  if (!issuer)
    layoutError(
      `${where}.issuer`,
      'the OIDC issuer (e.g. https://token.actions.githubusercontent.com)',
      undefined,
    );
  const identity = optionalString(value, 'identity', where);
  const regex = optionalString(value, 'identity_regex', where);
  if ((identity === undefined) === (regex === undefined))
    layoutError(where, 'exactly one of identity and identity_regex', Object.keys(value).join(', '));
  const f: KeylessFunctionary = { kind: 'keyless', name, issuer };
  if (identity) f.identity = identity;
  if (regex) f.identityRegex = compileIdentityPattern(regex, `${where}.identity_regex`);
  for (const [field, key] of [
    ['signer_workflow', 'signerWorkflow'],
    ['repository', 'repository'],
    ['ref', 'ref'],
    ['environment', 'environment'],
  ] as const) {
    const v = optionalString(value, field, where);
    if (v !== undefined) f[key] = v;
  }
  return f;
}

/** `https://github.com/o/r/.github/workflows/x.yml@refs/heads/main` → `o/r/.github/workflows/x.yml@refs/heads/main`. */
function withoutHost(uri: string | undefined): string | undefined {
  const m = uri === undefined ? null : /^https?:\/\/[^/]+\/(.+)$/.exec(uri);
  return m ? m[1] : undefined;
}

function certificateMismatch(f: KeylessFunctionary, c: CertificateClaims): string | undefined {
  const san = c.subjectAlternativeName ?? '';
  if (c.issuer !== f.issuer) return `issuer ${c.issuer ?? 'none'}, not ${f.issuer}`;
  if (f.identity !== undefined && san !== f.identity) return `identity ${san}, not ${f.identity}`;
  if (f.identityRegex && !matchesIdentityPattern(f.identityRegex, san))
    return `identity ${san}, which does not match ${f.identityRegex.source}`;
  if (f.signerWorkflow !== undefined) {
    const signer = withoutHost(c.buildSignerURI) ?? '';
    const compared = f.signerWorkflow.includes('@') ? signer : signer.split('@')[0];
    if (compared !== f.signerWorkflow) return `signer workflow ${signer || 'none'}, not ${f.signerWorkflow}`;
  }
  if (f.repository !== undefined) {
    const repo = withoutHost(c.sourceRepositoryURI) ?? '';
    if (repo.toLowerCase() !== f.repository.toLowerCase())
      return `repository ${repo || 'none'}, not ${f.repository}`;
  }
  if (f.ref !== undefined && c.sourceRepositoryRef !== f.ref)
    return `ref ${c.sourceRepositoryRef ?? 'none'}, not ${f.ref}`;
  if (f.environment !== undefined && c.deploymentEnvironment !== f.environment)
    return `environment ${c.deploymentEnvironment ?? 'none'}, not ${f.environment}`;
  return undefined;
}

/** Why a signer is not this functionary, or undefined when it is. */
export function functionaryMismatch(f: Functionary, signer: StepSigner): string | undefined {
  if (f.kind === 'key')
    return signer.kind === 'key' && signer.functionary === f.name
      ? undefined
      : `not signed with ${f.name}'s key`;
  if (signer.kind !== 'certificate') return `signed with a key, not a ${f.issuer} identity`;
  return certificateMismatch(f, signer.claims);
}

/** The signer as a report names it: the certificate identity (and environment), or the key's functionary. */
export function signerName(signer: StepSigner): string {
  if (signer.kind === 'key') return `the key of ${signer.functionary}`;
  const c = signer.claims;
  return `${c.subjectAlternativeName ?? 'an unnamed identity'}${c.deploymentEnvironment ? ` (environment ${c.deploymentEnvironment})` : ''}`;
}
