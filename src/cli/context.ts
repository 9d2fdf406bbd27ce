import { readEventPayload } from '../adapters/actions/event.js';
import { type BuildContext, contextFromEnv } from '../core/build-context.js';
import { PROVENANT_VERSION } from '../version.js';

export async function buildContextForCli(env: NodeJS.ProcessEnv): Promise<BuildContext> {
  const event = await readEventPayload(env.GITHUB_EVENT_PATH);
  return contextFromEnv(env, event, {
    finishedOn: new Date().toISOString(),
    tools: { provenant: PROVENANT_VERSION, node: process.versions.node },
  });
}
