/**
 * Streams a release asset to disk while hashing it (re-signing existing releases can mean large files), and
 * refuses asset names that could escape the download directory. GitHub answers the download with a redirect
 * to another host; fetch follows it and drops the Authorization header on the way, as it must.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { isProvenantError, ProvenantError, quote } from '../../core/errors.js';
import { trackTemporaryFile } from '../fs/temp-files.js';
import { httpStatus, toProvenantError } from './errors.js';
import type { GitHubClient } from './octokit.js';
import type { ReleaseAsset } from '../../app/ports.js';
import type { RepoRef } from './types.js';

/** Why an asset name is unsafe as a file name, or undefined when it is fine. */
export function assetNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'it is empty';
  if (/[/\\]/.test(name)) return 'it contains a path separator';
  if (name === '.' || name === '..' || name.includes('..')) return 'it contains ".."';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(name)) return 'it contains control characters';
  if (/^[A-Za-z]:/.test(name)) return 'it starts like a drive letter';
  return undefined;
}

export function assertSafeAssetName(name: string): void {
  const problem = assetNameProblem(name);
  if (problem) {
    throw new ProvenantError(
      'ASSET_NAME_INVALID',
      `expected a release asset name usable as a plain file name, got ${quote(name)} (${problem}); ` +
        'fix: rename the asset on the release, or leave it out of subject-release-assets',
    );
  }
}

export interface DownloadedAsset {
  path: string;
  sha256: string;
  size: number;
}

async function openStream(client: GitHubClient, repo: RepoRef, asset: ReleaseAsset): Promise<Readable> {
  try {
    const response = await client.request('GET /repos/{owner}/{repo}/releases/assets/{asset_id}', {
      ...repo,
      asset_id: asset.id,
      headers: { accept: 'application/octet-stream' },
      request: { parseSuccessResponseBody: false },
    });
    return Readable.fromWeb(response.data as unknown as WebReadableStream<Uint8Array>);
  } catch (e) {
    throw toProvenantError(e, {
      doing: `download release asset ${quote(asset.name)}`,
      permission: 'contents',
      code: httpStatus(e) === 404 ? 'RELEASE_NOT_FOUND' : 'ASSET_DOWNLOAD_FAILED',
    });
  }
}

/** Streams `bytes` through a sha256 and a byte counter without holding the asset in memory. */
function hasher(): { transform: Transform; result: () => { sha256: string; size: number } } {
  const hash = createHash('sha256');
  let size = 0;
  const transform = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  return { transform, result: () => ({ sha256: hash.digest('hex'), size }) };
}

function checkAgainstListing(asset: ReleaseAsset, got: { sha256: string; size: number }): void {
  if (got.size !== asset.size || (asset.sha256 !== undefined && asset.sha256 !== got.sha256)) {
    throw new ProvenantError(
      'ASSET_DOWNLOAD_FAILED',
      `expected asset ${quote(asset.name)} to be ${asset.size} bytes${asset.sha256 ? ` with sha256 ${asset.sha256}` : ''}, ` +
        `got ${got.size} bytes with sha256 ${got.sha256}; fix: rerun the job (the download was cut short or changed)`,
    );
  }
}

/**
 * Downloads `asset` into `directory` under its own name, hashing on the fly. The file appears under its final
 * name only once complete and checked against the size (and digest) GitHub lists.
 */
export async function downloadAsset(
  client: GitHubClient,
  repo: RepoRef,
  asset: ReleaseAsset,
  directory: string,
): Promise<DownloadedAsset> {
  assertSafeAssetName(asset.name);
  await mkdir(directory, { recursive: true });
  const path = join(directory, asset.name);
  const partial = `${path}.partial`;
  const { transform, result } = hasher();
  const done = trackTemporaryFile(partial);
  try {
    await pipeline(await openStream(client, repo, asset), transform, createWriteStream(partial));
    const got = result();
    checkAgainstListing(asset, got);
    await rename(partial, path);
    return { path, ...got };
  } catch (e) {
    await rm(partial, { force: true });
    if (isProvenantError(e)) throw e;
    throw new ProvenantError(
      'ASSET_DOWNLOAD_FAILED',
      `expected to download ${quote(asset.name)}, got ${String(e)}; fix: rerun the job`,
      {
        cause: e,
      },
    );
  } finally {
    done();
  }
}

/** The sha256 of a release asset's bytes, streamed (for comparing when GitHub lists no digest). */
export async function hashAsset(client: GitHubClient, repo: RepoRef, asset: ReleaseAsset): Promise<string> {
  const { transform, result } = hasher();
  // Only the hash is wanted: the bytes are consumed and dropped.
  await pipeline(
    await openStream(client, repo, asset),
    transform,
    new Writable({ write: (_chunk, _enc, done) => done() }),
  );
  return result().sha256;
}

/** Bundles are at most this large (as the verifier's loader allows): an asset past it is not one to compare. */
const MAX_COMPARED_BYTES = 16 * 1024 * 1024;

/** A (small) release asset's bytes, to compare with a bundle; larger than a bundle can be: refused. */
export async function readAsset(client: GitHubClient, repo: RepoRef, asset: ReleaseAsset): Promise<Buffer> {
  if (asset.size > MAX_COMPARED_BYTES) {
    throw new ProvenantError(
      'ASSET_DOWNLOAD_FAILED',
      `expected asset ${quote(asset.name)} to be a bundle (at most ${MAX_COMPARED_BYTES} bytes), got ${asset.size} bytes`,
    );
  }
  const chunks: Buffer[] = [];
  await pipeline(
    await openStream(client, repo, asset),
    new Writable({
      write: (chunk: Buffer, _enc, done) => {
        chunks.push(chunk);
        done();
      },
    }),
  );
  return Buffer.concat(chunks);
}
