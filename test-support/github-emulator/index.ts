/**
 * A GitHub emulator for tests and the demo: the REST API (api origin), release uploads (a second origin, as
 * uploads.github.com), release downloads and blob storage (objects origin, where downloads redirect), and the
 * Actions results service (results origin) — all on 127.0.0.1 with random ports and in-memory state.
 *
 * Every REST request and response is validated against GitHub's OpenAPI description; a mismatch answers 500
 * with the validation errors and is recorded in `violations`, which a test can assert is empty.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { Faults, type FaultResponse, type Origin, type RequestInfo } from './faults.js';
import { listen, readBody, type Listening } from './http.js';
import { deliver, echoReply, errorReply, statusReply } from './transport.js';
import { OpenApiValidator } from './openapi.js';
import { Quota, type QuotaOptions } from './quota.js';
import type { Urls } from './render.js';
import { RestApi, error, type Permissions, type Reply } from './rest.js';
import { ResultsService, runtimeToken } from './results.js';
import type {
  ArtifactState,
  AssetState,
  AttestationState,
  ReleaseState,
  RepoState,
  ReviewState,
  Visibility,
} from './state.js';
import { EmulatorState, repoKey } from './state.js';

export { Faults } from './faults.js';
export type {
  ArtifactState,
  AssetState,
  AttestationState,
  ReleaseState,
  RepoState,
  Visibility,
} from './state.js';
export type { Permissions } from './rest.js';

export interface Violation {
  origin: Origin;
  method: string;
  path: string;
  operationId?: string;
  direction: 'request' | 'response';
  errors: string[];
}

export interface RecordedRequest extends RequestInfo {
  status: number;
}

export interface EmulatorOptions {
  /** The token clients must send (default: a GITHUB_TOKEN-shaped value). */
  token?: string;
  permissions?: Partial<Permissions>;
  runBackendId?: string;
  jobBackendId?: string;
  /** A repository to create at start, `owner/name`, also exported as GITHUB_REPOSITORY. */
  repository?: string;
  /** The token's request quota (default: a GITHUB_TOKEN's 1,000 an hour per repository); false: unlimited. */
  quota?: QuotaOptions | false;
  /** Assets one release may hold (GitHub: 1,000). */
  maxAssetsPerRelease?: number;
}

export interface AddRepoOptions {
  visibility?: Visibility;
  immutableReleases?: boolean;
  id?: number;
  ownerId?: number;
  defaultBranch?: string;
  reportedVisibility?: Visibility;
}

export interface AddReleaseOptions {
  tag: string;
  name?: string;
  draft?: boolean;
  prerelease?: boolean;
  /** Default: the repository's immutable-releases setting, for a published release. */
  immutable?: boolean;
  assets?: { name: string; bytes: Buffer | string; contentType?: string; label?: string }[];
}

export interface GitHubEmulator {
  apiUrl: string;
  uploadUrl: string;
  objectsUrl: string;
  resultsUrl: string;
  token: string;
  /** Runner-style environment pointing the Actions libraries at the emulator. */
  env: Record<string, string>;
  permissions: Permissions;
  faults: Faults;
  violations: Violation[];
  requests: RecordedRequest[];
  addRepo(fullName: string, options?: AddRepoOptions): RepoState;
  addRelease(fullName: string, options: AddReleaseOptions): ReleaseState;
  addAsset(
    releaseId: number,
    asset: { name: string; bytes: Buffer | string; contentType?: string; label?: string },
  ): AssetState;
  getRelease(id: number): (ReleaseState & { assets: AssetState[] }) | undefined;
  releases(fullName: string): ReleaseState[];
  deleteRelease(id: number): void;
  assets(releaseId: number): AssetState[];
  attestations(): AttestationState[];
  /** When every workflow run asked about started (`run_started_at`), ISO 8601. */
  runStartedAt(): string;
  artifacts(): (ArtifactState & { bytes: Buffer | undefined })[];
  /** A review of a workflow run's deployment to an environment (default: approved), as its required reviewer gave it. */
  addDeploymentReview(
    fullName: string,
    runId: string | number,
    review: { environment: string; reviewer: string; state?: ReviewState['state']; comment?: string },
  ): void;
  /** Sets a git reference (`refs/tags/v1`) of a repository to a commit. */
  setRef(fullName: string, ref: string, sha: string): void;
  /** A repository's git references, each to the commit it points at. */
  refs(fullName: string): Record<string, string>;
  /** Requests counted against a repository's quota in the current hour. */
  quotaUsed(fullName: string): number;
  /** Another job of the same workflow run (a matrix leg): the ACTIONS_RUNTIME_TOKEN it would get. */
  addJob(): { jobBackendId: string; token: string };
  stop(): Promise<void>;
}

