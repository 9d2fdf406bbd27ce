import { TrustedRoot } from '@sigstore/protobuf-specs';
import { getTrustedRoot } from '@sigstore/tuf';
import { toTrustMaterial, type TrustMaterial } from '@sigstore/verify';
import { crypto as sigstoreCrypto } from '@sigstore/core';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ProvenantError, inputError, quote } from '../../core/errors.js';
import { KNOWN_INSTANCES, type KnownInstanceName } from './instances.js';

/** Trusted roots are tens of KiB; refuse anything absurd before parsing it. */
const MAX_TRUSTED_ROOT_BYTES = 4 * 1024 * 1024;

/** An instance whose trust comes from its TUF repository when no --trusted-root file is given. */
export type TrustInstance = KnownInstanceName;

export function parseInstance(value: string): TrustInstance {
  if (!Object.hasOwn(KNOWN_INSTANCES, value)) {
    throw inputError(
      'INPUT_INVALID',
      `--instance: expected one of ${Object.keys(KNOWN_INSTANCES).join(', ')}, got ${quote(value)}.`,
    );
  }
  return value as TrustInstance;
}

function trustError(source: string, expected: string, got: string, cause?: unknown): ProvenantError {
  return new ProvenantError(
    'TRUST_ROOT_INVALID',
    `${source}: expected ${expected}, got ${got}. Use an unmodified trusted root from the Sigstore instance's TUF repository.`,
    { cause },
  );
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The trusted root spec requires a start on every validity window; sigstore-js reads a missing start as "since the
 * beginning of time", which silently widens trust. We check the JSON ourselves, before the library sees it.
 */
export function assertValidityStarts(json: unknown, source: string): void {
  if (!isRecord(json))
    throw trustError(source, 'a JSON object', Array.isArray(json) ? 'an array' : typeof json);
  const windows: [string, (entry: Record<string, unknown>) => unknown][] = [
    ['tlogs', (e) => (isRecord(e.publicKey) ? e.publicKey.validFor : undefined)],
    ['ctlogs', (e) => (isRecord(e.publicKey) ? e.publicKey.validFor : undefined)],
    ['certificateAuthorities', (e) => e.validFor],
    ['timestampAuthorities', (e) => e.validFor],
  ];
  for (const [field, validFor] of windows) {
    const list = json[field];
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw trustError(source, `${field} to be a list`, typeof list);
    list.forEach((entry, i) => {
      const window = isRecord(entry) ? validFor(entry) : undefined;
      if (!isRecord(window) || typeof window.start !== 'string' || Number.isNaN(Date.parse(window.start))) {
        throw trustError(source, `${field}[${i}] to have a validity start`, 'none', undefined);
      }
    });
  }
}

/** Parses a trusted root document (already read) with our extra checks. */
export function parseTrustedRoot(text: string, source: string): TrustedRoot {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw trustError(source, 'JSON', `a parse error (${(e as Error).message})`, e);
  }
  assertValidityStarts(json, source);
  try {
    return TrustedRoot.fromJSON(json);
  } catch (e) {
    throw trustError(source, 'a Sigstore trusted root', (e as Error).message, e);
  }
}

/** Several trusted roots as one: every CA, log and timestamp authority of each is trusted. */
export function mergeTrustedRoots(roots: readonly TrustedRoot[]): TrustedRoot {
  return {
    mediaType: roots[0]!.mediaType,
    tlogs: roots.flatMap((r) => r.tlogs),
    certificateAuthorities: roots.flatMap((r) => r.certificateAuthorities),
    ctlogs: roots.flatMap((r) => r.ctlogs),
    timestampAuthorities: roots.flatMap((r) => r.timestampAuthorities),
  };
}

/**
 * A trusted_root.json, or gh's trusted_root.jsonl (`gh attestation trusted-root` writes one trusted root per line,
 * e.g. public-good and GitHub's): each line is checked as a root of its own, then all are trusted together.
 */
export function parseTrustedRoots(text: string, source: string): TrustedRoot {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const oneDocument = (() => {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  })();
  if (oneDocument || lines.length <= 1) return parseTrustedRoot(text, source);
  return mergeTrustedRoots(lines.map((line, i) => parseTrustedRoot(line, `${source}:${i + 1}`)));
}

export async function loadTrustedRootFile(path: string): Promise<TrustedRoot> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (e) {
    throw inputError(
      (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE',
      `--trusted-root: expected a readable file, got ${quote(path)} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`,
      e,
    );
  }
  if (size > MAX_TRUSTED_ROOT_BYTES)
    throw trustError(path, `at most ${MAX_TRUSTED_ROOT_BYTES} bytes`, `${size} bytes`);
  return parseTrustedRoots(await readFile(path, 'utf8'), path);
}

export interface TufOptions {
  instance: TrustInstance;
  /** Defaults to ~/.cache/provenant/tuf; the TUF client keeps verified metadata there between runs. */
  cacheDir?: string;
  /** An initial TUF root.json for instances whose root is not embedded in sigstore-js (staging, github). */
  tufRoot?: string;
}

export function defaultTufCacheDir(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'provenant', 'tuf');
}

/**
 * Where a mirror's verified metadata is kept. On a runner the tool cache survives between jobs of a self-hosted
 * runner and is the place Actions means for such state; elsewhere the user's cache. One directory per mirror, so
 * two instances never share (and never roll back) each other's metadata.
 */
