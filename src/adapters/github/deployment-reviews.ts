import type { Reviewer } from '../../core/approval/predicate.js';
import type { GitHubClient } from './octokit.js';
import type { RepoRef } from './types.js';

/**
 * Who reviewed the deployment of this run's job to its environment, as GitHub's API reports it (the review history of
 * the run). Recorded in an approval as an unverified claim: the certificate cannot say which human approved. A token
 * without `actions: read`, or an API failure, leaves the reviewers out and says why; it never fails the approval.
 */
export async function deploymentReviewers(
  client: GitHubClient,
  repo: RepoRef,
  runId: string | undefined,
  environment: string | undefined,
  warn: (message: string) => void,
): Promise<{ list: Reviewer[]; source: string } | undefined> {
  if (!runId || !/^\d+$/.test(runId) || !environment) return undefined;
  const source = `${repo.owner}/${repo.repo} actions run ${runId}: GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals`;
  try {
    const { data } = await client.rest.actions.getReviewsForRun({ ...repo, run_id: Number(runId) });
    const list = data
      .filter((r) => r.environments.some((e) => e.name === environment))
      .map((r) => ({ login: r.user.login, state: r.state, comment: r.comment }));
    return { list, source };
  } catch (e) {
    warn(
      `the deployment's reviewers could not be read (${e instanceof Error ? e.message : String(e)}); the approval records none. ` +
        'Give the job `actions: read` to record them.',
    );
    return undefined;
  }
}
