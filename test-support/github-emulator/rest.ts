/**
 * The REST endpoints Provenant calls, with GitHub's rules where they matter: drafts are invisible to
 * get-by-tag, a published immutable release refuses changes to its assets, asset names are unique per release,
 * downloads redirect to another origin, and writes need the right `permissions:` of the token.
 */
import { gitRefs, listRunArtifacts, runReviews } from './actions-api.js';
import type { MatchedOperation } from './openapi.js';
import type { Urls } from './render.js';
import * as render from './render.js';
import type { EmulatorState, ReleaseState, RepoState } from './state.js';
import { repoKey } from './state.js';

export interface Reply {
  status: number;
  json?: unknown;
  bytes?: Buffer;
  headers?: Record<string, string>;
}

export interface Permissions {
  contents: 'read' | 'write';
  attestations: 'none' | 'read' | 'write';
  /** Reading a run's deployment reviews needs `actions: read`. */
  actions?: 'none' | 'read' | 'write';
}

export interface RestRequest {
  matched: MatchedOperation;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

const DOCS = 'https://docs.github.com/rest';

export const error = (status: number, message: string, extra: Record<string, unknown> = {}): Reply => ({
  status,
  json: { message, documentation_url: DOCS, status: String(status), ...extra },
});
const notFound = (): Reply => error(404, 'Not Found');
const forbidden = (): Reply => error(403, 'Resource not accessible by integration');
const invalid = (resource: string, field: string, code: string, message?: string): Reply =>
  error(422, 'Validation Failed', { errors: [{ resource, code, field, ...(message ? { message } : {}) }] });
const immutable = (message: string): Reply => error(422, message);

const WRITES_CONTENTS = new Set([
  'repos/create-release',
  'repos/update-release',
  'repos/upload-release-asset',
  'repos/update-release-asset',
  'repos/delete-release-asset',
]);

function page<T>(
  items: T[],
  query: URLSearchParams,
  selfUrl: string,
): { items: T[]; headers: Record<string, string> } {
  const perPage = Math.min(Number(query.get('per_page') ?? 30) || 30, 100);
  const current = Math.max(Number(query.get('page') ?? 1) || 1, 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const link = (n: number, rel: string): string => `<${selfUrl}?per_page=${perPage}&page=${n}>; rel="${rel}"`;
  const links: string[] = [];
  if (current < last) links.push(link(current + 1, 'next'), link(last, 'last'));
  if (current > 1) links.push(link(1, 'first'), link(current - 1, 'prev'));
  return {
    items: items.slice((current - 1) * perPage, current * perPage),
    headers: links.length > 0 ? { link: links.join(', ') } : {},
  };
}

export class RestApi {
  /** Short-lived download tokens, as GitHub's signed object URLs. */
  readonly downloads = new Map<string, number>();

  readonly state: EmulatorState;
  readonly urls: Urls;
  readonly permissions: Permissions;
  readonly maxAssets: number;

  constructor(state: EmulatorState, urls: Urls, permissions: Permissions, maxAssets = 1000) {
    this.state = state;
    this.urls = urls;
    this.permissions = permissions;
    this.maxAssets = maxAssets;
  }

  handle(req: RestRequest): Reply {
    const { matched } = req;
    const repo = this.state.repo(String(matched.params['owner']), String(matched.params['repo']));
    if (!repo) return notFound();
    if (WRITES_CONTENTS.has(matched.operationId) && this.permissions.contents !== 'write') return forbidden();
    switch (matched.operationId) {
      case 'repos/get':
        return {
          status: 200,
          json: render.repository(this.urls, repo, repo.reportedVisibility ?? repo.visibility),
        };
      case 'repos/list-releases':
        return this.#listReleases(repo, req);
      case 'repos/get-release':
        return this.#withRelease(repo, req, (r) => ({ status: 200, json: this.#release(repo, r) }));
      case 'repos/get-release-by-tag': {
        const r = this.state.releasesOf(repo).find((x) => !x.draft && x.tag === matched.params['tag']);
        return r ? { status: 200, json: this.#release(repo, r) } : notFound();
      }
      case 'repos/create-release':
        return this.#createRelease(repo, req);
      case 'repos/update-release':
        return this.#withRelease(repo, req, (r) => this.#updateRelease(repo, r, req));
      case 'repos/list-release-assets':
        return this.#withRelease(repo, req, (r) => {
          const selfUrl = `${this.urls.api}/repos/${repo.owner}/${repo.name}/releases/${r.id}/assets`;
          const { items, headers } = page(this.state.assetsOf(r.id), req.query, selfUrl);
          return { status: 200, json: items.map((a) => render.asset(this.urls, repo, r, a)), headers };
        });
      case 'repos/get-release-asset':
        return this.#getAsset(repo, req);
      case 'repos/update-release-asset':
        return this.#updateAsset(repo, req);
      case 'repos/delete-release-asset':
        return this.#deleteAsset(repo, req);
      case 'repos/upload-release-asset':
        return this.#withRelease(repo, req, (r) => this.#upload(repo, r, req));
      case 'repos/create-attestation':
        return this.#createAttestation(repo, req);
      case 'repos/list-attestations':
        return this.#listAttestations(repo, req);
      case 'actions/get-workflow-run':
        return {
          status: 200,
          json: render.workflowRun(
            this.urls,
            repo,
            Number(matched.params['run_id']),
            this.state.runStartedAt,
          ),
        };
      case 'actions/list-workflow-run-artifacts':
        return listRunArtifacts(this.state, this.urls, repo, req);
      case 'actions/get-reviews-for-run':
        if ((this.permissions.actions ?? 'read') === 'none') return forbidden();
        return runReviews(this.state, this.urls, repo, req);
      case 'git/get-ref':
      case 'git/create-ref':
      case 'git/update-ref':
        if (matched.operationId !== 'git/get-ref' && this.permissions.contents !== 'write')
          return forbidden();
        return gitRefs(this.state, this.urls, repo, req);
      default:
        return error(501, `the emulator does not implement ${matched.operationId}`);
    }
  }

  #release(repo: RepoState, r: ReleaseState): Record<string, unknown> {
    return render.release(this.urls, repo, r, this.state.assetsOf(r.id));
  }

