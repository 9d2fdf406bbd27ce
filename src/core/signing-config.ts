/**
 * Sigstore signing config v0.2 (`application/vnd.dev.sigstore.signingconfig.v0.2+json`): which Fulcio, Rekor logs and
 * timestamp authorities a signature goes to. Selection follows the protobuf-specs (`sigstore_trustroot.proto`):
 * - a service counts only inside its validity window, both ends inclusive, and only at an API version we speak;
 * - Fulcio: one service, the highest supported version, then the newest start;
 * - Rekor and TSA: at most one service per operator (its highest supported version, then newest start), then the
 *   config's selector: ALL of them, ANY one, or EXACT `count` of them; too few is an error, never a bundle without
 *   the log entry or timestamp the config asks for.
 */
import { ProvenantError, quote } from './errors.js';

export const SIGNING_CONFIG_V02 = 'application/vnd.dev.sigstore.signingconfig.v0.2+json';

export interface SigningService {
  url: string;
  majorApiVersion: number;
  operator: string;
  /** Milliseconds since the epoch; `end` absent for a service with no planned end. */
  start: number;
  end?: number;
}

export type Selector = 'ALL' | 'ANY' | 'EXACT';

export interface SelectedServices {
  fulcio: SigningService;
  rekor: SigningService[];
  tsa: SigningService[];
}

/** The API versions this build of Provenant can write to, per kind of service. */
export interface SupportedVersions {
  fulcio: readonly number[];
  rekor: readonly number[];
  tsa: readonly number[];
}

function fail(source: string, expected: string): ProvenantError {
  return new ProvenantError(
    'SIGSTORE_CONFIG_INVALID',
    `signing config ${quote(source)}: expected ${expected}. Use the instance's signing_config.v0.2.json as published, or fix it.`,
  );
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function time(value: unknown, what: string, source: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(ms))
    throw fail(source, `${what} to be an RFC 3339 time, got ${quote(JSON.stringify(value))}`);
  return ms;
}

function services(json: Record<string, unknown>, field: string, source: string): SigningService[] {
  const list = json[field];
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw fail(source, `${field} to be a list`);
  return list.map((s: unknown, i) => {
    const where = `${field}[${i}]`;
    if (!isRecord(s) || typeof s.url !== 'string' || !/^https?:\/\//.test(s.url))
      throw fail(source, `${where}.url to be an http(s) URL`);
    if (typeof s.majorApiVersion !== 'number' || !Number.isInteger(s.majorApiVersion))
      throw fail(source, `${where}.majorApiVersion to be a whole number`);
    const validFor = isRecord(s.validFor) ? s.validFor : undefined;
    const start = time(validFor?.start, `${where}.validFor.start`, source);
    if (start === undefined) throw fail(source, `${where}.validFor.start (when the service may be used)`);
    const end = time(validFor?.end, `${where}.validFor.end`, source);
    return {
      url: s.url.replace(/\/+$/, ''),
      majorApiVersion: s.majorApiVersion,
      operator: typeof s.operator === 'string' ? s.operator : s.url,
      start,
      ...(end !== undefined ? { end } : {}),
    };
  });
}

function selector(
  json: Record<string, unknown>,
  field: string,
  source: string,
): { kind: Selector; count: number } {
  const config = json[field];
  if (config === undefined) return { kind: 'ANY', count: 1 };
  if (!isRecord(config)) throw fail(source, `${field} to be an object`);
  const kind = config.selector;
  if (kind !== 'ALL' && kind !== 'ANY' && kind !== 'EXACT')
    throw fail(source, `${field}.selector to be ALL, ANY or EXACT, got ${quote(String(kind))}`);
  const count = config.count;
  if (kind === 'EXACT' && (typeof count !== 'number' || !Number.isInteger(count) || count < 1))
    throw fail(source, `${field}.count to be a positive whole number with selector EXACT`);
  return { kind, count: kind === 'EXACT' ? (count as number) : 1 };
}

const validAt = (s: SigningService, now: number): boolean =>
  s.start <= now && (s.end === undefined || now <= s.end);

/** Highest supported version first, then the newest start. */
const preferred = (a: SigningService, b: SigningService): number =>
  b.majorApiVersion - a.majorApiVersion || b.start - a.start;

function usable(list: SigningService[], versions: readonly number[], now: number): SigningService[] {
  return list.filter((s) => validAt(s, now) && versions.includes(s.majorApiVersion)).sort(preferred);
}

/** Why nothing was usable, for the message: not yet valid, expired, or only versions we cannot write to. */
function whyNone(kind: string, list: SigningService[], versions: readonly number[], now: number): string {
  if (list.length === 0) return `no ${kind} service`;
  const later = list.filter((s) => s.start > now).length;
  const ended = list.filter((s) => s.end !== undefined && s.end < now).length;
  const other = list.filter((s) => !versions.includes(s.majorApiVersion)).length;
  return (
    `a usable ${kind} service, got ${list.length} of which ${later} not valid yet, ${ended} ended, ` +
    `${other} at API versions other than ${versions.join(' or ')}`
  );
}

function perOperator(list: SigningService[]): SigningService[] {
  const seen = new Set<string>();
  return list.filter((s) => !seen.has(s.operator) && seen.add(s.operator));
}

function pick(
  kind: string,
  candidates: SigningService[],
  wanted: { kind: Selector; count: number },
  source: string,
): SigningService[] {
  if (wanted.kind === 'ALL') return candidates;
  if (candidates.length < wanted.count) {
    throw fail(
      source,
      `${wanted.count} ${kind} service${wanted.count === 1 ? '' : 's'} of different operators (selector ${wanted.kind}), ` +
        `got ${candidates.length} usable now (${candidates.map((c) => c.operator).join(', ') || 'none'})`,
    );
  }
  return candidates.slice(0, wanted.count);
}

/** Parses a signing config and selects the services to sign with at `now`. */
export function selectSigningServices(
  text: string,
  source: string,
  supported: SupportedVersions,
  now: number,
): SelectedServices {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw fail(source, `JSON (${(e as Error).message})`);
  }
  if (!isRecord(json) || json.mediaType !== SIGNING_CONFIG_V02)
    throw fail(source, `mediaType ${SIGNING_CONFIG_V02}`);
  const ca = services(json, 'caUrls', source);
  const fulcio = usable(ca, supported.fulcio, now)[0];
  if (!fulcio) throw fail(source, whyNone('Fulcio (caUrls)', ca, supported.fulcio, now));
  const logs = services(json, 'rekorTlogUrls', source);
  const tsas = services(json, 'tsaUrls', source);
  // A kind the config does not list at all is not asked for; one it lists must be satisfiable.
  const rekor =
    logs.length === 0
      ? []
      : pick(
          'Rekor',
          perOperator(usable(logs, supported.rekor, now)),
          selector(json, 'rekorTlogConfig', source),
          source,
        );
  const tsa =
    tsas.length === 0
      ? []
      : pick(
          'TSA',
          perOperator(usable(tsas, supported.tsa, now)),
          selector(json, 'tsaConfig', source),
          source,
        );
  if (rekor.length === 0 && tsa.length === 0) {
    throw fail(
      source,
      `a transparency log or a timestamp authority (a signature needs a trusted time): ${whyNone('Rekor', logs, supported.rekor, now)}; ${whyNone('TSA', tsas, supported.tsa, now)}`,
    );
  }
  return { fulcio, rekor, tsa };
}