export function tufCacheFor(mirror: string, env: NodeJS.ProcessEnv): string {
  const base = env.RUNNER_TOOL_CACHE
    ? join(env.RUNNER_TOOL_CACHE, 'provenant', 'tuf')
    : defaultTufCacheDir(env);
  return join(base, createHash('sha256').update(mirror).digest('hex').slice(0, 16));
}

/** Fetches the instance's trusted root through TUF (signed, versioned metadata), then applies our checks. */
export async function fetchTrustedRoot(options: TufOptions): Promise<TrustedRoot> {
  let root: TrustedRoot;
  try {
    root = await getTrustedRoot({
      mirrorURL: KNOWN_INSTANCES[options.instance].tufMirror,
      cachePath: options.cacheDir ?? defaultTufCacheDir(process.env),
      ...(options.tufRoot ? { rootPath: options.tufRoot } : {}),
    });
  } catch (e) {
    throw new ProvenantError(
      'TRUST_ROOT_INVALID',
      `TUF (${KNOWN_INSTANCES[options.instance].tufMirror}): expected a trusted root, got ${(e as Error).message}. ` +
        'Offline or behind a proxy? Pass --trusted-root FILE with a trusted root obtained out of band.',
      { cause: e },
    );
  }
  // Round-trip through JSON so the same validity checks apply as for a file.
  const text = JSON.stringify(TrustedRoot.toJSON(root));
  return parseTrustedRoot(text, `TUF ${options.instance}`);
}

/** A public key to verify key-signed bundles with (the conformance `--key` flag), PEM SPKI. */
export function publicKeyFromPem(
  pem: string,
  source: string,
): ReturnType<typeof sigstoreCrypto.createPublicKey> {
  try {
    return sigstoreCrypto.createPublicKey(pem);
  } catch (e) {
    throw inputError(
      'INPUT_INVALID',
      `${source}: expected a PEM public key, got ${(e as Error).message}.`,
      e,
    );
  }
}

/**
 * Trust material for @sigstore/verify. With a key, every key hint resolves to it (the bundle's hint is a label
 * chosen by the signer, so it must not select among keys); without one, key-signed bundles are refused.
 */
export function trustMaterial(
  root: TrustedRoot,
  key?: ReturnType<typeof sigstoreCrypto.createPublicKey>,
): TrustMaterial {
  // Without a key, every bundle must chain to a CA: a root with none could only ever say "signature invalid".
  if (!key && root.certificateAuthorities.length === 0)
    throw trustError(
      'trusted root',
      'at least one certificate authority (certificateAuthorities) to chain certificates to',
      'none',
    );
  return toTrustMaterial(
    root,
    key
      ? () => ({ publicKey: key, validFor: () => true })
      : (hint: string) => {
          throw new ProvenantError(
            'SIGNATURE_INVALID',
            `expected a certificate-signed bundle, got one signed with a key (hint ${quote(hint)}). Pass the public key to verify it.`,
          );
        },
  );
}

/** Where the verify entry points take trust from: a file, or an instance's root through TUF. */
export interface TrustOptions {
  trustedRoot?: string;
  instance?: string;
  tufCacheDir?: string;
  tufRoot?: string;
  /** A TUF repository of an instance Provenant does not know (a foundation's own); needs tufRoot. */
  tufMirror?: string;
}

/** A TUF repository named by its URL: its trusted_root.json target, verified by TUF, then our checks. */
async function mirrorTrustedRoot(
  options: TrustOptions & { tufMirror: string },
  resolvePath: (p: string) => string,
): Promise<TrustedRoot> {
  if (options.instance && options.instance !== 'public-good')
    throw inputError(
      'USAGE',
      `expected either --instance or --tuf-mirror, got both (--instance ${options.instance}). --tuf-mirror names the instance.`,
    );
  if (!options.tufRoot)
    throw inputError(
      'USAGE',
      `--tuf-mirror ${options.tufMirror}: expected --tuf-root FILE too (the repository's initial root.json), got none.`,
    );
  const { tufInstance } = await import('./tuf-instance.js');
  const tuf = await tufInstance({
    mirror: options.tufMirror,
    rootPath: resolvePath(options.tufRoot),
    cacheDir: options.tufCacheDir
      ? resolvePath(options.tufCacheDir)
      : tufCacheFor(options.tufMirror, process.env),
    signingConfig: false,
  });
  return loadTrustedRootFile(tuf.trustedRootPath);
}

/** --trusted-root FILE (offline) wins; otherwise the instance's root through TUF, cached on disk. */
export async function resolveTrustedRoot(
  options: TrustOptions,
  resolvePath: (p: string) => string,
): Promise<TrustedRoot> {
  if (options.trustedRoot !== undefined && options.trustedRoot !== '') {
    if (options.instance !== undefined && options.instance !== '' && options.instance !== 'public-good') {
      throw inputError(
        'USAGE',
        `expected either --trusted-root or --instance, got both (--instance ${options.instance}). A trusted root file already names the instance it trusts.`,
      );
    }
    if (options.tufMirror)
      throw inputError(
        'USAGE',
        `expected either --trusted-root or --tuf-mirror, got both. A trusted root file already names the instance it trusts.`,
      );
    return loadTrustedRootFile(resolvePath(options.trustedRoot));
  }
  if (options.tufMirror) return mirrorTrustedRoot({ ...options, tufMirror: options.tufMirror }, resolvePath);
  const instance = parseInstance(options.instance || 'public-good');
  return fetchTrustedRoot({
    instance,
    ...(options.tufCacheDir ? { cacheDir: resolvePath(options.tufCacheDir) } : {}),
    ...(options.tufRoot ? { tufRoot: resolvePath(options.tufRoot) } : {}),
  });
}