  #withRelease(repo: RepoState, req: RestRequest, fn: (r: ReleaseState) => Reply): Reply {
    const r = this.state.releases.get(Number(req.matched.params['release_id']));
    return r && r.repo === repoKey(repo.owner, repo.name) ? fn(r) : notFound();
  }

  #listReleases(repo: RepoState, req: RestRequest): Reply {
    const selfUrl = `${this.urls.api}/repos/${repo.owner}/${repo.name}/releases`;
    const { items, headers } = page(this.state.releasesOf(repo), req.query, selfUrl);
    return { status: 200, json: items.map((r) => this.#release(repo, r)), headers };
  }

  #createRelease(repo: RepoState, req: RestRequest): Reply {
    const body = JSON.parse(req.body.toString('utf8')) as Record<string, unknown>;
    const tag = String(body['tag_name']);
    // Drafts may share a tag (GitHub allows duplicate drafts); a published release owns its tag.
    if (this.state.releasesOf(repo).some((r) => !r.draft && r.tag === tag)) {
      return invalid('Release', 'tag_name', 'already_exists');
    }
    const now = this.state.now();
    const r: ReleaseState = {
      id: this.state.nextId(),
      repo: repoKey(repo.owner, repo.name),
      tag,
      name: typeof body['name'] === 'string' ? body['name'] : null,
      body: typeof body['body'] === 'string' ? body['body'] : null,
      draft: body['draft'] === true,
      prerelease: body['prerelease'] === true,
      immutable: false,
      targetCommitish:
        typeof body['target_commitish'] === 'string' ? body['target_commitish'] : repo.defaultBranch,
      createdAt: now,
      publishedAt: null,
      updatedAt: now,
    };
    if (!r.draft) this.state.publish(r, repo);
    this.state.releases.set(r.id, r);
    return { status: 201, json: this.#release(repo, r) };
  }

  #updateRelease(repo: RepoState, r: ReleaseState, req: RestRequest): Reply {
    const body = (req.body.length > 0 ? JSON.parse(req.body.toString('utf8')) : {}) as Record<
      string,
      unknown
    >;
    if (this.state.isLocked(r)) {
      if (body['draft'] === true) return immutable('Cannot change an immutable release back to a draft.');
      if (typeof body['tag_name'] === 'string' && body['tag_name'] !== r.tag) {
        return immutable('Cannot change the tag of an immutable release.');
      }
    }
    if (typeof body['name'] === 'string') r.name = body['name'];
    if (typeof body['body'] === 'string') r.body = body['body'];
    if (typeof body['tag_name'] === 'string') r.tag = body['tag_name'];
    if (typeof body['prerelease'] === 'boolean') r.prerelease = body['prerelease'];
    if (body['draft'] === true) {
      r.draft = true;
      r.publishedAt = null;
    } else if (body['draft'] === false && r.draft) {
      if (this.state.releasesOf(repo).some((x) => x.id !== r.id && !x.draft && x.tag === r.tag)) {
        return invalid('Release', 'tag_name', 'already_exists');
      }
      this.state.publish(r, repo);
    }
    r.updatedAt = this.state.now();
    return { status: 200, json: this.#release(repo, r) };
  }

  #assetOf(repo: RepoState, req: RestRequest): { r: ReleaseState; id: number } | undefined {
    const id = Number(req.matched.params['asset_id']);
    const a = this.state.assets.get(id);
    const r = a && this.state.releases.get(a.releaseId);
    return r && r.repo === repoKey(repo.owner, repo.name) ? { r, id } : undefined;
  }

  #getAsset(repo: RepoState, req: RestRequest): Reply {
    const found = this.#assetOf(repo, req);
    if (!found) return notFound();
    const a = this.state.assets.get(found.id)!;
    const accept = String(req.headers['accept'] ?? '');
    if (accept.includes('application/octet-stream')) {
      const token = Math.random().toString(36).slice(2);
      this.downloads.set(token, a.id);
      const location = `${this.urls.objects}/downloads/${token}/${encodeURIComponent(a.name)}`;
      return { status: 302, headers: { location } };
    }
    return { status: 200, json: render.asset(this.urls, repo, found.r, a) };
  }

  #updateAsset(repo: RepoState, req: RestRequest): Reply {
    const found = this.#assetOf(repo, req);
    if (!found) return notFound();
    if (this.state.isLocked(found.r)) return immutable('Cannot modify assets of an immutable release.');
    const a = this.state.assets.get(found.id)!;
    const body = (req.body.length > 0 ? JSON.parse(req.body.toString('utf8')) : {}) as Record<
      string,
      unknown
    >;
    const name = body['name'];
    if (typeof name === 'string' && name !== a.name) {
      if (this.state.assetsOf(found.r.id).some((x) => x.name === name)) {
        return invalid('ReleaseAsset', 'name', 'already_exists');
      }
      a.name = name;
    }
    if (typeof body['label'] === 'string') a.label = body['label'];
    a.updatedAt = this.state.now();
    return { status: 200, json: render.asset(this.urls, repo, found.r, a) };
  }

  #deleteAsset(repo: RepoState, req: RestRequest): Reply {
    const found = this.#assetOf(repo, req);
    if (!found) return notFound();
    if (this.state.isLocked(found.r)) return immutable('Cannot delete assets of an immutable release.');
    this.state.assets.delete(found.id);
    return { status: 204 };
  }

  #upload(repo: RepoState, r: ReleaseState, req: RestRequest): Reply {
    if (this.state.isLocked(r)) return immutable('Cannot upload assets to an immutable release.');
    const name = req.query.get('name') ?? '';
    const contentType = req.headers['content-type'];
    if (typeof contentType !== 'string' || contentType === '') {
      return invalid('ReleaseAsset', 'content_type', 'missing_field');
    }
    if (this.state.assetsOf(r.id).some((a) => a.name === name)) {
      return invalid('ReleaseAsset', 'name', 'already_exists');
    }
    // GitHub's limit of assets on one release.
    if (this.state.assetsOf(r.id).length >= this.maxAssets) {
      return invalid('ReleaseAsset', 'name', 'custom', `a release can have at most ${this.maxAssets} assets`);
    }
    const now = this.state.now();
    const a = {
      id: this.state.nextId(),
      releaseId: r.id,
      name,
      label: req.query.get('label'),
      contentType,
      bytes: req.body,
      createdAt: now,
      updatedAt: now,
      downloadCount: 0,
    };
    this.state.assets.set(a.id, a);
    return { status: 201, json: render.asset(this.urls, repo, r, a) };
  }

  #createAttestation(repo: RepoState, req: RestRequest): Reply {
    if (this.permissions.attestations !== 'write') return forbidden();
    const { bundle } = JSON.parse(req.body.toString('utf8')) as { bundle: Record<string, unknown> };
    const digests = statementDigests(bundle);
    if (!digests) return invalid('Attestation', 'bundle', 'invalid', 'the bundle holds no in-toto statement');
    const id = this.state.nextId();
    this.state.attestations.set(id, {
      id,
      repo: repoKey(repo.owner, repo.name),
      bundle,
      subjectDigests: digests,
    });
    return { status: 201, json: { id } };
  }

  #listAttestations(repo: RepoState, req: RestRequest): Reply {
    const digest = String(req.matched.params['subject_digest']);
    const key = repoKey(repo.owner, repo.name);
    const found = [...this.state.attestations.values()].filter(
      (a) => a.repo === key && a.subjectDigests.includes(digest),
    );
    // GitHub answers 404 when nothing is attested for the digest; `gh attestation verify` relies on it.
    if (found.length === 0) return notFound();
    return {
      status: 200,
      json: {
        attestations: found.map((a) => ({
          bundle: a.bundle,
          repository_id: repo.id,
          bundle_url: `${this.urls.objects}/attestations/${a.id}.json`,
        })),
      },
    };
  }
}

/** The `sha256:<hex>` subject digests of the DSSE statement a bundle signs, or undefined if there is none. */
function statementDigests(bundle: Record<string, unknown>): string[] | undefined {
  const envelope = bundle['dsseEnvelope'] as { payload?: unknown; payloadType?: unknown } | undefined;
  if (
    !envelope ||
    typeof envelope.payload !== 'string' ||
    envelope.payloadType !== 'application/vnd.in-toto+json'
  ) {
    return undefined;
  }
  try {
    const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as {
      subject?: { digest?: Record<string, string> }[];
    };
    const digests = (statement.subject ?? []).flatMap((s) =>
      s.digest?.['sha256'] ? [`sha256:${s.digest['sha256']}`] : [],
    );
    return digests.length > 0 ? digests : undefined;
  } catch {
    return undefined;
  }
}
