import { readFile } from 'node:fs/promises';

/** The webhook payload of the run (`GITHUB_EVENT_PATH`); absent or unreadable means no payload, not a failure. */
export async function readEventPayload(
  eventPath: string | undefined,
): Promise<Record<string, unknown> | undefined> {
  if (!eventPath) return undefined;
  try {
    const parsed: unknown = JSON.parse(await readFile(eventPath, 'utf8'));
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
