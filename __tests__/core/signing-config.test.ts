import { describe, expect, it } from '@jest/globals';
import {
  selectSigningServices,
  SIGNING_CONFIG_V02,
  type SupportedVersions,
} from '../../src/core/signing-config.js';

const NOW = Date.parse('2026-12-01T00:00:00Z');
const V1_AND_V2: SupportedVersions = { fulcio: [1], rekor: [1, 2], tsa: [1] };
const V1_ONLY: SupportedVersions = { fulcio: [1], rekor: [1], tsa: [1] };

const svc = (
  url: string,
  majorApiVersion: number,
  start: string,
  extra: { end?: string; operator?: string } = {},
) => ({
  url,
  majorApiVersion,
  validFor: { start, ...(extra.end ? { end: extra.end } : {}) },
  ...(extra.operator ? { operator: extra.operator } : {}),
});

const config = (body: Record<string, unknown>) => JSON.stringify({ mediaType: SIGNING_CONFIG_V02, ...body });
const select = (body: Record<string, unknown>, supported = V1_AND_V2, now = NOW) =>
  selectSigningServices(config(body), 'cfg.json', supported, now);
const urls = (s: { url: string }[]) => s.map((x) => x.url);

const FULCIO = [svc('https://fulcio.a', 1, '2022-01-01T00:00:00Z')];

