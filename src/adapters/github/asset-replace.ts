/**
 * Replacing a release asset (overwrite) so that a complete copy is on the release at every moment and no temporary
 * asset outlives the replacement: upload the new bytes under a temporary name, delete the old asset, rename the new
 * one. Two jobs replacing the same name at once race at the delete (one finds the old asset already gone) and at the
 * rename (one finds the name taken): the loser removes its temporary asset and reports what is really on the release.
 * (Deleting first would lose the old asset whenever the upload then failed; renaming the old asset away first would
 * leave the user's file under a strange name on failure.)
 */
import { randomBytes } from 'node:crypto';
import { ProvenantError, quote } from '../../core/errors.js';
import type { AssetUpload, AttachOptions, AttachResult, ReleaseAsset } from '../../app/ports.js';
import { compareExisting } from './asset-compare.js';
import {
  assetNamed,
  deleteOwn,
  immutableReleaseError,
  isImmutableRefusal,
  uploadAs,
  type UploadTarget,
} from './asset-upload.js';
import { githubMessage, httpStatus, toProvenantError } from './errors.js';
import { toAsset } from './releases.js';

const leftAs = (removed: boolean, temporary: string): string =>
  removed ? 'our upload was removed' : `our upload is left on the release as ${quote(temporary)}`;

export async function replace(
  t: UploadTarget,
  existing: ReleaseAsset,
  upload: AssetUpload,
  ours: string,
  isDone: AttachOptions['isDone'],
): Promise<AttachResult> {
  const temporary = `${upload.name}.${randomBytes(4).toString('hex')}.replacing`;
  const fresh = await uploadAs(t, temporary, upload, ours);
  let oldGone = 'the old asset was deleted';
  try {
    await t.client.rest.repos.deleteReleaseAsset({ ...t.repo, asset_id: existing.id });
  } catch (e) {
    // Gone already: someone else (another job replacing it too) removed it; the rename below settles who wins.
    if (httpStatus(e) === 404) oldGone = 'the old asset had been deleted by someone else';
    else {
      const removed = await deleteOwn(t.client, t.repo, fresh.id);
      if (isImmutableRefusal(e)) throw immutableReleaseError(t.release, upload.name, e);
      throw toProvenantError(e, {
        doing: `delete the old asset ${quote(existing.name)} to replace it (it is untouched; ${leftAs(removed, temporary)})`,
        permission: 'contents',
        code: 'UPLOAD_FAILED',
      });
    }
  }
  try {
    const { data } = await t.client.rest.repos.updateReleaseAsset({
      ...t.repo,
      asset_id: fresh.id,
      name: upload.name,
    });
    return { action: 'replaced', asset: toAsset(data) };
  } catch (e) {
    if (httpStatus(e) === 422) return lostTheName(t, upload, fresh, temporary, isDone);
    throw new ProvenantError(
      'UPLOAD_FAILED',
      `expected to rename the replacement asset ${quote(temporary)} to ${quote(upload.name)}, got ` +
        `HTTP ${httpStatus(e) ?? '-'} "${githubMessage(e)}"; ${oldGone} and the new bytes are on the release as ` +
        `${quote(temporary)}; fix: rename that asset to ${quote(upload.name)} on the release page`,
      { cause: e },
    );
  }
}

/** Another job put an asset under the name first: remove ours, and accept theirs only if it does our job too. */
async function lostTheName(
  t: UploadTarget,
  upload: AssetUpload,
  fresh: ReleaseAsset,
  temporary: string,
  isDone: AttachOptions['isDone'],
): Promise<AttachResult> {
  const removed = await deleteOwn(t.client, t.repo, fresh.id);
  const now = await assetNamed(t.client, t.repo, t.release, upload.name).catch(() => undefined);
  const found = now ? await compareExisting(t.client, t.repo, now, upload.data, isDone) : 'gone';
  if (now && found === 'same') return { action: 'skipped', asset: now };
  if (now && found === 'done') return { action: 'kept', asset: now };
  const held =
    now && found !== 'gone'
      ? `its asset of ${now.size} bytes${now.sha256 ? ` (sha256 ${now.sha256})` : ''}`
      : 'an asset we could not read';
  throw new ProvenantError(
    'ASSET_CONFLICT',
    `expected to replace ${quote(upload.name)} on release ${quote(t.release.tag)}, got another job replacing it at ` +
      `the same time: the name now holds ${held}` +
      `, not ours; ${leftAs(removed, temporary)}; fix: give each job its own bundle-name`,
  );
}