export async function startGitHubEmulator(options: EmulatorOptions = {}): Promise<GitHubEmulator> {
  const state = new EmulatorState();
  const validator = new OpenApiValidator();
  const faults = new Faults();
  const violations: Violation[] = [];
  const requests: RecordedRequest[] = [];
  const token = options.token ?? `ghs_${'E'.repeat(36)}`;
  const permissions: Permissions = { contents: 'write', attestations: 'write', ...options.permissions };
  const identity = {
    runBackendId: options.runBackendId ?? '11111111-2222-4333-8444-555555555555',
    jobBackendId: options.jobBackendId ?? '66666666-7777-4888-8999-aaaaaaaaaaaa',
    token: '',
  };
  identity.token = runtimeToken(identity.runBackendId, identity.jobBackendId);
  const urls: Urls = { api: '', uploads: '', objects: '', server: 'https://github.com' };
  const rest = new RestApi(state, urls, permissions, options.maxAssetsPerRelease ?? 1000);
  const quota = options.quota === false ? undefined : new Quota(options.quota ?? {});
  const results = new ResultsService(state, identity, () => urls.objects);

  // Answers held open by a hang fault end when the emulator stops.
  const stopping = new AbortController();

  /** The reply a fault puts in place of the handler's, if it does; undefined: handle the request. */
  const faultReply = (
    origin: Origin,
    fault: FaultResponse | undefined,
    req: IncomingMessage,
  ): Reply | undefined => {
    if (fault?.kind === 'status') return statusReply(origin, fault);
    if (fault?.kind === 'echo-headers') return echoReply(origin, fault.status, req);
    if (fault?.kind === 'rate-limit') {
      const reply = errorReply(origin, fault.status, `API rate limit exceeded for installation. (injected)`);
      reply.headers = fault.headers;
      return reply;
    }
    return undefined;
  };

  /** An upload cut off midway: GitHub lists it in state open, with the bytes it got. */
  const leaveIncomplete = (reply: Reply): void => {
    const created = state.assets.get(Number((reply.json as { id?: unknown } | undefined)?.id));
    if (reply.status === 201 && created) {
      created.state = 'open';
      created.bytes = created.bytes.subarray(0, Math.floor(created.bytes.length / 2));
    }
  };

  /** A lost answer: the work is done, then the client hears an error (or, partial, the upload is left open). */
  const afterFault = (
    reply: Reply,
    fault: Extract<FaultResponse, { kind: 'after' }>,
    origin: Origin,
  ): Reply => {
    if (fault.partial) leaveIncomplete(reply);
    return errorReply(origin, fault.status, 'Server Error');
  };

  /** Faults, delay, bookkeeping and the deferred release deletions, around one origin's handler. */
  const wrap =
    (origin: Origin, handle: (req: IncomingMessage, url: URL, body: Buffer, info: RequestInfo) => Reply) =>
    (req: IncomingMessage, res: ServerResponse): void => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://emulator');
        const body = await readBody(req);
        const info: RequestInfo = { origin, method: req.method ?? 'GET', path: url.pathname };
        const delay = faults.delayFor(info);
        if (delay > 0) await sleep(delay, true, { signal: stopping.signal }).catch(() => false);
        const fault = faults.take(info);
        if (fault?.kind === 'reset' || fault?.kind === 'hang') {
          requests.push({ ...info, status: 0 });
          if (fault.kind === 'reset') req.socket.destroy();
          return;
        }
        let reply = faultReply(origin, fault, req);
        if (!reply) {
          try {
            reply = handle(req, url, body, info);
          } catch (e) {
            reply = error(500, `emulator failure: ${e instanceof Error ? e.stack : String(e)}`);
          }
          if (fault?.kind === 'after') reply = afterFault(reply, fault, origin);
          if (fault?.kind === 'truncated' && fault.partial) leaveIncomplete(reply);
        }
        requests.push({ ...info, status: reply.status });
        for (const id of faults.tick()) state.deleteRelease(id);
        await deliver(res, reply, fault, stopping.signal);
      })();
    };

  /** REST on the api and uploads origins: match, authenticate, validate, handle, validate the answer. */
  const restHandler =
    (origin: 'api' | 'uploads') =>
    (req: IncomingMessage, url: URL, body: Buffer, info: RequestInfo): Reply => {
      const matched = validator.match(info.method, url.pathname, origin);
      const record = (direction: Violation['direction'], errors: string[], operationId?: string): Reply => {
        violations.push({
          origin,
          method: info.method,
          path: url.pathname,
          direction,
          errors,
          ...(operationId ? { operationId } : {}),
        });
        return error(
          500,
          `GitHub emulator: ${direction} does not match GitHub's OpenAPI description: ${errors.join('; ')}`,
        );
      };
      if (!matched)
        return record('request', [`no operation ${info.method} ${url.pathname} on the ${origin} origin`]);
      info.operationId = matched.operationId;
      const auth = String(req.headers['authorization'] ?? '');
      if (auth !== `token ${token}` && auth !== `Bearer ${token}` && auth !== `bearer ${token}`) {
        return error(401, 'Bad credentials');
      }
      const repoKeyOf = repoKey(String(matched.params['owner'] ?? ''), String(matched.params['repo'] ?? ''));
      if (quota && !quota.take(repoKeyOf)) {
        const limited = error(403, 'API rate limit exceeded for installation.');
        limited.headers = quota.headers(repoKeyOf);
        return limited;
      }
      const withQuota = (reply: Reply): Reply =>
        quota ? { ...reply, headers: { ...quota.headers(repoKeyOf), ...reply.headers } } : reply;
      const contentType = req.headers['content-type'];
      const requestErrors = validator.validateRequest(matched, url.searchParams, contentType, body);
      if (requestErrors.length > 0) return record('request', requestErrors, matched.operationId);
      const reply = withQuota(rest.handle({ matched, query: url.searchParams, headers: req.headers, body }));
      if (reply.json !== undefined) {
        reply.json = faults.corrupt(matched.operationId, reply.json);
        const responseErrors = validator.validateResponse(matched.operationId, reply.status, reply.json);
        if (responseErrors.length > 0) return record('response', responseErrors, matched.operationId);
      }
      return reply;
    };

  const objectsHandler = (req: IncomingMessage, url: URL, body: Buffer): Reply => {
    if (url.pathname.startsWith('/blob/')) {
      const { reply, violation } = results.blob(req, url.pathname, url.searchParams, body);
      if (violation)
        violations.push({
          origin: 'objects',
          method: req.method ?? '',
          path: url.pathname,
          direction: 'request',
          errors: [violation],
        });
      return reply;
    }
    const download = /^\/downloads\/([^/]+)\//.exec(url.pathname);
    if (download) {
      const asset = state.assets.get(rest.downloads.get(download[1]!) ?? -1);
      if (!asset) return { status: 404, bytes: Buffer.from('Not Found') };
      asset.downloadCount += 1;
      return { status: 200, bytes: asset.bytes, headers: { 'content-type': 'application/octet-stream' } };
    }
    const browser = /^\/([^/]+)\/([^/]+)\/releases\/download\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    if (browser) {
      const [, owner, repo, tag, name] = browser.map((s) => decodeURIComponent(s));
      const r = [...state.releases.values()].find(
        (x) => x.repo === repoKey(owner!, repo!) && x.tag === tag && !x.draft,
      );
      const asset = r && state.assetsOf(r.id).find((a) => a.name === name);
      if (!asset) return { status: 404, bytes: Buffer.from('Not Found') };
      return { status: 200, bytes: asset.bytes, headers: { 'content-type': 'application/octet-stream' } };
    }
    return { status: 404, bytes: Buffer.from('Not Found') };
  };

  const resultsHandler = (req: IncomingMessage, url: URL, body: Buffer): Reply => {
    const { reply, violation } = results.twirp(req, url.pathname, body);
    if (violation)
      violations.push({
        origin: 'results',
        method: req.method ?? '',
        path: url.pathname,
        direction: 'request',
        errors: [violation],
      });
    return reply;
  };

  const servers: Listening[] = [
    await listen(wrap('api', restHandler('api'))),
    await listen(wrap('uploads', restHandler('uploads'))),
    await listen(wrap('objects', objectsHandler)),
    await listen(wrap('results', resultsHandler)),
  ];
  urls.api = servers[0]!.url;
  urls.uploads = servers[1]!.url;
  urls.objects = servers[2]!.url;
  const resultsUrl = servers[3]!.url;

  const addRepo = (fullName: string, o: AddRepoOptions = {}): RepoState => {
    const [owner, name] = fullName.split('/');
    if (!owner || !name) throw new Error(`expected owner/name, got ${fullName}`);
    const repo: RepoState = {
      id: o.id ?? state.nextId(),
      owner,
      ownerId: o.ownerId ?? state.nextId(),
      name,
      visibility: o.visibility ?? 'public',
      immutableReleases: o.immutableReleases ?? false,
      defaultBranch: o.defaultBranch ?? 'main',
      ...(o.reportedVisibility ? { reportedVisibility: o.reportedVisibility } : {}),
    };
    state.repos.set(repoKey(owner, name), repo);
    return repo;
  };

  const addAsset: GitHubEmulator['addAsset'] = (releaseId, a) => {
    const now = state.now();
    const asset: AssetState = {
      id: state.nextId(),
      releaseId,
      name: a.name,
      label: a.label ?? null,
      contentType: a.contentType ?? 'application/octet-stream',
      bytes: Buffer.isBuffer(a.bytes) ? a.bytes : Buffer.from(a.bytes),
      createdAt: now,
      updatedAt: now,
      downloadCount: 0,
    };
    state.assets.set(asset.id, asset);
    return asset;
  };

  const addRelease = (fullName: string, o: AddReleaseOptions): ReleaseState => {
    const [owner, name] = fullName.split('/');
    const repo = state.repo(owner ?? '', name ?? '') ?? addRepo(fullName);
    const now = state.now();
    const release: ReleaseState = {
      id: state.nextId(),
      repo: repoKey(repo.owner, repo.name),
      tag: o.tag,
      name: o.name ?? o.tag,
      body: null,
      draft: o.draft ?? false,
      prerelease: o.prerelease ?? false,
      immutable: false,
      targetCommitish: repo.defaultBranch,
      createdAt: now,
      publishedAt: null,
      updatedAt: now,
    };
    state.releases.set(release.id, release);
    for (const a of o.assets ?? []) addAsset(release.id, a);
    if (!release.draft) state.publish(release, repo);
    if (o.immutable !== undefined) release.immutable = o.immutable;
    return release;
  };

  if (options.repository) addRepo(options.repository);

  return {
    apiUrl: urls.api,
    uploadUrl: urls.uploads,
    objectsUrl: urls.objects,
    resultsUrl,
    token,
    env: {
      GITHUB_API_URL: urls.api,
      GITHUB_SERVER_URL: urls.server,
      GITHUB_GRAPHQL_URL: `${urls.api}/graphql`,
      ACTIONS_RESULTS_URL: `${resultsUrl}/`,
      ACTIONS_RUNTIME_TOKEN: identity.token,
      ...(options.repository ? { GITHUB_REPOSITORY: options.repository } : {}),
    },
    permissions,
    faults,
    violations,
    requests,
    addRepo,
    addRelease,
    addAsset,
    getRelease: (id) => {
      const r = state.releases.get(id);
      return r ? { ...r, assets: state.assetsOf(id) } : undefined;
    },
    releases: (fullName) => {
      const [owner, name] = fullName.split('/');
      const repo = state.repo(owner ?? '', name ?? '');
      return repo ? state.releasesOf(repo) : [];
    },
    deleteRelease: (id) => state.deleteRelease(id),
    assets: (releaseId) => state.assetsOf(releaseId),
    attestations: () => [...state.attestations.values()],
    runStartedAt: () => state.runStartedAt,
    artifacts: () =>
      [...state.artifacts.values()].map((a) => ({ ...a, bytes: state.blobs.get(a.blobPath)?.committed })),
    addDeploymentReview: (fullName, runId, review) => {
      const key = `${fullName.toLowerCase()} ${runId}`;
      const list = state.reviews.get(key) ?? [];
      list.push({
        environment: review.environment,
        environmentId: 161088068 + list.length,
        login: review.reviewer,
        userId: 9919 + list.length,
        state: review.state ?? 'approved',
        comment: review.comment ?? '',
        at: state.now(),
      });
      state.reviews.set(key, list);
    },
    setRef: (fullName, ref, sha) => void state.refs.set(`${fullName.toLowerCase()} ${ref}`, sha),
    refs: (fullName) =>
      Object.fromEntries(
        [...state.refs]
          .filter(([key]) => key.startsWith(`${fullName.toLowerCase()} `))
          .map(([key, sha]) => [key.slice(fullName.length + 1), sha]),
      ),
    addJob: () => results.addJob(),
    quotaUsed: (fullName) => quota?.used(fullName.toLowerCase()) ?? 0,
    stop: async () => {
      stopping.abort();
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}
