import { ProvenantError, quote } from '../../core/errors.js';
import {
  selectSigningServices,
  type SelectedServices,
  type SupportedVersions,
} from '../../core/signing-config.js';
import { readTextFile } from '../fs/read-text.js';
import type { SigningEndpoints } from './signer.js';

/** The API versions the signer writes to: Fulcio v1, Rekor v1 (`dsse`) and v2 (`hashedrekord` 0.0.2), RFC 3161 TSAs. */
export const SUPPORTED_VERSIONS: SupportedVersions = { fulcio: [1], rekor: [1, 2], tsa: [1] };

/**
 * Reads a Sigstore `signing_config.v0.2.json` and selects its services by the spec's rules (src/core/signing-config.ts):
 * an unsatisfiable config is an error that names it and what is missing, never a bundle without the log entry or
 * timestamp it asks for.
 */
export async function loadSigningConfig(file: string, now = new Date()): Promise<SigningEndpoints> {
  return signingEndpoints(await readTextFile(file, 1024 * 1024, '--signing-config'), file, now.getTime());
}

/** The endpoints a signing config's text selects now, `source` naming it in errors. */
export function signingEndpoints(text: string, source: string, now = Date.now()): SigningEndpoints {
  return endpointsFor(selectSigningServices(text, source, SUPPORTED_VERSIONS, now), source);
}

/** The signer writes to one log and one timestamp authority per signature. */
export function endpointsFor(selected: SelectedServices, file: string): SigningEndpoints {
  for (const [kind, list] of [
    ['Rekor', selected.rekor],
    ['TSA', selected.tsa],
  ] as const) {
    if (list.length > 1) {
      throw new ProvenantError(
        'SIGSTORE_CONFIG_INVALID',
        `signing config ${quote(file)}: its selector asks for ${list.length} ${kind} services ` +
          `(${list.map((s) => s.url).join(', ')}), and Provenant writes to one per signature; expected ANY or EXACT 1.`,
      );
    }
  }
  const [rekor] = selected.rekor;
  const [tsa] = selected.tsa;
  if (rekor?.majorApiVersion === 2 && !tsa) {
    throw new ProvenantError(
      'SIGSTORE_CONFIG_INVALID',
      `signing config ${quote(file)}: expected a timestamp authority (tsaUrls) beside the Rekor v2 log ${rekor.url}, got none: ` +
        'a v2 entry carries no time, so an RFC 3161 timestamp must give it.',
    );
  }
  return {
    fulcioUrl: selected.fulcio.url,
    ...(rekor ? { rekorUrl: rekor.url, rekorApiVersion: rekor.majorApiVersion === 2 ? 2 : 1 } : {}),
    ...(tsa ? { tsaUrl: tsa.url } : {}),
  };
}
