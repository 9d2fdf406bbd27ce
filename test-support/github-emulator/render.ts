/**
 * Renders the emulator's state as GitHub's REST API does. Every field the OpenAPI description requires is
 * present, so the response validation checks the emulator as much as it checks clients.
 */
import type { AssetState, ReleaseState, RepoState } from './state.js';
import { sha256 } from './state.js';

export interface Urls {
  api: string;
  uploads: string;
  /** Where downloads redirect to (GitHub: objects.githubusercontent.com); also holds workflow artifact blobs. */
  objects: string;
  /** GITHUB_SERVER_URL as the runner sees it (stays https://github.com: @actions/artifact refuses GHES). */
  server: string;
}

export function user(urls: Urls, login: string, id: number, type = 'User'): Record<string, unknown> {
  const api = `${urls.api}/users/${login}`;
  return {
    login,
    id,
    node_id: `U_${id}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `${urls.server}/${login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type,
    site_admin: false,
  };
}

/** The identity uploads are attributed to (the Actions bot, as for GITHUB_TOKEN). */
export const botUser = (urls: Urls): Record<string, unknown> =>
  user(urls, 'github-actions[bot]', 41898282, 'Bot');

export function repository(
  urls: Urls,
  repo: RepoState,
  reportedVisibility = repo.visibility,
): Record<string, unknown> {
  const full = `${repo.owner}/${repo.name}`;
  const api = `${urls.api}/repos/${full}`;
  const html = `${urls.server}/${full}`;
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const templated = (name: string, suffix: string): [string, string] => [`${name}_url`, `${api}/${suffix}`];
  return {
    id: repo.id,
    node_id: `R_${repo.id}`,
    name: repo.name,
    full_name: full,
    owner: user(urls, repo.owner, repo.ownerId, 'Organization'),
    private: reportedVisibility !== 'public',
    visibility: reportedVisibility,
    html_url: html,
    description: null,
    fork: false,
    url: api,
    ...Object.fromEntries([
      templated('archive', '{archive_format}{/ref}'),
      templated('assignees', 'assignees{/user}'),
      templated('blobs', 'git/blobs{/sha}'),
      templated('branches', 'branches{/branch}'),
      templated('collaborators', 'collaborators{/collaborator}'),
      templated('comments', 'comments{/number}'),
      templated('commits', 'commits{/sha}'),
      templated('compare', 'compare/{base}...{head}'),
      templated('contents', 'contents/{+path}'),
      templated('contributors', 'contributors'),
      templated('deployments', 'deployments'),
      templated('downloads', 'downloads'),
      templated('events', 'events'),
      templated('forks', 'forks'),
      templated('git_commits', 'git/commits{/sha}'),
      templated('git_refs', 'git/refs{/sha}'),
      templated('git_tags', 'git/tags{/sha}'),
      templated('hooks', 'hooks'),
      templated('issue_comment', 'issues/comments{/number}'),
      templated('issue_events', 'issues/events{/number}'),
      templated('issues', 'issues{/number}'),
      templated('keys', 'keys{/key_id}'),
      templated('labels', 'labels{/name}'),
      templated('languages', 'languages'),
      templated('merges', 'merges'),
      templated('milestones', 'milestones{/number}'),
      templated('notifications', 'notifications{?since,all,participating}'),
      templated('pulls', 'pulls{/number}'),
      templated('releases', 'releases{/id}'),
      templated('stargazers', 'stargazers'),
      templated('statuses', 'statuses/{sha}'),
      templated('subscribers', 'subscribers'),
      templated('subscription', 'subscription'),
      templated('tags', 'tags'),
      templated('teams', 'teams'),
      templated('trees', 'git/trees{/sha}'),
    ]),
    git_url: `git://github.com/${full}.git`,
    ssh_url: `git@github.com:${full}.git`,
    clone_url: `${html}.git`,
    svn_url: html,
    mirror_url: null,
    homepage: null,
    language: 'TypeScript',
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 1,
    default_branch: repo.defaultBranch,
    open_issues_count: 0,
    open_issues: 0,
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_discussions: false,
    archived: false,
    disabled: false,
    license: null,
    pushed_at: now,
    created_at: now,
    updated_at: now,
    network_count: 0,
    subscribers_count: 0,
  };
}

export function asset(
  urls: Urls,
  repo: RepoState,
  release: ReleaseState,
  a: AssetState,
): Record<string, unknown> {
  const full = `${repo.owner}/${repo.name}`;
  return {
    url: `${urls.api}/repos/${full}/releases/assets/${a.id}`,
    browser_download_url: `${urls.objects}/${full}/releases/download/${encodeURIComponent(release.tag)}/${encodeURIComponent(a.name)}`,
    id: a.id,
    node_id: `RA_${a.id}`,
    name: a.name,
    label: a.label,
    state: a.state ?? 'uploaded',
    content_type: a.contentType,
    size: a.bytes.length,
    digest: `sha256:${sha256(a.bytes)}`,
    download_count: a.downloadCount,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
    uploader: botUser(urls),
  };
}

export function release(
  urls: Urls,
  repo: RepoState,
  r: ReleaseState,
  assets: AssetState[],
): Record<string, unknown> {
  const full = `${repo.owner}/${repo.name}`;
  const api = `${urls.api}/repos/${full}/releases/${r.id}`;
  return {
    url: api,
    html_url: `${urls.server}/${full}/releases/tag/${encodeURIComponent(r.tag)}`,
    assets_url: `${api}/assets`,
    upload_url: `${urls.uploads}/repos/${full}/releases/${r.id}/assets{?name,label}`,
    tarball_url: r.draft ? null : `${urls.api}/repos/${full}/tarball/${encodeURIComponent(r.tag)}`,
    zipball_url: r.draft ? null : `${urls.api}/repos/${full}/zipball/${encodeURIComponent(r.tag)}`,
    id: r.id,
    node_id: `RE_${r.id}`,
    tag_name: r.tag,
    target_commitish: r.targetCommitish,
    name: r.name,
    body: r.body,
    draft: r.draft,
    prerelease: r.prerelease,
    immutable: r.immutable,
    created_at: r.createdAt,
    published_at: r.publishedAt,
    updated_at: r.updatedAt,
    author: botUser(urls),
    assets: assets.map((a) => asset(urls, repo, r, a)),
  };
}

/** A workflow run (`actions/get-workflow-run`), with the fields Provenant reads filled in faithfully. */
export function workflowRun(
  urls: Urls,
  repo: RepoState,
  runId: number,
  startedAt: string,
): Record<string, unknown> {
  const full = `${repo.owner}/${repo.name}`;
  const api = `${urls.api}/repos/${full}/actions/runs/${runId}`;
  return {
    id: runId,
    name: 'Release',
    node_id: `WFR_${runId}`,
    head_branch: 'main',
    head_sha: '5f7b2e1c9a3d4b6e8f0a1c2e3d4f5a6b7c8d9e0f',
    path: '.github/workflows/release.yml',
    display_title: 'Release',
    run_number: 42,
    run_attempt: 1,
    event: 'push',
    status: 'in_progress',
    conclusion: null,
    workflow_id: 161335,
    url: api,
    html_url: `${urls.server}/${full}/actions/runs/${runId}`,
    pull_requests: [],
    created_at: startedAt,
    updated_at: startedAt,
    run_started_at: startedAt,
    jobs_url: `${api}/jobs`,
    logs_url: `${api}/logs`,
    check_suite_url: `${urls.api}/repos/${full}/check-suites/${runId}`,
    artifacts_url: `${api}/artifacts`,
    cancel_url: `${api}/cancel`,
    rerun_url: `${api}/rerun`,
    workflow_url: `${urls.api}/repos/${full}/actions/workflows/161335`,
    head_commit: null,
    repository: repository(urls, repo),
    head_repository: repository(urls, repo),
  };
}
