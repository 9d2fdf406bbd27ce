import { describe, expect, it } from '@jest/globals';
import {
  formatImageReference,
  parseImageReference,
  referrersTag,
  registryBaseUrl,
  registryHost,
} from '../../src/core/oci/reference.js';

const D = `sha256:${'ab'.repeat(32)}`;

describe('image references', () => {
  it.each([
    ['ghcr.io/octo-org/app:v1', { registry: 'ghcr.io', repository: 'octo-org/app', tag: 'v1' }],
    [`ghcr.io/octo-org/app@${D}`, { registry: 'ghcr.io', repository: 'octo-org/app', digest: D }],
    [
      `oci://127.0.0.1:5000/a/b/c:1.2.3@${D}`,
      { registry: '127.0.0.1:5000', repository: 'a/b/c', tag: '1.2.3', digest: D },
    ],
    ['localhost/app:latest', { registry: 'localhost', repository: 'app', tag: 'latest' }],
    ['docker.io/library/node:24', { registry: 'docker.io', repository: 'library/node', tag: '24' }],
  ])('parses %s', (raw, want) => {
    const ref = parseImageReference(raw, 'subject-oci');
    expect(ref).toEqual(want);
    expect(formatImageReference(ref)).toBe(raw.replace('oci://', ''));
  });

  it.each([
    ['app:v1', 'the registry is missing'],
    ['octo-org/app:v1', 'the registry is missing'],
    ['ghcr.io/octo-org/app', 'give a tag or a digest'],
    ['ghcr.io/Octo/app:v1', 'is not a repository name'],
    ['ghcr.io/app:-bad', 'is not a valid tag'],
    ['ghcr.io/app@sha256:abc', 'the digest is not sha256'],
    [`ghcr.io/app@SHA256:${'ab'.repeat(32)}`, 'the digest is not sha256'],
    ['gh cr.io/app:v1', 'is not a host'],
  ])('refuses %s, saying why and what is expected', (raw, why) => {
    expect(() => parseImageReference(raw, 'subject-oci line 1')).toThrow(
      expect.objectContaining({
        code: 'IMAGE_REFERENCE_INVALID',
        exitCode: 2,
        message: expect.stringMatching(
          new RegExp(`^subject-oci line 1: expected REGISTRY/REPOSITORY:TAG.*${why}`),
        ),
      }),
    );
  });

  it('speaks plain HTTP only to loopback registries, and finds Docker Hub on its API host', () => {
    expect(registryBaseUrl('127.0.0.1:5000')).toBe('http://127.0.0.1:5000');
    expect(registryBaseUrl('localhost:5000')).toBe('http://localhost:5000');
    expect(registryBaseUrl('[::1]:5000')).toBe('http://[::1]:5000');
    expect(registryBaseUrl('127.example.com')).toBe('https://127.example.com');
    expect(registryBaseUrl('ghcr.io')).toBe('https://ghcr.io');
    expect(registryHost('docker.io')).toBe('registry-1.docker.io');
    expect(registryBaseUrl('docker.io')).toBe('https://registry-1.docker.io');
  });

  it('names the referrers tag sha256-<hex>', () => {
    expect(referrersTag(D)).toBe(`sha256-${'ab'.repeat(32)}`);
  });
});
