/**
 * Which Sigstore services a signature goes to. DESIGN.md §4: public-good (Fulcio + the public Rekor log) for
 * public repositories, GitHub's (Fulcio + RFC 3161 timestamps, no public log) for private ones, staging for
 * trials, custom for self-hosted stacks. A private repository must never leak into a public log by default.
 */
import type { SigstoreInstance } from '../../app/ports.js';
import { inputError, quote } from '../../core/errors.js';

export type InstanceName = SigstoreInstance['name'];
export type KnownInstanceName = Exclude<InstanceName, 'custom'>;
export const INSTANCE_NAMES: readonly InstanceName[] = ['public-good', 'github', 'staging', 'custom'];
export type { SigstoreInstance };

/** The input (and CLI flag) a private repository sets to accept a public log entry on purpose. */
export const PUBLIC_LOG_OPT_IN = 'allow-public-log';

/** Everything Provenant knows about an instance it can name: where to sign, where trust comes from, where to look. */
export interface KnownInstance extends SigstoreInstance {
  readonly name: KnownInstanceName;
  /** The TUF repository that distributes the instance's trusted root. */
  readonly tufMirror: string;
  /** Where a person checks whether the instance is up. */
  readonly statusPage: string;
  /** Where a person can look at a log entry, when the instance has a log with a viewer of its own. */
  readonly entryViewer?: (logIndex: string) => string;
}

/** The one table of Sigstore instances: every other module asks here. */
export const KNOWN_INSTANCES: Readonly<Record<KnownInstanceName, KnownInstance>> = {
  'public-good': {
    name: 'public-good',
    fulcioUrl: 'https://fulcio.sigstore.dev',
    rekorUrl: 'https://rekor.sigstore.dev',
    // Listed in public-good's signing config since 2025-07: a timestamp beside the log entry.
    tsaUrl: 'https://timestamp.sigstore.dev/api/v1/timestamp',
    publicLog: true,
    tufMirror: 'https://tuf-repo-cdn.sigstore.dev',
    statusPage: 'https://status.sigstore.dev',
    entryViewer: (logIndex) => `https://search.sigstore.dev/?logIndex=${logIndex}`,
  },
  staging: {
    name: 'staging',
    fulcioUrl: 'https://fulcio.sigstage.dev',
    rekorUrl: 'https://rekor.sigstage.dev',
    publicLog: true,
    tufMirror: 'https://tuf-repo-cdn.sigstage.dev',
    statusPage: 'https://status.sigstore.dev',
  },
  github: {
    name: 'github',
    fulcioUrl: 'https://fulcio.githubapp.com',
    tsaUrl: 'https://timestamp.githubapp.com/api/v1/timestamp',
    publicLog: false,
    tufMirror: 'https://tuf-repo.github.com',
    statusPage: 'https://www.githubstatus.com',
  },
};

/**
 * GitHub's instance as a GitHub server sees it: a data-residency tenant (`https://<tenant>.ghe.com`) has its own
 * Fulcio and timestamp authority under its host, as GitHub's own attest action derives them; github.com (and any
 * other server) the shared ones.
 */
export function githubInstanceFor(serverUrl: string | undefined): KnownInstance {
  const shared = KNOWN_INSTANCES.github;
  let host: string;
  try {
    host = new URL(serverUrl ?? '').hostname.toLowerCase();
  } catch {
    return shared;
  }
  if (!/^[a-z0-9-]+\.ghe\.com$/.test(host)) return shared;
  return {
    ...shared,
    fulcioUrl: `https://fulcio.${host}`,
    tsaUrl: `https://timestamp.${host}/api/v1/timestamp`,
  };
}

/** The known instance one of whose services is at `url`, if any. */
export function knownInstanceAt(url: string): KnownInstance | undefined {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return undefined;
  }
  return Object.values(KNOWN_INSTANCES).find((i) =>
    [i.fulcioUrl, i.rekorUrl, i.tsaUrl, i.tufMirror].some(
      (u) => u !== undefined && new URL(u).hostname === host,
    ),
  );
}

