/**
 * The REST endpoints that workflows (not the action) call through `gh api`: a run's workflow artifacts with the
 * digests the results service recorded (the emulator has one workflow run, so every run id lists the same ones), and
 * git references, enough to move a tag; and the review history of a run's deployments (who approved its jobs'
 * environments), which the approve action reads. Answers follow GitHub's shapes; the OpenAPI check in index.ts holds them to it.
 */
import type { RestRequest, Reply } from './rest.js';
import type { Urls } from './render.js';
import { user } from './render.js';
import type { EmulatorState, RepoState } from './state.js';
import { repoKey } from './state.js';

const DOCS = 'https://docs.github.com/rest';
const fail = (status: number, message: string): Reply => ({
  status,
  json: { message, documentation_url: DOCS, status: String(status) },
});

export function listRunArtifacts(state: EmulatorState, urls: Urls, repo: RepoState, req: RestRequest): Reply {
  const full = `${repo.owner}/${repo.name}`;
  const runId = Number(req.matched.params['run_id']);
  const name = req.query.get('name');
  const artifacts = [...state.artifacts.values()]
    .filter((a) => a.finalized && (name === null || a.name === name))
    .map((a) => ({
      id: a.id,
      node_id: `MDg6QXJ0aWZhY3Q${a.id}`,
      name: a.name,
      size_in_bytes: a.size,
      url: `${urls.api}/repos/${full}/actions/artifacts/${a.id}`,
      archive_download_url: `${urls.api}/repos/${full}/actions/artifacts/${a.id}/zip`,
      expired: false,
      created_at: a.createdAt,
      expires_at: new Date(Date.parse(a.createdAt) + 90 * 86_400_000).toISOString(),
      updated_at: a.createdAt,
      digest: a.hash,
      workflow_run: { id: runId, repository_id: repo.id, head_repository_id: repo.id },
    }));
  return { status: 200, json: { total_count: artifacts.length, artifacts } };
}

function gitRef(urls: Urls, repo: RepoState, ref: string, sha: string): Record<string, unknown> {
  const api = `${urls.api}/repos/${repo.owner}/${repo.name}`;
  return {
    ref,
    node_id: `REF_${Buffer.from(ref).toString('base64url')}`,
    url: `${api}/git/${ref}`,
    object: { type: 'commit', sha, url: `${api}/git/commits/${sha}` },
  };
}

/** get-ref, create-ref and update-ref over the emulator's references (`refs/tags/v1`, `refs/heads/main`). */
export function gitRefs(state: EmulatorState, urls: Urls, repo: RepoState, req: RestRequest): Reply {
  const key = (ref: string) => `${repoKey(repo.owner, repo.name)} ${ref}`;
  const body = () => JSON.parse(req.body.toString('utf8') || '{}') as Record<string, unknown>;
  const named = `refs/${String(req.matched.params['ref'] ?? '')}`;
  switch (req.matched.operationId) {
    case 'git/get-ref': {
      const sha = state.refs.get(key(named));
      return sha ? { status: 200, json: gitRef(urls, repo, named, sha) } : fail(404, 'Not Found');
    }
    case 'git/create-ref': {
      const { ref, sha } = body() as { ref: string; sha: string };
      if (state.refs.has(key(ref))) return fail(422, 'Reference already exists');
      state.refs.set(key(ref), sha);
      return { status: 201, json: gitRef(urls, repo, ref, sha) };
    }
    default: {
      const { sha } = body() as { sha: string };
      if (!state.refs.has(key(named))) return fail(422, 'Reference does not exist');
      state.refs.set(key(named), sha);
      return { status: 200, json: gitRef(urls, repo, named, sha) };
    }
  }
}

/** actions/get-reviews-for-run: the reviews of the run's deployments, each naming the environments it reviewed. */
export function runReviews(state: EmulatorState, urls: Urls, repo: RepoState, req: RestRequest): Reply {
  const key = `${repoKey(repo.owner, repo.name)} ${String(req.matched.params['run_id'])}`;
  const html = `${urls.server}/${repo.owner}/${repo.name}`;
  const reviews = (state.reviews.get(key) ?? []).map((r) => ({
    environments: [
      {
        id: r.environmentId,
        node_id: `EN_${r.environmentId}`,
        name: r.environment,
        url: `${urls.api}/repos/${repo.owner}/${repo.name}/environments/${encodeURIComponent(r.environment)}`,
        html_url: `${html}/deployments/activity_log?environments_filter=${encodeURIComponent(r.environment)}`,
        created_at: r.at,
        updated_at: r.at,
      },
    ],
    state: r.state,
    user: user(urls, r.login, r.userId),
    comment: r.comment,
  }));
  return { status: 200, json: reviews };
}
