/**
 * Attestations other than Provenant's own provenance: an SBOM (its predicate type detected as actions/attest does) or
 * any predicate the user names. Each becomes its own statement over the same subjects.
 */
import { inputError, ProvenantError, quote } from './errors.js';

/**
 * What the services take: actions/attest refuses predicates over 16 MiB, and a public log refuses large entries long
 * before any signature is made. Refusing here, before signing, spends no log entry on a bundle nobody can publish.
 */
export const MAX_PREDICATE_BYTES = 16 * 1024 * 1024;

export const SPDX_V2_3 = 'https://spdx.dev/Document/v2.3';
export const SPDX_V3 = 'https://spdx.dev/Document/v3';
export const CYCLONEDX_BOM = 'https://cyclonedx.org/bom';

/** A predicate ready to sign: its type, its JSON body, and the bundle file it goes to. */
export interface ExtraPredicate {
  type: string;
  body: unknown;
  /** The input that gave it, for messages (`sbom-path`, `--predicate-path`). */
  origin: string;
  /** Names its bundle: `<bundle-name>` with `.sbom` or `.predicate` before the extension. */
  kind: 'sbom' | 'predicate';
}

/** `provenance.sigstore.json` → `provenance.sbom.sigstore.json`: beside the provenance, and per job when bundle-name is. */
export function extraBundleName(bundleName: string, kind: ExtraPredicate['kind']): string {
  const m = /^(.*?)(\.sigstore\.json|\.intoto\.jsonl|\.jsonl|\.json)$/.exec(bundleName);
  return m ? `${m[1]}.${kind}${m[2]}` : `${bundleName}.${kind}`;
}

/** The size check, with the limit in the message and what to do instead. */
export function checkPredicateSize(size: number, where: string): void {
  if (size <= MAX_PREDICATE_BYTES) return;
  throw new ProvenantError(
    'PREDICATE_TOO_LARGE',
    `${where}: expected at most ${MAX_PREDICATE_BYTES} bytes (16 MiB, the most the attestation services accept), ` +
      `got ${size} bytes. Nothing was signed. Shrink it (drop file-level entries), or attest its digest as a subject ` +
      'instead (subject-path / a PATTERN) and publish the file beside the release.',
  );
}

function parseJsonObject(text: string, where: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw inputError(
      'PREDICATE_INVALID',
      `${where}: expected a JSON document, got text that does not parse (${(e as Error).message}).`,
    );
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw inputError('PREDICATE_INVALID', `${where}: expected a JSON object, got ${quote(text, 60)}.`);
  }
  return value as Record<string, unknown>;
}

/**
 * The SBOM's predicate type, detected as actions/attest does: SPDX has `spdxVersion` and `SPDXID` (SPDX 3's JSON-LD
 * names its context instead), CycloneDX has `bomFormat` and `specVersion`.
 */
export function sbomPredicate(text: string, where: string): { type: string; body: Record<string, unknown> } {
  const body = parseJsonObject(text, where);
  if (typeof body.spdxVersion === 'string' && 'SPDXID' in body) {
    const version = /^SPDX-(\d+)\.(\d+)$/.exec(body.spdxVersion);
    if (!version || version[1] !== '2') {
      throw inputError(
        'PREDICATE_INVALID',
        `${where}: expected SPDX 2.x (spdxVersion SPDX-2.N), got ${quote(body.spdxVersion)}.`,
      );
    }
    return { type: SPDX_V2_3, body };
  }
  const context = body['@context'];
  const contexts = Array.isArray(context) ? context : [context];
  if (contexts.some((c) => typeof c === 'string' && /^https:\/\/spdx\.org\/rdf\/3\./.test(c))) {
    return { type: SPDX_V3, body };
  }
  if (body.bomFormat === 'CycloneDX' && typeof body.specVersion === 'string')
    return { type: CYCLONEDX_BOM, body };
  throw inputError(
    'PREDICATE_INVALID',
    `${where}: expected an SPDX 2.x or 3 JSON document (spdxVersion and SPDXID) or a CycloneDX JSON BOM (bomFormat ` +
      'and specVersion), got neither. Generate one with `npm sbom --sbom-format spdx` or a CycloneDX tool, or sign it ' +
      'with predicate-type and predicate-path.',
  );
}

/** A predicate named by the user: its type must be a URI (statements carry it as is), its body JSON. */
export function customPredicate(
  type: string,
  text: string,
  where: string,
): { type: string; body: Record<string, unknown> } {
  if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(type)) {
    throw inputError(
      'PREDICATE_INVALID',
      `predicate-type: expected a URI such as https://example.com/predicate/v1, got ${quote(type)}.`,
    );
  }
  return { type, body: parseJsonObject(text, where) };
}
