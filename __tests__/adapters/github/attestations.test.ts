import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { storeAttestation } from '../../../src/adapters/github/attestations.js';
import type { BundleJson } from '../../../src/app/ports.js';
import type { GitHubEmulator } from '../../../test-support/github-emulator/index.js';
import { REPO, client, emulator, failure } from './fixtures.js';

const DIGEST = 'a'.repeat(64);
const statement = {
  _type: 'https://in-toto.io/Statement/v1',
  subject: [{ name: 'w.tgz', digest: { sha256: DIGEST } }],
};
const bundle: BundleJson = {
  mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
  verificationMaterial: { certificate: { rawBytes: 'MII=' } },
  dsseEnvelope: {
    payload: Buffer.from(JSON.stringify(statement)).toString('base64'),
    payloadType: 'application/vnd.in-toto+json',
    signatures: [{ sig: 'MEU=' }],
  },
};

let em: GitHubEmulator;
beforeEach(async () => {
  em = await emulator();
});
afterEach(async () => {
  expect(em.violations).toEqual([]);
  await em.stop();
});

describe('attestation store', () => {
  it('stores a bundle and returns its id and URL; it is then listed by subject digest', async () => {
    const stored = await storeAttestation(client(em), REPO, bundle);
    expect(stored.url).toBe(`https://github.com/acme/widget/attestations/${stored.id}`);
    expect(em.attestations().map((a) => a.id)).toEqual([stored.id]);
    const listed = (digest: string) =>
      client(em).rest.repos.listAttestations({ ...REPO, subject_digest: digest });
    expect((await listed(`sha256:${DIGEST}`)).data.attestations?.map((a) => a.bundle)).toEqual([bundle]);
    // GitHub answers 404 for a digest with no attestations.
    await expect(listed(`sha256:${'b'.repeat(64)}`)).rejects.toMatchObject({ status: 404 });
  });

  it('names attestations: write when the token lacks it', async () => {
    em.permissions.attestations = 'none';
    const err = await failure(storeAttestation(client(em), REPO, bundle));
    expect(err.code).toBe('GITHUB_PERMISSION_MISSING');
    expect(err.message).toContain('attestations: write');
    expect(err.message).toContain('permissions:');
  });

  it('reports a bundle the store refuses as ATTESTATION_STORE_FAILED', async () => {
    const err = await failure(
      storeAttestation(client(em), REPO, {
        ...bundle,
        dsseEnvelope: { payload: 'e30=', payloadType: 'text/plain' },
      }),
    );
    expect(err.code).toBe('ATTESTATION_STORE_FAILED');
    expect(err.message).toContain('HTTP 422');
  });

  it('reports an outage after retries as SERVICE_UNAVAILABLE', async () => {
    em.faults.failNext(10, { path: '/attestations' });
    const err = await failure(storeAttestation(client(em), REPO, bundle));
    expect(err.code).toBe('SERVICE_UNAVAILABLE');
    expect(em.attestations()).toEqual([]);
  });
});
