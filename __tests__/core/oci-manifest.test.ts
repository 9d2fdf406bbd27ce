import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import {
  bundleReferrers,
  EMPTY_CONFIG,
  emptyIndex,
  parseIndex,
  platformManifests,
  referrerDescriptor,
  referrerManifest,
  withReferrer,
} from '../../src/core/oci/manifest.js';

const d = (c: string) => `sha256:${c.repeat(64)}`;
const subject = {
  mediaType: 'application/vnd.oci.image.index.v1+json',
  digest: d('1'),
  size: 123,
  platform: { os: 'linux' },
};

describe('referrer manifests', () => {
  it('the empty config descriptor is the digest of {}', () => {
    expect(EMPTY_CONFIG.digest).toBe(`sha256:${createHash('sha256').update('{}').digest('hex')}`);
  });

  it('builds the layout cosign and gh read, the subject trimmed to its descriptor', () => {
    const m = referrerManifest({
      bundle: { digest: d('2'), size: 9 },
      subject,
      predicateType: 'https://slsa.dev/provenance/v1',
      created: '2026-01-01T00:00:00.000Z',
    });
    expect(m).toEqual({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      config: EMPTY_CONFIG,
      layers: [{ mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', digest: d('2'), size: 9 }],
      subject: { mediaType: subject.mediaType, digest: subject.digest, size: 123 },
      annotations: {
        'dev.sigstore.bundle.content': 'dsse-envelope',
        'dev.sigstore.bundle.predicateType': 'https://slsa.dev/provenance/v1',
        'org.opencontainers.image.created': '2026-01-01T00:00:00.000Z',
      },
    });
    const sig = referrerManifest({ bundle: { digest: d('2'), size: 9 }, subject, created: 'x' });
    expect(sig.annotations).toEqual({
      'dev.sigstore.bundle.content': 'message-signature',
      'org.opencontainers.image.created': 'x',
    });
    expect(referrerDescriptor(m, { digest: d('3'), size: 50 })).toEqual({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: d('3'),
      size: 50,
      artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      annotations: m.annotations,
    });
  });
});

describe('referrers lists', () => {
  const entry = (c: string, artifactType?: string, predicateType?: string) => ({
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    digest: d(c),
    size: 1,
    ...(artifactType ? { artifactType } : {}),
    ...(predicateType ? { annotations: { 'dev.sigstore.bundle.predicateType': predicateType } } : {}),
  });

  it('adds an entry once, keeping the others in order', () => {
    const one = withReferrer(emptyIndex(), entry('a'));
    const two = withReferrer(one, entry('b'));
    expect(withReferrer(two, entry('a')).manifests.map((m) => m.digest)).toEqual([d('b'), d('a')]);
  });

  it('keeps Sigstore bundles of the asked predicate type, and bundles that do not say', () => {
    const index = {
      ...emptyIndex(),
      manifests: [
        entry('a', 'application/vnd.dev.sigstore.bundle.v0.3+json', 'https://slsa.dev/provenance/v1'),
        entry('b', 'application/vnd.dev.sigstore.bundle.v0.3+json', 'https://spdx.dev/Document/v2.3'),
        entry('c', 'application/vnd.dev.sigstore.bundle.v0.3+json'),
        entry('e', 'application/vnd.cncf.notary.signature', 'https://slsa.dev/provenance/v1'),
      ],
    };
    expect(bundleReferrers(index, 'https://slsa.dev/provenance/v1').map((m) => m.digest)).toEqual([
      d('a'),
      d('c'),
    ]);
    expect(bundleReferrers(index, undefined).map((m) => m.digest)).toEqual([d('a'), d('b'), d('c')]);
  });

  it('reads an index and refuses what is not one', () => {
    expect(parseIndex(JSON.stringify({ manifests: [entry('a'), { junk: 1 }] }), 'x').manifests).toEqual([
      entry('a'),
    ]);
    expect(() => parseIndex('nope', 'the tag')).toThrow(expect.objectContaining({ code: 'REGISTRY_FAILED' }));
    expect(() => parseIndex('{"layers":[]}', 'the tag')).toThrow(/expected an image index with manifests/);
  });

  it('lists platform images, leaving out buildx attestation manifests', () => {
    const index = {
      ...emptyIndex(),
      manifests: [
        { ...entry('a'), platform: { os: 'linux', architecture: 'amd64' } },
        { ...entry('b'), platform: { os: 'unknown', architecture: 'unknown' } },
        { ...entry('c'), platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
      ],
    };
    expect(platformManifests(index).map((m) => m.digest)).toEqual([d('a'), d('c')]);
  });
});
