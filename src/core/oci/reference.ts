import { inputError, quote } from '../errors.js';

/** An image named the way `docker pull` and `skopeo` take it, with the registry always explicit. */
export interface ImageReference {
  /** `host[:port]` as written (`docker.io` stays `docker.io`; {@link registryHost} gives the API host). */
  registry: string;
  /** The repository path inside the registry, e.g. `octo-org/app`. */
  repository: string;
  tag?: string;
  /** `sha256:<hex>`, lower-case. */
  digest?: string;
}

/** The URL scheme `provenant verify` and the verify action take images with (as gh's `oci://`). */
export const OCI_SCHEME = 'oci://';

// The distribution-spec's grammar for repository names and tags.
const PATH_COMPONENT = '[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*';
const REPOSITORY = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const HOST =
  /^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*)(?::\d{1,5})?$/;

const EXAMPLE =
  'expected REGISTRY/REPOSITORY:TAG or REGISTRY/REPOSITORY@sha256:HEX (e.g. ghcr.io/octo-org/app:v1)';

export function isOciReference(value: string): boolean {
  return value.startsWith(OCI_SCHEME);
}

/**
 * Parses `registry/repo:tag`, `registry/repo@sha256:hex` or both, with or without `oci://`. The registry must be
 * written out (a first component with a dot or a port, or `localhost`): a provenance that names `app:v1` would not
 * say which registry's `app` was signed.
 */
export function parseImageReference(raw: string, where: string): ImageReference {
  const value = raw.startsWith(OCI_SCHEME) ? raw.slice(OCI_SCHEME.length) : raw;
  const fail = (why: string) =>
    inputError('IMAGE_REFERENCE_INVALID', `${where}: ${EXAMPLE}, got ${quote(raw)}: ${why}.`);
  const at = value.indexOf('@');
  const name = at >= 0 ? value.slice(0, at) : value;
  const digest = at >= 0 ? value.slice(at + 1) : undefined;
  if (digest !== undefined && !DIGEST.test(digest))
    throw fail('the digest is not sha256: and 64 lower-case hex');
  const slash = name.indexOf('/');
  const registry = slash > 0 ? name.slice(0, slash) : '';
  if (!registry || !(registry.includes('.') || registry.includes(':') || registry === 'localhost')) {
    throw fail('the registry is missing (the first part must be a host such as ghcr.io or 127.0.0.1:5000)');
  }
  if (!HOST.test(registry)) throw fail(`${quote(registry)} is not a host[:port]`);
  let path = name.slice(slash + 1);
  let tag: string | undefined;
  const colon = path.lastIndexOf(':');
  if (colon >= 0) {
    tag = path.slice(colon + 1);
    path = path.slice(0, colon);
    if (!TAG.test(tag)) throw fail(`${quote(tag)} is not a valid tag`);
  }
  if (!REPOSITORY.test(path)) throw fail(`${quote(path)} is not a repository name (lower-case, / separated)`);
  if (tag === undefined && digest === undefined) throw fail('give a tag or a digest');
  return { registry, repository: path, ...(tag !== undefined ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/** What the manifest request names: the digest when there is one (a tag can move), else the tag. */
export function manifestReference(ref: ImageReference): string {
  return ref.digest ?? ref.tag!;
}

/** The reference as people write it: `registry/repo:tag`, `registry/repo@sha256:…`, or both. */
export function formatImageReference(ref: ImageReference): string {
  return `${ref.registry}/${ref.repository}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

/** Docker Hub's API lives on another host than the one people write. */
export function registryHost(registry: string): string {
  return registry === 'docker.io' || registry === 'index.docker.io' ? 'registry-1.docker.io' : registry;
}

/** Registries on the loopback interface speak plain HTTP (as docker and skopeo assume); every other one HTTPS. */
export function registryBaseUrl(registry: string): string {
  const host = registryHost(registry);
  const bare = host.replace(/:\d+$/, '');
  const loopback = bare === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(bare) || bare === '[::1]';
  return `${loopback ? 'http' : 'https'}://${host}`;
}

/** The referrers tag schema's tag for a subject: `sha256-<hex>`. */
export function referrersTag(digest: string): string {
  return digest.replace(':', '-');
}
