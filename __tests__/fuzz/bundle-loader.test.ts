import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBundle } from '../../src/adapters/sigstore/bundle-loader.js';
import { isProvenantError } from '../../src/core/errors.js';

const RUNS = { seed: 42, numRuns: 300 };
const GOOD = readFileSync(
  join(
    dirname(fileURLToPath(import.meta.url)),
    '..',
    'fixtures',
    'conformance',
    'bundle-verify',
    'happy-path-v0.3',
    'bundle.sigstore.json',
  ),
  'utf8',
);
const GOOD_JSON = JSON.parse(GOOD) as Record<string, unknown>;

/** Either a parsed bundle or the error code; anything that is not a ProvenantError fails the property. */
function load(text: string): { ok: true } | { code: string } {
  try {
    parseBundle(text, 'fuzz.sigstore.json');
    return { ok: true };
  } catch (e) {
    if (!isProvenantError(e)) throw e;
    expect(e.message).toContain('fuzz.sigstore.json');
    return { code: e.code };
  }
}

const CODES = ['BUNDLE_INVALID', 'BUNDLE_VERSION_UNSUPPORTED', 'BUNDLE_TOO_LARGE'];

/** JSON-ish text: real JSON values, bundle-shaped objects with wrong fields, truncations and deep nesting. */
const jsonish = fc.oneof(
  fc.json({ maxDepth: 4 }),
  fc.string({ maxLength: 200 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ ...GOOD_JSON, verificationMaterial: v })),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ ...GOOD_JSON, dsseEnvelope: v })),
  fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify({ ...GOOD_JSON, mediaType: v })),
  fc
    .record({
      mediaType: fc.constant(GOOD_JSON.mediaType),
      rest: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })),
    })
    .map(({ mediaType, rest }) => JSON.stringify({ ...rest, mediaType })),
  fc.nat({ max: GOOD.length }).map((n) => GOOD.slice(0, n)),
  fc
    .tuple(fc.nat({ max: GOOD.length - 1 }), fc.string({ minLength: 1, maxLength: 3 }))
    .map(([i, s]) => GOOD.slice(0, i) + s + GOOD.slice(i + 1)),
  fc.integer({ min: 60, max: 5000 }).map((d) => '['.repeat(d) + ']'.repeat(d)),
  fc.integer({ min: 60, max: 5000 }).map((d) => '{"a":'.repeat(d) + '1' + '}'.repeat(d)),
);

describe('bundle loader (property-based)', () => {
  it('turns any JSON-ish text into a bundle or a ProvenantError with a bundle code, never anything else', () => {
    fc.assert(
      fc.property(jsonish, (text) => {
        const out = load(text);
        if ('code' in out) expect(CODES).toContain(out.code);
      }),
      RUNS,
    );
  });

  it('refuses nesting past the limit before JSON.parse sees it (a million levels returns at once)', () => {
    expect(load('['.repeat(1_000_000))).toEqual({ code: 'BUNDLE_INVALID' });
    expect(load('{"a":'.repeat(200_000))).toEqual({ code: 'BUNDLE_INVALID' });
  });

  it('still loads the genuine bundle (so the properties above are not vacuous)', () => {
    expect(load(GOOD)).toEqual({ ok: true });
  });
});