export interface InstanceRequest {
  /** The `sigstore` input; empty means "choose from the repository's visibility". */
  readonly name?: string;
  readonly fulcioUrl?: string;
  readonly rekorUrl?: string;
  readonly rekorApiVersion?: 1 | 2;
  readonly tsaUrl?: string;
  readonly trustedRootPath?: string;
  readonly tufMirror?: string;
  /** `repository_visibility` from the run's OIDC token (signed by GitHub, unlike an API answer). */
  readonly repositoryVisibility?: string;
  readonly allowPublicLog?: boolean;
  /** GITHUB_SERVER_URL: a data-residency tenant (`*.ghe.com`) signs with its own Fulcio and timestamp authority. */
  readonly serverUrl?: string;
  /** How the entry point calls these options in messages; default: the action's input names. */
  readonly labels?: InstanceLabels;
}

export interface InstanceLabels {
  sigstore: string;
  fulcioUrl: string;
  rekorUrl: string;
  tsaUrl: string;
  trustedRoot: string;
  allowPublicLog: string;
}

export const ACTION_INSTANCE_LABELS: InstanceLabels = {
  sigstore: 'sigstore',
  fulcioUrl: 'fulcio-url',
  rekorUrl: 'rekor-url',
  tsaUrl: 'tsa-url',
  trustedRoot: 'trusted-root',
  allowPublicLog: `${PUBLIC_LOG_OPT_IN}: true`,
};

export const CLI_INSTANCE_LABELS: InstanceLabels = {
  sigstore: '--sigstore',
  fulcioUrl: '--fulcio-url',
  rekorUrl: '--rekor-url',
  tsaUrl: '--tsa-url',
  trustedRoot: '--trusted-root',
  allowPublicLog: `--${PUBLIC_LOG_OPT_IN}`,
};

/** `sigstore: github` for an action input, `--sigstore github` for a flag. */
const setting = (label: string, value: string): string =>
  label.startsWith('--') ? `${label} ${value}` : `${label}: ${value}`;

/**
 * Service URLs name a custom instance: given without a name they select one, and beside a known instance's name they
 * are a contradiction (which one should the signature go to?), never silently ignored.
 */
export function resolveInstance(request: InstanceRequest): SigstoreInstance {
  const labels = request.labels ?? ACTION_INSTANCE_LABELS;
  const urls = (['fulcioUrl', 'rekorUrl', 'tsaUrl'] as const).filter((k) => request[k]);
  const given = request.name?.trim();
  if (given && given !== 'custom' && urls.length > 0) {
    throw inputError(
      'USAGE',
      `${setting(labels.sigstore, given)} names a known instance with its own services, but ${urls.map((k) => labels[k]).join(' and ')} ` +
        `${urls.length === 1 ? 'was' : 'were'} given too: expected one or the other. Drop the URL${urls.length === 1 ? '' : 's'}, ` +
        `or use ${setting(labels.sigstore, 'custom')} (with ${labels.trustedRoot}).`,
    );
  }
  const name =
    given ||
    (urls.length > 0 ? 'custom' : defaultInstanceName(request.repositoryVisibility, request.serverUrl));
  const instance =
    name === 'custom' ? customInstance(request, labels) : known(name, labels, request.serverUrl);
  assertLogAllowed(instance, request.repositoryVisibility, request.allowPublicLog ?? false, labels);
  return instance;
}

/**
 * Public repositories go to the public-good instance; anything else (private, internal, unknown) to GitHub's. A
 * data-residency tenant's repositories always go to its own instance, as GitHub's attest action does: their data
 * stays in the tenant's region.
 */
export function defaultInstanceName(visibility: string | undefined, serverUrl?: string): InstanceName {
  if (isDataResidencyTenant(serverUrl)) return 'github';
  return visibility === 'public' ? 'public-good' : 'github';
}

function isDataResidencyTenant(serverUrl: string | undefined): boolean {
  return githubInstanceFor(serverUrl) !== KNOWN_INSTANCES.github;
}

