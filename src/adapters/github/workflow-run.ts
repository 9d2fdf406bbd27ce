import type { GitHubClient } from './octokit.js';
import type { RepoRef } from './types.js';

/**
 * When the workflow run started (`run_started_at`), for the provenance's `startedOn`: the runner exports no such
 * variable. Optional by nature: a token without `actions: read` or an API hiccup leaves the field out, never fails
 * the step.
 */
export async function runStartedAt(
  client: GitHubClient,
  repo: RepoRef,
  runId: string,
  debug: (message: string) => void,
): Promise<string | undefined> {
  if (!/^\d+$/.test(runId)) return undefined;
  try {
    const { data } = await client.rest.actions.getWorkflowRun({
      ...repo,
      run_id: Number(runId),
      request: { retries: 0 },
    });
    const started = data.run_started_at ?? data.created_at;
    return started && !Number.isNaN(Date.parse(started)) ? new Date(started).toISOString() : undefined;
  } catch (e) {
    debug(
      `run start time unavailable (${e instanceof Error ? e.message : String(e)}); startedOn is left out`,
    );
    return undefined;
  }
}
