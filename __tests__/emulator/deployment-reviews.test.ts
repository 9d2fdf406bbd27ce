/**
 * The emulator's review history of a run's deployments (GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals),
 * which the approve action reads for the reviewers of its environment: answered in GitHub's shape, held to the
 * OpenAPI description like every other endpoint, and refused to a token without `actions: read`.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { getOctokit } from '@actions/github';
import { startGitHubEmulator, type GitHubEmulator } from '../../test-support/github-emulator/index.js';

let em: GitHubEmulator;
beforeEach(async () => {
  em = await startGitHubEmulator({ repository: 'acme/widget' });
});
afterEach(async () => {
  await em.stop();
});
const gh = () => getOctokit(em.token, { baseUrl: em.apiUrl });
const reviews = () => gh().rest.actions.getReviewsForRun({ owner: 'acme', repo: 'widget', run_id: 42 });

describe('deployment reviews of a workflow run', () => {
  it("lists each review with the environments it reviewed and the reviewer, as GitHub's description says", async () => {
    em.addDeploymentReview('acme/widget', 42, {
      environment: 'release',
      reviewer: 'maintainer',
      comment: 'ship it',
    });
    em.addDeploymentReview('acme/widget', 42, { environment: 'docs', reviewer: 'writer', state: 'rejected' });
    em.addDeploymentReview('acme/widget', 7, { environment: 'release', reviewer: 'other-run' });
    const { data } = await reviews();
    expect(data.map((r) => [r.environments.map((e) => e.name), r.user.login, r.state, r.comment])).toEqual([
      [['release'], 'maintainer', 'approved', 'ship it'],
      [['docs'], 'writer', 'rejected', ''],
    ]);
    expect(
      (await gh().rest.actions.getReviewsForRun({ owner: 'acme', repo: 'widget', run_id: 9 })).data,
    ).toEqual([]);
    expect(em.violations).toEqual([]);
  });

  it('refuses a token without actions: read', async () => {
    em.permissions.actions = 'none';
    await expect(reviews()).rejects.toMatchObject({ status: 403 });
    expect(em.violations).toEqual([]);
  });

  it('records a violation when its own answer drifts from the description', async () => {
    em.addDeploymentReview('acme/widget', 42, { environment: 'release', reviewer: 'maintainer' });
    em.faults.corruptNextResponse('actions/get-reviews-for-run', (body) =>
      (body as Record<string, unknown>[]).map((r) => ({ ...r, state: 'waved-through' })),
    );
    await expect(reviews()).rejects.toMatchObject({ status: 500 });
    expect(em.violations[0]).toMatchObject({
      direction: 'response',
      operationId: 'actions/get-reviews-for-run',
    });
    expect(em.violations[0]?.errors.join()).toMatch(/state must be equal to one of the allowed values/);
  });
});
