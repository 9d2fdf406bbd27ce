import { readEventPayload } from '../adapters/actions/event.js';
import { type BuildContext, contextFromEnv } from '../core/build-context.js';
import { withRunFacts } from '../app/build-statement.js';

export async function buildContextForCli(env: NodeJS.ProcessEnv): Promise<BuildContext> {
  const event = await readEventPayload(env.GITHUB_EVENT_PATH);
  return contextFromEnv(env, event, withRunFacts({}));
}
