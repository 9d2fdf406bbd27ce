import type { Dirent } from 'node:fs';
import path from 'node:path';
import { ProvenantError, quote } from '../../core/errors.js';
import { fs } from '../builtins.js';

const { readdir: readdirCallback, readdirSync } = fs;
// The callback form: node:fs/promises would load the modules builtins.ts avoids.
const readdir = (dir: string) =>
  new Promise<Dirent[]>((resolve, reject) =>
    readdirCallback(dir, { withFileTypes: true }, (e, list) => (e ? reject(e) : resolve(list))),
  );

/** Directories listed at once, once listing is slow enough to repay it. */
const LIST_BATCH = 64;

/** When synchronous listing gives way to listing side by side (see {@link listTree}). */
export interface ListingLimits {
  /** A single synchronous listing slower than this. */
  slowMs: number;
  /** Synchronous listings adding up to more than this. */
  syncBudgetMs: number;
}

/**
 * The budget bounds how long the event loop is held, and a filesystem slow on every call (a network mount) is listed
 * side by side after it however slow each call is.
 */
const LISTING_LIMITS: ListingLimits = { slowMs: 2, syncBudgetMs: 50 };

/**
 * Every entry below `root` except directories, which are descended (links to directories are not). `onListed` is told
 * how many there are so far after each listing that adds some. A root that does not exist has no entries.
 *
 * Build outputs are usually just written, so their directories are in the kernel's cache and a listing is quick:
 * those are listed synchronously, since a round trip through libuv's pool costs more than the listing (and, in a
 * fresh process, has to compete with the hashing workers starting up). As soon as one listing is slow (a cold disk, a
 * network filesystem) or they have taken their budget in all, the rest are listed side by side, a level at a time,
 * so their latencies overlap.
 */
export async function listTree(
  root: string,
  limits: ListingLimits = LISTING_LIMITS,
  onListed?: (entries: number) => void,
): Promise<Dirent[]> {
  const out: Dirent[] = [];
  const take = (list: Dirent[], next: string[]) => {
    const before = out.length;
    for (const entry of list) {
      if (entry.isDirectory()) next.push(path.join(entry.parentPath, entry.name));
      else out.push(entry);
    }
    if (out.length > before) onListed?.(out.length);
  };
  let level = [root];
  let fast = true;
  let syncMs = 0;
  while (level.length > 0) {
    const next: string[] = [];
    let i = 0;
    for (; fast && i < level.length; i++) {
      const started = process.hrtime.bigint();
      take(listSync(level[i]!, root), next);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      syncMs += ms;
      fast = ms < limits.slowMs && syncMs < limits.syncBudgetMs;
    }
    for (; i < level.length; i += LIST_BATCH) {
      const lists = await Promise.all(level.slice(i, i + LIST_BATCH).map((dir) => listAsync(dir, root)));
      for (const list of lists) take(list, next);
    }
    level = next;
  }
  return out;
}

function listSync(dir: string, root: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    return listingFailed(dir, root, e as NodeJS.ErrnoException);
  }
}

function listAsync(dir: string, root: string): Promise<Dirent[]> {
  return readdir(dir).catch((e: NodeJS.ErrnoException) => listingFailed(dir, root, e));
}

function listingFailed(dir: string, root: string, e: NodeJS.ErrnoException): Dirent[] {
  if (dir === root && e.code === 'ENOENT') return [];
  throw new ProvenantError(
    'FILE_UNREADABLE',
    `cannot list ${quote(dir)}: ${e.code ?? e.message}. Expected a readable directory: fix its permissions ` +
      '(chmod a+rx) or point the pattern at a directory that does not contain it.',
  );
}
