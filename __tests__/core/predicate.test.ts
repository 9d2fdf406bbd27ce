import { describe, expect, it } from '@jest/globals';
import {
  checkPredicateSize,
  customPredicate,
  extraBundleName,
  MAX_PREDICATE_BYTES,
  sbomPredicate,
} from '../../src/core/predicate.js';

describe('SBOM detection, as actions/attest does it', () => {
  it.each([
    [{ spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT' }, 'https://spdx.dev/Document/v2.3'],
    [{ spdxVersion: 'SPDX-2.2', SPDXID: 'SPDXRef-DOCUMENT' }, 'https://spdx.dev/Document/v2.3'],
    [
      { '@context': 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld', '@graph': [] },
      'https://spdx.dev/Document/v3',
    ],
    [{ bomFormat: 'CycloneDX', specVersion: '1.6' }, 'https://cyclonedx.org/bom'],
    [{ bomFormat: 'CycloneDX', specVersion: '1.5', serialNumber: 'urn:uuid:1' }, 'https://cyclonedx.org/bom'],
  ])('%j is %s', (doc, type) => {
    const got = sbomPredicate(JSON.stringify(doc), 'sbom-path x');
    expect(got.type).toBe(type);
    expect(got.body).toEqual(doc);
  });

  it.each([
    ['{}', 'expected an SPDX 2.x or 3 JSON document'],
    ['[1]', 'expected a JSON object'],
    ['not json', 'expected a JSON document'],
    [JSON.stringify({ spdxVersion: 'SPDX-1.2', SPDXID: 'x' }), 'expected SPDX 2.x'],
    [JSON.stringify({ bomFormat: 'CycloneDX' }), 'expected an SPDX 2.x or 3'],
  ])('refuses %s', (text, message) => {
    expect(() => sbomPredicate(text, 'sbom-path "x"')).toThrow(
      expect.objectContaining({
        code: 'PREDICATE_INVALID',
        exitCode: 2,
        message: expect.stringContaining(message),
      }),
    );
  });
});

describe('predicates of the user', () => {
  it('takes a URI type and a JSON object', () => {
    expect(customPredicate('https://example.com/test/v1', '{"a":1}', 'p')).toEqual({
      type: 'https://example.com/test/v1',
      body: { a: 1 },
    });
    expect(() => customPredicate('not a uri', '{}', 'p')).toThrow(/expected a URI/);
  });

  it('refuses a predicate past 16 MiB with the limit in the message', () => {
    expect(() => checkPredicateSize(MAX_PREDICATE_BYTES, 'x')).not.toThrow();
    expect(() => checkPredicateSize(MAX_PREDICATE_BYTES + 1, 'sbom-path "big.json"')).toThrow(
      expect.objectContaining({
        code: 'PREDICATE_TOO_LARGE',
        message: expect.stringContaining(`expected at most ${MAX_PREDICATE_BYTES} bytes (16 MiB`),
      }),
    );
  });
});

describe('bundle names of extra predicates', () => {
  it.each([
    ['provenance.sigstore.json', 'sbom', 'provenance.sbom.sigstore.json'],
    ['app-linux.json', 'predicate', 'app-linux.predicate.json'],
    ['all.intoto.jsonl', 'sbom', 'all.sbom.intoto.jsonl'],
    ['lines.jsonl', 'sbom', 'lines.sbom.jsonl'],
  ] as const)('%s → %s', (name, kind, want) => {
    expect(extraBundleName(name, kind)).toBe(want);
  });
});
