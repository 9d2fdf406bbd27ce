/**
 * Uploads bundles as a workflow artifact with `@actions/artifact` (the results service, then blob storage).
 * This is the copy that survives when the release or the attestation store refuse the bundle, so its errors
 * name the usual causes: no runtime token outside Actions, GHES, a name already used in the run.
 *
 * The library sets no deadline on the results service, gives up at once on a reset, and waits for ever on an answer
 * cut short. Here every request it makes has a deadline (http-watch.ts; a stalled blob upload, through the
 * library's own stall timer), and an attempt that failed for a transient reason is tried again. A retry may find
 * the name taken by the attempt before it (its answer lost after the service acted): a finished artifact of that
 * name is that attempt's; an unfinished one holds the name, so the retry goes under `<name>-2`, and says so.
 */
import { DefaultArtifactClient } from '@actions/artifact';
import type { ClientRequest } from 'node:http';
import { ProvenantError, quote } from '../../core/errors.js';
import { secrets } from '../../core/redact.js';
import type { Logger, UploadedArtifact } from '../../app/ports.js';
import { HttpWatch } from './http-watch.js';

export interface ArtifactUploadOptions {
  /** Files to upload, all under rootDirectory. */
  files: string[];
  rootDirectory: string;
  retentionDays?: number;
  /** Deadline of each request to the results service and blob storage (default 30 s). */
  requestTimeoutMs?: number;
  /** Attempts of the whole upload (default 3). */
  attempts?: number;
  log?: Logger;
}

const TWIRP = '/twirp/';
const TRANSIENT =
  /NetworkError|Unable to make request|stalled|ECONNRESET|ETIMEDOUT|socket hang up|cut short|deadline|terminated|aborted|RestError|Too Many Requests|ServerBusy|\b(429|50[0-4])\b/i;
const CONFLICT = /\(409\)|already exists/i;

/** The library's message, first line only (it adds a paragraph about self-hosted runners to every network error). */
const messageOf = (e: unknown): string =>
  secrets.redact((e instanceof Error ? e.message : String(e)).split('\n')[0]!.trim());

async function attempt(name: string, options: ArtifactUploadOptions): Promise<UploadedArtifact> {
  const deadlineMs = options.requestTimeoutMs ?? 30_000;
  // The library's stall timer on blob uploads defaults to 5 minutes: a stalled upload counts at our deadline.
  process.env['ACTIONS_ARTIFACT_UPLOAD_TIMEOUT_MS'] = String(deadlineMs);
  const watch = new HttpWatch({
    deadlineMs,
    hangsOnCutShort: (request: ClientRequest) => request.path.startsWith(TWIRP),
  });
  watch.start();
  try {
    const upload = new DefaultArtifactClient().uploadArtifact(name, options.files, options.rootDirectory, {
      ...(options.retentionDays ? { retentionDays: options.retentionDays } : {}),
    });
    // When the watch fails first the library's promise may settle later, or never: it must not count as unhandled.
    upload.catch(() => undefined);
    const result = await Promise.race([upload, watch.failed]);
    if (result.id === undefined) throw new Error('the results service returned no artifact id');
    return { id: result.id, name, size: result.size ?? 0, digest: result.digest };
  } finally {
    watch.stop();
  }
}

/** A finished artifact of this name in the run, created since `since`, as the results service lists it. */
async function finished(name: string, since: number): Promise<UploadedArtifact | undefined> {
  try {
    const { artifact } = await new DefaultArtifactClient().getArtifact(name);
    // One finished before this upload began is someone else's.
    if (artifact.createdAt && artifact.createdAt.getTime() < since - 1000) return undefined;
    return { id: artifact.id, name, size: artifact.size, digest: artifact.digest };
  } catch {
    return undefined;
  }
}

export async function uploadWorkflowArtifact(
  name: string,
  options: ArtifactUploadOptions,
): Promise<UploadedArtifact> {
  secrets.add(process.env['ACTIONS_RUNTIME_TOKEN']);
  const attempts = options.attempts ?? 3;
  const since = Date.now();
  let current = name;
  for (let n = 1; ; n++) {
    try {
      return await attempt(current, options);
    } catch (e) {
      const message = messageOf(e);
      // The library retries a failing answer itself (5 attempts over some 25 s): once it gave up, so do we.
      const exhausted = /after \d+ attempts/i.test(message);
      const retrying =
        n < attempts && !exhausted && (TRANSIENT.test(message) || (n > 1 && CONFLICT.test(message)));
      if (!retrying) throw artifactError(current, message, e, n);
      if (CONFLICT.test(message)) {
        // The attempt before this one acted although its answer was lost.
        const done = await finished(current, since);
        if (done) return done;
        current = `${name}-${n}`;
        options.log?.warn(
          `workflow artifact ${quote(name)}: an earlier attempt left an unfinished artifact holding the name; uploading as ${quote(current)}`,
        );
      } else {
        options.log?.warn(
          `workflow artifact ${quote(current)}: ${message}; trying again (attempt ${n + 1} of ${attempts})`,
        );
      }
    }
  }
}

function artifactError(name: string, message: string, cause: unknown, attempts: number): ProvenantError {
  const fix = CONFLICT.test(message)
    ? 'choose an artifact name unique in this run (the default is unique per job)'
    : /ACTIONS_RUNTIME_TOKEN|ACTIONS_RESULTS_URL/.test(message)
      ? 'run inside GitHub Actions, or turn upload-artifact off'
      : /GHES/i.test(message)
        ? 'GitHub Enterprise Server does not support @actions/artifact v2+: turn upload-artifact off'
        : 'rerun the job; the bundles on disk are intact';
  return new ProvenantError(
    TRANSIENT.test(message) ? 'SERVICE_UNAVAILABLE' : 'UPLOAD_FAILED',
    `expected the Actions results service (${resultsOrigin()}) and its blob storage to take workflow artifact ` +
      `${quote(name)}, got "${message}" after ${attempts} attempt${attempts === 1 ? '' : 's'}; fix: ${fix}`,
    { cause },
  );
}

function resultsOrigin(): string {
  try {
    return new URL(process.env['ACTIONS_RESULTS_URL'] ?? '').origin;
  } catch {
    return 'ACTIONS_RESULTS_URL unset';
  }
}