describe('signing config v0.2 selection', () => {
  it('Fulcio: highest supported version, then the newest start, valid now (both ends inclusive)', () => {
    const chosen = select({
      caUrls: [
        svc('https://old', 1, '2021-01-01T00:00:00Z'),
        svc('https://newer', 1, '2025-01-01T00:00:00Z'),
        svc('https://future', 1, '2027-01-01T00:00:00Z'),
        svc('https://v9', 9, '2025-06-01T00:00:00Z'),
        svc('https://ends-now', 1, '2025-06-01T00:00:00Z', { end: '2026-12-01T00:00:00Z' }),
      ],
      tsaUrls: [svc('https://tsa', 1, '2020-01-01T00:00:00Z')],
    });
    expect(chosen.fulcio.url).toBe('https://ends-now');
    expect(
      select({
        caUrls: [svc('https://starts-now', 1, '2026-12-01T00:00:00Z')],
        tsaUrls: [svc('https://t', 1, '2020-01-01T00:00:00Z')],
      }).fulcio.url,
    ).toBe('https://starts-now');
  });

  it('Rekor: the highest supported version wins over a newer start, one per operator', () => {
    const chosen = select({
      caUrls: FULCIO,
      rekorTlogUrls: [
        svc('https://rekor-v1', 1, '2025-10-01T00:00:00Z', { operator: 'sigstore.dev' }),
        svc('https://log2025-1', 2, '2025-09-01T00:00:00Z', { operator: 'sigstore.dev' }),
        svc('https://other-v1', 1, '2024-01-01T00:00:00Z', { operator: 'example.org' }),
      ],
      rekorTlogConfig: { selector: 'ALL' },
    });
    expect(urls(chosen.rekor)).toEqual(['https://log2025-1', 'https://other-v1']);
    // Without v2 support, the operator's v1 log is its best.
    const v1 = select(
      {
        caUrls: FULCIO,
        rekorTlogUrls: [
          svc('https://rekor-v1', 1, '2022-01-01T00:00:00Z', { operator: 'sigstore.dev' }),
          svc('https://log2025-1', 2, '2025-09-01T00:00:00Z', { operator: 'sigstore.dev' }),
        ],
      },
      V1_ONLY,
    );
    expect(urls(v1.rekor)).toEqual(['https://rekor-v1']);
  });

  it.each([
    ['ANY', undefined, 1],
    ['ALL', undefined, 3],
    ['EXACT', 2, 2],
  ] as const)('selector %s (count %s) picks %i', (selector, count, n) => {
    const chosen = select({
      caUrls: FULCIO,
      tsaUrls: ['a', 'b', 'c'].map((op) =>
        svc(`https://tsa.${op}`, 1, '2020-01-01T00:00:00Z', { operator: op }),
      ),
      tsaConfig: { selector, ...(count ? { count } : {}) },
    });
    expect(chosen.tsa).toHaveLength(n);
  });

  it.each<[string, Record<string, unknown>, SupportedVersions, RegExp]>([
    [
      'EXACT 2 with one operator',
      {
        caUrls: FULCIO,
        rekorTlogUrls: [
          svc('https://r1', 1, '2020-01-01T00:00:00Z', { operator: 'one' }),
          svc('https://r2', 1, '2021-01-01T00:00:00Z', { operator: 'one' }),
        ],
        rekorTlogConfig: { selector: 'EXACT', count: 2 },
      },
      V1_AND_V2,
      /expected 2 Rekor services of different operators \(selector EXACT\), got 1 usable now \(one\)/,
    ],
    [
      'only services not yet valid',
      { caUrls: FULCIO, tsaUrls: [svc('https://t', 1, '2027-01-01T00:00:00Z')] },
      V1_AND_V2,
      /expected 1 TSA service of different operators \(selector ANY\), got 0 usable now/,
    ],
    [
      'no supported version (a v2-only log, no TSA)',
      { caUrls: FULCIO, rekorTlogUrls: [svc('https://log2025-1', 2, '2025-09-01T00:00:00Z')] },
      V1_ONLY,
      /expected 1 Rekor service of different operators \(selector ANY\), got 0 usable now/,
    ],
    [
      'no Fulcio now',
      { caUrls: [svc('https://f', 1, '2027-01-01T00:00:00Z')] },
      V1_AND_V2,
      /a usable Fulcio \(caUrls\) service, got 1 of which 1 not valid yet/,
    ],
    ['neither log nor TSA', { caUrls: FULCIO }, V1_AND_V2, /a transparency log or a timestamp authority/],
    [
      'another media type',
      { mediaType: 'application/json', caUrls: FULCIO },
      V1_AND_V2,
      /mediaType application\/vnd\.dev\.sigstore\.signingconfig\.v0\.2\+json/,
    ],
    [
      'EXACT without a count',
      {
        caUrls: FULCIO,
        tsaUrls: [svc('https://t', 1, '2020-01-01T00:00:00Z')],
        tsaConfig: { selector: 'EXACT' },
      },
      V1_AND_V2,
      /tsaConfig\.count to be a positive whole number/,
    ],
    [
      'a service without a start',
      { caUrls: [{ url: 'https://f', majorApiVersion: 1 }] },
      V1_AND_V2,
      /caUrls\[0\]\.validFor\.start/,
    ],
  ])('refuses %s, naming the config and what is missing', (_label, body, supported, message) => {
    expect(() => select(body, supported)).toThrow(message);
    try {
      select(body, supported);
    } catch (e) {
      expect((e as { code: string }).code).toBe('SIGSTORE_CONFIG_INVALID');
      expect((e as Error).message).toContain('signing config "cfg.json"');
    }
  });

  it('reads the public-good signing config of 2026 as the spec says', () => {
    const chosen = select({
      caUrls: [svc('https://fulcio.sigstore.dev', 1, '2023-04-14T21:38:40Z', { operator: 'sigstore.dev' })],
      oidcUrls: [
        svc('https://oauth2.sigstore.dev/auth', 1, '2025-04-16T00:00:00Z', { operator: 'sigstore.dev' }),
      ],
      rekorTlogUrls: [
        svc('https://log2025-1.rekor.sigstore.dev', 2, '2025-09-23T00:00:00Z', { operator: 'sigstore.dev' }),
        svc('https://rekor.sigstore.dev', 1, '2021-01-12T11:53:27Z', { operator: 'sigstore.dev' }),
      ],
      tsaUrls: [
        svc('https://timestamp.sigstore.dev/api/v1/timestamp', 1, '2025-07-04T00:00:00Z', {
          operator: 'sigstore.dev',
        }),
      ],
      rekorTlogConfig: { selector: 'ANY' },
      tsaConfig: { selector: 'ANY' },
    });
    expect(chosen.fulcio.url).toBe('https://fulcio.sigstore.dev');
    expect(urls(chosen.rekor)).toEqual(['https://log2025-1.rekor.sigstore.dev']);
    expect(urls(chosen.tsa)).toEqual(['https://timestamp.sigstore.dev/api/v1/timestamp']);
  });
});
