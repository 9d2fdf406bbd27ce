import {
  BUNDLE_V01_MEDIA_TYPE,
  BUNDLE_V02_MEDIA_TYPE,
  BUNDLE_V03_LEGACY_MEDIA_TYPE,
  BUNDLE_V03_MEDIA_TYPE,
  bundleFromJSON,
  type Bundle,
} from '@sigstore/bundle';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { LoadedBundle } from '../../app/ports.js';
import { ProvenantError, quote } from '../../core/errors.js';

/** A real bundle is a few KiB (a leaf certificate, a log entry or two); 16 MiB is generous and still bounded. */
export const MAX_BUNDLE_BYTES = 16 * 1024 * 1024;
/** A `.jsonl` file holds many bundles; bound the whole file as well as each line. */
export const MAX_BUNDLE_LINES_BYTES = 256 * 1024 * 1024;
/** Bundles nest about eight levels deep; anything far deeper is an attack on the parser, not a bundle. */
export const MAX_JSON_DEPTH = 64;

const KNOWN_MEDIA_TYPES = new Set([
  BUNDLE_V01_MEDIA_TYPE,
  BUNDLE_V02_MEDIA_TYPE,
  BUNDLE_V03_LEGACY_MEDIA_TYPE,
  BUNDLE_V03_MEDIA_TYPE,
]);

function invalid(source: string, expected: string, got: string, cause?: unknown): ProvenantError {
  return new ProvenantError(
    'BUNDLE_INVALID',
    `${source}: expected ${expected}, got ${got}. Re-download the bundle (a truncated download is the usual cause) or regenerate it.`,
    { cause },
  );
}

/** Depth of the deepest nesting, scanning once and skipping string contents; stops early past the limit. */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** Parses and validates one bundle's JSON text. Pure apart from the libraries it calls. */
export function parseBundle(text: string, source: string): Bundle {
  if (Buffer.byteLength(text, 'utf8') > MAX_BUNDLE_BYTES) {
    throw new ProvenantError(
      'BUNDLE_TOO_LARGE',
      `${source}: expected a bundle of at most ${MAX_BUNDLE_BYTES} bytes, got more. This is not a Sigstore bundle.`,
    );
  }
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
    throw invalid(source, `JSON nested at most ${MAX_JSON_DEPTH} levels deep`, 'deeper nesting');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw invalid(source, 'a complete JSON document', `a parse error (${(e as Error).message})`, e);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw invalid(source, 'a JSON object', Array.isArray(json) ? 'an array' : typeof json);
  }
  const mediaType = (json as Record<string, unknown>).mediaType;
  if (typeof mediaType !== 'string' || !KNOWN_MEDIA_TYPES.has(mediaType)) {
    throw new ProvenantError(
      'BUNDLE_VERSION_UNSUPPORTED',
      `${source}: expected a Sigstore bundle media type of ${[...KNOWN_MEDIA_TYPES].join(', ')}, got ${
        typeof mediaType === 'string' ? quote(mediaType) : 'none'
      }. Upgrade provenant if the bundle is newer, or check that this file is a Sigstore bundle.`,
    );
  }
  try {
    return bundleFromJSON(json);
  } catch (e) {
    throw invalid(source, 'a well-formed Sigstore bundle', (e as Error).message, e);
  }
}

/** Reads at most `limit + 1` bytes, so an oversized file is refused without ever being held or parsed whole. */
async function readBounded(path: string, limit: number): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new ProvenantError(
        'BUNDLE_NOT_FOUND',
        `${path}: expected a bundle file, got none. Pass --bundle FILE or --bundle-dir DIR, or put <artifact>.sigstore.json beside the artifact.`,
      );
    }
    throw new ProvenantError(
      'FILE_UNREADABLE',
      `${path}: expected a readable bundle file, got ${code ?? (e as Error).message}.`,
      { cause: e },
    );
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      throw new ProvenantError(
        'NOT_REGULAR_FILE',
        `${path}: expected a bundle file, got a ${info.isDirectory() ? 'directory' : 'special file'}.`,
      );
    }
    if (info.size > limit) {
      throw new ProvenantError(
        'BUNDLE_TOO_LARGE',
        `${path}: expected a bundle of at most ${limit} bytes, got ${info.size}. Refused before parsing.`,
      );
    }
    const buffer = Buffer.alloc(Math.min(info.size, limit) + 1);
    let filled = 0;
    // The file may grow between stat and read: read until EOF or one byte past the limit, whichever comes first.
    for (;;) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled === buffer.length) {
        if (filled > limit)
          throw new ProvenantError(
            'BUNDLE_TOO_LARGE',
            `${path}: expected a bundle of at most ${limit} bytes, got more. Refused before parsing.`,
          );
        break;
      }
    }
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

function decodeUtf8(bytes: Buffer, source: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    throw invalid(source, 'UTF-8 text', 'invalid byte sequences', e);
  }
}

/** Loads a bundle file: `.jsonl` yields one bundle per non-empty line, anything else exactly one. */
export async function loadBundles(path: string): Promise<LoadedBundle[]> {
  const jsonl = path.endsWith('.jsonl');
  const bytes = await readBounded(path, jsonl ? MAX_BUNDLE_LINES_BYTES : MAX_BUNDLE_BYTES);
  const name = basename(path);
  const text = decodeUtf8(bytes, name);
  if (!jsonl) return [{ source: name, bundle: parseBundle(text, name), path }];
  const out: LoadedBundle[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const source = `${name}:${i + 1}`;
    out.push({ source, bundle: parseBundle(line, source), path });
  });
  if (out.length === 0) throw invalid(name, 'at least one bundle line', 'an empty file');
  return out;
}
