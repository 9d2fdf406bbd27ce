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
import {
  asn1ObjectsExceed,
  BUNDLE_LIMITS,
  checkBundleShape,
  jsonShapeExceeds,
  overLimit,
} from '../../core/bundle-limits.js';
import { ProvenantError, quote } from '../../core/errors.js';

/** A real bundle is a few KiB (a leaf certificate, a log entry or two); 16 MiB is generous and still bounded. */
export const MAX_BUNDLE_BYTES = 16 * 1024 * 1024;
/** A `.jsonl` file holds many bundles; bound the whole file as well as each line. */
export const MAX_BUNDLE_LINES_BYTES = 256 * 1024 * 1024;
/** Bundles nest about eight levels deep; anything far deeper is an attack on the parser, not a bundle. */
export const MAX_JSON_DEPTH = BUNDLE_LIMITS.jsonDepth;

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
  return jsonShapeExceeds(text, { depth: limit }) === 'depth';
}

/** The DER parts a library would parse recursively, counted first: a certificate or timestamp of millions of
 * objects (an ASN.1 bomb) is refused in milliseconds. */
function checkAsn1(bundle: Bundle, source: string): void {
  const limit = BUNDLE_LIMITS.asn1Objects;
  const content = bundle.verificationMaterial.content;
  const certificates =
    content.$case === 'certificate'
      ? [content.certificate.rawBytes]
      : content.$case === 'x509CertificateChain'
        ? content.x509CertificateChain.certificates.map((c) => c.rawBytes)
        : [];
  certificates.forEach((der, i) => {
    if (asn1ObjectsExceed(der, limit))
      throw overLimit(source, `ASN.1 objects in certificate ${i}`, limit, 'more');
  });
  const timestamps = bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps ?? [];
  timestamps.forEach((t, i) => {
    if (asn1ObjectsExceed(t.signedTimestamp, limit))
      throw overLimit(source, `ASN.1 objects in timestamp ${i}`, limit, 'more');
  });
}

/** Parses and validates one bundle's JSON text. Pure apart from the libraries it calls. */
export function parseBundle(text: string, source: string): Bundle {
  if (Buffer.byteLength(text, 'utf8') > MAX_BUNDLE_BYTES) {
    throw new ProvenantError(
      'BUNDLE_TOO_LARGE',
      `${source}: expected a bundle of at most ${MAX_BUNDLE_BYTES} bytes, got more. This is not a Sigstore bundle.`,
    );
  }
  const shape = jsonShapeExceeds(text, { depth: MAX_JSON_DEPTH, values: BUNDLE_LIMITS.bundleJsonValues });
  if (shape === 'depth')
    throw invalid(source, `JSON nested at most ${MAX_JSON_DEPTH} levels deep`, 'deeper nesting');
  if (shape)
    throw overLimit(source, 'JSON values in the bundle document', BUNDLE_LIMITS.bundleJsonValues, 'more');
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
  checkBundleShape(json as Record<string, unknown>, source);
  let bundle: Bundle;
  try {
    bundle = bundleFromJSON(json);
  } catch (e) {
    throw invalid(source, 'a well-formed Sigstore bundle', (e as Error).message, e);
  }
  checkAsn1(bundle, source);
  return bundle;
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
  if (!jsonl) return [{ source: name, bundle: parseBundle(text, name), path, bytes: bytes.length }];
  const out: LoadedBundle[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const source = `${name}:${i + 1}`;
    out.push({ source, bundle: parseBundle(line, source), path, bytes: line.length });
  });
  if (out.length === 0) throw invalid(name, 'at least one bundle line', 'an empty file');
  return out;
}
