/**
 * Uploads bundles as a workflow artifact with `@actions/artifact` (the results service, then blob storage).
 * This is the copy that survives when the release or the attestation store refuse the bundle, so its errors
 * name the usual causes: no runtime token outside Actions, GHES, a name already used in the run.
 */
import { DefaultArtifactClient } from '@actions/artifact';
import { ProvenantError, quote } from '../../core/errors.js';
import { secrets } from '../../core/redact.js';
import type { UploadedArtifact } from '../../app/ports.js';

export interface ArtifactUploadOptions {
  /** Files to upload, all under rootDirectory. */
  files: string[];
  rootDirectory: string;
  retentionDays?: number;
}

export async function uploadWorkflowArtifact(
  name: string,
  options: ArtifactUploadOptions,
): Promise<UploadedArtifact> {
  secrets.add(process.env['ACTIONS_RUNTIME_TOKEN']);
  try {
    const result = await new DefaultArtifactClient().uploadArtifact(
      name,
      options.files,
      options.rootDirectory,
      {
        ...(options.retentionDays ? { retentionDays: options.retentionDays } : {}),
      },
    );
    if (result.id === undefined) throw new Error('the results service returned no artifact id');
    return { id: result.id, name, size: result.size ?? 0, digest: result.digest };
  } catch (e) {
    const message = secrets.redact(e instanceof Error ? e.message : String(e));
    const fix = /\(409\)|already exists/i.test(message)
      ? 'choose an artifact name unique in this run (add the matrix values to it)'
      : /ACTIONS_RUNTIME_TOKEN|ACTIONS_RESULTS_URL/.test(message)
        ? 'run inside GitHub Actions, or turn upload-artifact off'
        : /GHES/i.test(message)
          ? 'GitHub Enterprise Server does not support @actions/artifact v2+: turn upload-artifact off'
          : 'rerun the job; the bundle on disk is intact';
    throw new ProvenantError(
      'UPLOAD_FAILED',
      `expected to upload workflow artifact ${quote(name)}, got "${message}"; fix: ${fix}`,
      {
        cause: e,
      },
    );
  }
}
