/** What the composition roots load of the GitHub adapters up front: the client; the rest is imported where used. */
export {
  createGitHubClient,
  type GitHubClient,
  type GitHubClientOptions,
  type GitHubLog,
} from './octokit.js';
export type { RepoRef } from './types.js';
