import { inputError, quote } from '../errors.js';
import { compileSafePattern, type SafePattern } from './safe-regex.js';

export const DEFAULT_SERVER = 'https://github.com';

// GitHub's own limits: owners are 1–39 characters of letters, digits and hyphens; repositories allow . _ - too.
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;

export function parseOwner(value: string, flag: string): string {
  if (!OWNER.test(value)) {
    throw inputError(
      'INPUT_INVALID',
      `${flag}: expected a GitHub owner (user or organisation) name, got ${quote(value)}. Example: ${flag} octo-org.`,
    );
  }
  return value;
}

/** OWNER/REPO, as gh takes it. */
export function parseRepository(value: string, flag: string): string {
  const [owner, repo, ...rest] = value.split('/');
  if (
    !owner ||
    !repo ||
    rest.length > 0 ||
    !OWNER.test(owner) ||
    !REPO.test(repo) ||
    repo === '.' ||
    repo === '..'
  ) {
    throw inputError(
      'INPUT_INVALID',
      `${flag}: expected OWNER/REPO, got ${quote(value)}. Example: ${flag} octo-org/octo-repo.`,
    );
  }
  return `${owner}/${repo}`;
}

/** `value` as a regular expression that matches it literally. */
export function escapeRegExp(value: string): string {
  return value.replace(/[\\^$.*+?()[\]{}|]/g, (c) => `\\${c}`);
}

/** A signer constraint as gh reads it: a pattern searched for in the Build Signer URI, and how to show it. */
export interface SignerPattern {
  pattern: SafePattern;
  shown: string;
}

/** The host a signer flag names (`https://HOST/…`, or a first segment with a dot in it, as gh reads it), and the rest. */
function splitHost(value: string, server: string): { host: string; rest: string } {
  const scheme = /^https:\/\/([^/]+)\/(.*)$/.exec(value);
  if (scheme) return { host: scheme[1]!, rest: scheme[2]! };
  const first = value.split('/')[0]!;
  // gh's test for "the value starts with a host": a first segment like github.com or ghe.example.com.
  if (/^[a-zA-Z0-9-]+\.[a-zA-Z0-9-]+/.test(first) && value.includes('/'))
    return { host: first, rest: value.slice(first.length + 1) };
  return { host: new URL(server).host, rest: value };
}

/**
 * A short ref after `@` (`@main`, `@v1.2.3`) names a branch or a tag, as a person would write it; the certificate
 * always carries the full ref. A full ref, a commit SHA or a pattern is kept as given.
 */
function expandRef(ref: string): string {
  if (ref.startsWith('refs/') || /^(?:[0-9a-fA-F]{40}|[0-9a-fA-F]{64})$/.test(ref)) return ref;
  if (!/^[\w.\-/\\]+$/.test(ref)) return ref;
  return `refs/(?:heads|tags)/${ref}`;
}

function malformed(flag: string, value: string, shape: string, example: string): Error {
  return inputError(
    'INPUT_INVALID',
    `${flag}: expected ${shape}, got ${quote(value)}. Example: ${flag} ${example}.`,
  );
}

function signerPattern(source: string, flag: string, host: string, rest: string): SignerPattern {
  return { pattern: compileSafePattern(source, flag), shown: `https://${host}/${rest}` };
}

/**
 * `--signer-workflow [HOST/]OWNER/REPO/PATH[@REF]` with gh's meaning: a pattern searched for in the Build Signer URI
 * from `^https://HOST/` on, so `OWNER/REPO/.github/workflows/release.yml` matches that workflow at any ref. A short
 * `@REF` matches the branch or tag of that name.
 */
export function signerWorkflowPattern(
  value: string,
  flag: string,
  server: string = DEFAULT_SERVER,
): SignerPattern {
  const { host, rest } = splitHost(value, server);
  const at = rest.lastIndexOf('@');
  const body = at >= 0 ? rest.slice(0, at) : rest;
  const parts = body.split('/');
  if (parts.length < 3 || parts.some((p) => p === '') || at === rest.length - 1)
    throw malformed(
      flag,
      value,
      'OWNER/REPO/PATH[@REF]',
      'octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main',
    );
  const ref = at >= 0 ? `@${expandRef(rest.slice(at + 1))}` : '';
  return signerPattern(`^https://${escapeRegExp(host)}/(?:${body}${ref})`, flag, host, rest);
}

/** `--signer-repo OWNER/REPO` with gh's meaning: a workflow of that repository (a pattern, case-insensitive) signed. */
export function signerRepoPattern(
  value: string,
  flag: string,
  server: string = DEFAULT_SERVER,
): SignerPattern {
  const { host, rest } = splitHost(value, server);
  if (!/^[^/]+\/[^/]+$/.test(rest)) throw malformed(flag, value, 'OWNER/REPO', 'octo-org/octo-repo');
  return signerPattern(`(?i)^https://${escapeRegExp(host)}/(?:${rest})/`, flag, host, rest);
}

/** The signer repository --repo implies: exactly that repository, whatever its letters' case. */
export function impliedSignerRepo(server: string, repository: string): SignerPattern {
  const host = new URL(server).host;
  const source = `(?i)^https://${escapeRegExp(host)}/${escapeRegExp(repository)}/`;
  return { pattern: compileSafePattern(source, '--repo'), shown: `https://${host}/${repository}` };
}

export function repositoryURI(server: string, repository: string): string {
  return `${server}/${repository}`;
}

export function ownerURI(server: string, owner: string): string {
  return `${server}/${owner}`;
}

/** Splits a Build Signer URI (https://HOST/OWNER/REPO/PATH@REF) so rules can compare parts, not prefixes. */
export function splitSignerURI(
  uri: string,
): { server: string; repository: string; path: string; ref?: string } | undefined {
  const m = /^(https:\/\/[^/]+)\/([^/]+\/[^/]+)\/([^@]+)(?:@(.+))?$/.exec(uri);
  if (!m) return undefined;
  const out: { server: string; repository: string; path: string; ref?: string } = {
    server: m[1]!,
    repository: m[2]!,
    path: m[3]!,
  };
  if (m[4] !== undefined) out.ref = m[4];
  return out;
}
