import { ProvenantError, quote } from '../../core/errors.js';
import { readTextFile } from '../fs/read-text.js';
import type { SigningEndpoints } from './signer.js';

interface Service {
  url?: unknown;
  majorApiVersion?: unknown;
  validFor?: { start?: unknown; end?: unknown };
}

/**
 * Reads a Sigstore `signing_config.json` (v0.2): which Fulcio, Rekor and TSA to use. We take the first service of each
 * kind that is valid now, with Rekor at API v1 (the version whose entries we can verify).
 */
export async function loadSigningConfig(file: string, now = new Date()): Promise<SigningEndpoints> {
  const text = await readTextFile(file, 1024 * 1024, '--signing-config');
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw invalid(file, `JSON (${(e as Error).message})`);
  }
  const pick = (field: string, version?: number): string | undefined => {
    const list = json[field];
    if (list === undefined) return undefined;
    if (!Array.isArray(list)) throw invalid(file, `${field} to be a list`);
    const service = (list as Service[]).find(
      (s) =>
        typeof s.url === 'string' &&
        (version === undefined || s.majorApiVersion === undefined || s.majorApiVersion === version) &&
        within(s.validFor, now),
    );
    return typeof service?.url === 'string' ? service.url.replace(/\/+$/, '') : undefined;
  };
  const fulcioUrl = pick('caUrls');
  if (!fulcioUrl) throw invalid(file, 'a current entry in caUrls (the Fulcio to use)');
  const rekorUrl = pick('rekorTlogUrls', 1);
  const tsaUrl = pick('tsaUrls');
  if (!rekorUrl && !tsaUrl)
    throw invalid(file, 'a current Rekor v1 entry in rekorTlogUrls or an entry in tsaUrls');
  return { fulcioUrl, ...(rekorUrl ? { rekorUrl } : {}), ...(tsaUrl ? { tsaUrl } : {}) };
}

function within(validFor: Service['validFor'], now: Date): boolean {
  if (!validFor) return true;
  const start = typeof validFor.start === 'string' ? Date.parse(validFor.start) : NaN;
  const end = typeof validFor.end === 'string' ? Date.parse(validFor.end) : NaN;
  return (Number.isNaN(start) || start <= now.getTime()) && (Number.isNaN(end) || now.getTime() < end);
}

function invalid(file: string, expected: string): ProvenantError {
  return new ProvenantError(
    'SIGSTORE_CONFIG_INVALID',
    `--signing-config ${quote(file)}: expected ${expected}. Use the instance's signing_config.json as published.`,
  );
}
