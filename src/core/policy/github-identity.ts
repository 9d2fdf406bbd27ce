import { inputError, quote } from '../errors.js';
import type { WorkflowRef } from './types.js';

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

/**
 * Parses OWNER/REPO/PATH[@REF], optionally prefixed by the server (`https://github.com/` or `github.com/`), into
 * its parts. PATH is the workflow file path inside the repository, e.g. .github/workflows/release.yml.
 */
export function parseWorkflowRef(value: string, flag: string, server: string = DEFAULT_SERVER): WorkflowRef {
  let rest = value;
  let host = server;
  const scheme = /^https:\/\/([^/]+)\//.exec(rest);
  if (scheme) {
    host = `https://${scheme[1]}`;
    rest = rest.slice(scheme[0].length);
  } else if (rest.startsWith(`${new URL(server).host}/`)) {
    rest = rest.slice(new URL(server).host.length + 1);
  }
  const at = rest.indexOf('@');
  const ref = at >= 0 ? rest.slice(at + 1) : undefined;
  const body = at >= 0 ? rest.slice(0, at) : rest;
  const parts = body.split('/');
  const usage = `Example: ${flag} octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main (the @REF is optional).`;
  if (parts.length < 3 || parts.some((p) => p === '' || p === '.' || p === '..') || ref === '') {
    throw inputError(
      'INPUT_INVALID',
      `${flag}: expected OWNER/REPO/PATH[@REF], got ${quote(value)}. ${usage}`,
    );
  }
  const repository = parseRepository(`${parts[0]}/${parts[1]}`, flag);
  const result: WorkflowRef = { server: host, repository, path: parts.slice(2).join('/') };
  if (ref !== undefined) result.ref = ref;
  return result;
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