function known(name: string, labels: InstanceLabels, serverUrl?: string): SigstoreInstance {
  if (Object.hasOwn(KNOWN_INSTANCES, name)) {
    const {
      tufMirror: _m,
      statusPage: _s,
      entryViewer: _v,
      ...instance
    } = name === 'github' ? githubInstanceFor(serverUrl) : KNOWN_INSTANCES[name as KnownInstanceName];
    return instance;
  }
  throw inputError(
    'SIGSTORE_CONFIG_INVALID',
    `${labels.sigstore}: expected one of ${INSTANCE_NAMES.join(', ')}, got ${quote(name)}; fix ${labels.sigstore}.`,
  );
}

function customInstance(request: InstanceRequest, labels: InstanceLabels): SigstoreInstance {
  const fulcioUrl = httpUrl(labels.fulcioUrl, request.fulcioUrl);
  const rekorUrl = request.rekorUrl ? httpUrl(labels.rekorUrl, request.rekorUrl) : undefined;
  const tsaUrl = request.tsaUrl ? httpUrl(labels.tsaUrl, request.tsaUrl) : undefined;
  if (!rekorUrl && !tsaUrl) {
    throw inputError(
      'SIGSTORE_CONFIG_INVALID',
      `expected a custom Sigstore instance to have ${labels.rekorUrl}, ${labels.tsaUrl} or both (a signature needs a trusted time), got neither; set at least one.`,
    );
  }
  if (!request.trustedRootPath) {
    throw inputError(
      'SIGSTORE_CONFIG_INVALID',
      `expected ${labels.trustedRoot} (the trusted_root.json of the custom instance) so the bundle can be verified, got none; set ${labels.trustedRoot}.`,
    );
  }
  return {
    name: 'custom',
    fulcioUrl,
    publicLog: rekorUrl !== undefined && (knownInstanceAt(rekorUrl)?.publicLog ?? false),
    trustedRootPath: request.trustedRootPath,
    ...(rekorUrl ? { rekorUrl } : {}),
    ...(rekorUrl && request.rekorApiVersion === 2 ? { rekorApiVersion: 2 as const } : {}),
    ...(tsaUrl ? { tsaUrl } : {}),
    ...(request.tufMirror ? { tufMirror: request.tufMirror } : {}),
  };
}

function httpUrl(input: string, value: string | undefined): string {
  let url: URL | undefined;
  try {
    url = value ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw inputError(
      'SIGSTORE_CONFIG_INVALID',
      `expected ${input} to be an http(s) URL for a custom Sigstore instance, got ${quote(value ?? '')}; fix ${input}.`,
    );
  }
  return value!.replace(/\/+$/, '');
}

/**
 * A public log entry is permanent and searchable: for a private repository it would publish the repository's
 * name, owner, workflow path, commit and the artifacts' digests. Only an explicit opt-in allows that.
 */
export function assertLogAllowed(
  instance: SigstoreInstance,
  visibility: string | undefined,
  allowPublicLog: boolean,
  labels: InstanceLabels = ACTION_INSTANCE_LABELS,
): void {
  if (!instance.publicLog || allowPublicLog) return;
  if (visibility === undefined || visibility === 'public') return;
  throw inputError(
    'PRIVATE_REPO_PUBLIC_LOG',
    `expected a public repository to sign into the public transparency log ${instance.rekorUrl ?? ''}, got a ${visibility} repository. ` +
      'The entry would be public and permanent: it names the repository, its owner, the workflow, the commit and the artifact digests. ' +
      `Fix: use \`${setting(labels.sigstore, 'github')}\` (GitHub's Fulcio and timestamp authority, no public log), a custom instance, ` +
      `or set \`${labels.allowPublicLog}\` if publishing this repository's name is intended.`,
  );
}

/** Where a person can look at a Rekor entry. */
export function rekorEntryUrl(
  instance: SigstoreInstance | undefined,
  logIndex: string | undefined,
): string | undefined {
  // A v2 log is read as tiles: it has no per-entry page to link to.
  if (!instance?.rekorUrl || logIndex === undefined || instance.rekorApiVersion === 2) return undefined;
  const viewer = instance.name === 'custom' ? undefined : KNOWN_INSTANCES[instance.name].entryViewer;
  return viewer ? viewer(logIndex) : `${instance.rekorUrl}/api/v1/log/entries?logIndex=${logIndex}`;
}
