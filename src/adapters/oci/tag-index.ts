/**
 * The referrers tag schema, for registries without the referrers API: the client keeps an index under the tag
 * `sha256-<hex>` of the subject. Registries such as distribution 2.8 ignore `If-Match`, so two jobs attaching to one
 * image at once can each write an index without the other's entry. Every write is therefore read back after a short
 * settling time, and written again (merged with what is there now) until it holds our entry.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ProvenantError } from '../../core/errors.js';
import {
  emptyIndex,
  INDEX_MEDIA_TYPES,
  OCI_INDEX,
  parseIndex,
  withReferrer,
  type Descriptor,
  type ImageIndex,
} from '../../core/oci/manifest.js';
import { referrersTag } from '../../core/oci/reference.js';
import type { RegistryClient } from './client.js';

export interface TagIndexOptions {
  /** How long after a write to read it back: long enough for a concurrent writer's PUT to have landed. */
  settleMs?: number;
  attempts?: number;
  log?: { debug?(m: string): void; warn(m: string): void };
}

/** The index under the subject's tag, with its ETag; an empty one when the tag does not exist yet. */
export async function readTagIndex(
  client: RegistryClient,
  subject: string,
): Promise<{ index: ImageIndex; etag?: string; exists: boolean }> {
  const tag = referrersTag(subject);
  const answer = await client.send('GET', `/manifests/${tag}`, {
    headers: { accept: INDEX_MEDIA_TYPES.join(', ') },
  });
  if (answer.status === 404) return { index: emptyIndex(), exists: false };
  if (answer.status !== 200) throw client.unexpected(answer, `reading the referrers tag ${tag}`);
  const type = (answer.headers.get('content-type') ?? '').split(';')[0]!.trim();
  if (type && !INDEX_MEDIA_TYPES.includes(type)) {
    throw new ProvenantError(
      'REGISTRY_FAILED',
      `${client.registry}/${client.repository}: the tag ${tag} holds a ${type}, expected the image index the referrers tag schema keeps there. Remove or rename that tag.`,
    );
  }
  const etag = answer.headers.get('etag') ?? undefined;
  return {
    index: parseIndex(answer.body.toString('utf8'), `the referrers tag ${tag}`),
    ...(etag ? { etag } : {}),
    exists: true,
  };
}

const holds = (index: ImageIndex, entry: Descriptor) =>
  index.manifests.some((m) => m.digest === entry.digest);

/** Adds `entry` to the subject's referrers tag and makes sure it stays there. */
export async function addToTagIndex(
  client: RegistryClient,
  subject: string,
  entry: Descriptor,
  options: TagIndexOptions = {},
): Promise<void> {
  const tag = referrersTag(subject);
  const attempts = options.attempts ?? 6;
  const settle = options.settleMs ?? 300;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const current = await readTagIndex(client, subject);
    if (!holds(current.index, entry)) {
      const next = { ...withReferrer(current.index, entry), mediaType: OCI_INDEX };
      const answer = await client.send('PUT', `/manifests/${tag}`, {
        headers: { 'content-type': OCI_INDEX, ...(current.etag ? { 'if-match': current.etag } : {}) },
        body: JSON.stringify(next),
      });
      // 412: a registry that honours If-Match saw another writer first; read again and merge.
      if (answer.status !== 412 && answer.status !== 201 && answer.status !== 200) {
        throw client.unexpected(answer, `writing the referrers tag ${tag}`);
      }
      if (answer.status === 412) continue;
    }
    await sleep(settle);
    const after = await readTagIndex(client, subject);
    if (holds(after.index, entry)) return;
    options.log?.debug?.(
      `${client.registry}/${client.repository}: another writer replaced ${tag}; merging again (attempt ${attempt})`,
    );
    await sleep(Math.floor(Math.random() * settle));
  }
  throw new ProvenantError(
    'REGISTRY_FAILED',
    `${client.registry}/${client.repository}: the referrers tag ${tag} lost our entry ${entry.digest} ${attempts} times (other jobs writing it at once). ` +
      'The referrer manifest itself was pushed; run again to list it, or use a registry with the referrers API.',
  );
}
