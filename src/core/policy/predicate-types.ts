import { inputError, quote } from '../errors.js';

/** cosign's short names for predicate types (`cosign verify-blob-attestation --type NAME`), and what they stand for. */
export const COSIGN_PREDICATE_TYPES: Readonly<Record<string, string>> = {
  custom: 'https://cosign.sigstore.dev/attestation/v1',
  slsaprovenance: 'https://slsa.dev/provenance/v0.2',
  slsaprovenance02: 'https://slsa.dev/provenance/v0.2',
  slsaprovenance1: 'https://slsa.dev/provenance/v1',
  spdx: 'https://spdx.dev/Document',
  spdxjson: 'https://spdx.dev/Document',
  cyclonedx: 'https://cyclonedx.org/bom',
  link: 'https://in-toto.io/Link/v1',
  vuln: 'https://cosign.sigstore.dev/attestation/vuln/v1',
  openvex: 'https://openvex.dev/ns',
};

/** A predicate type as given to --predicate-type or --type: a URI, or one of cosign's short names. */
export function predicateTypeURI(value: string): string {
  if (Object.hasOwn(COSIGN_PREDICATE_TYPES, value)) return COSIGN_PREDICATE_TYPES[value]!;
  if (/^[a-z][a-z0-9+.-]*:\S+$/i.test(value)) return value;
  throw inputError(
    'INPUT_INVALID',
    `--predicate-type: expected a URI or one of cosign's names (${Object.keys(COSIGN_PREDICATE_TYPES).join(', ')}), got ${quote(value)}.`,
  );
}
