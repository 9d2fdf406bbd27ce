import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RFC3161Timestamp } from '@sigstore/core';
import { X509Certificate as NodeX509 } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { certificateClaims } from '../../src/core/certificate-claims.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';
import { csrFor, postJson, tokenClaims } from './support.js';

let stack: SigstoreStack;
beforeAll(async () => {
  stack = await startSigstoreStack();
});
afterAll(async () => {
  await stack.stop();
});

describe('OIDC token endpoint', () => {
  it('serves GitHub-shaped tokens like ACTIONS_ID_TOKEN_REQUEST_URL, with the requested audience', async () => {
    const res = await fetch(`${stack.env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=sigstore`, {
      headers: { authorization: `Bearer ${stack.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` },
    });
    expect(res.status).toBe(200);
    const { value } = (await res.json()) as { value: string };
    const claims = tokenClaims(value);
    expect(claims['aud']).toBe('sigstore');
    for (const name of [
      'sub',
      'repository',
      'repository_id',
      'repository_owner',
      'repository_owner_id',
      'ref',
      'ref_type',
      'sha',
      'workflow',
      'workflow_ref',
      'workflow_sha',
      'job_workflow_ref',
      'job_workflow_sha',
      'event_name',
      'run_id',
      'run_number',
      'run_attempt',
      'runner_environment',
      'repository_visibility',
      'actor',
      'actor_id',
      'iss',
      'exp',
      'iat',
      'nbf',
    ]) {
      expect(claims).toHaveProperty(name);
    }
    expect(claims['iss']).toBe('https://token.actions.githubusercontent.com');
  });

  it('refuses a request without the runner request token', async () => {
    const res = await fetch(`${stack.env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=sigstore`, {
      headers: { authorization: 'Bearer wrong' },
    });
    expect(res.status).toBe(401);
  });

  it('lets a test set claims for the endpoint, keeping derived claims consistent', async () => {
    stack.setClaims({ repository: 'acme/widget', repository_visibility: 'private' });
    try {
      const res = await fetch(`${stack.env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=sigstore`, {
        headers: { authorization: `Bearer ${stack.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` },
      });
      const claims = tokenClaims(((await res.json()) as { value: string }).value);
      expect(claims).toMatchObject({
        repository: 'acme/widget',
        repository_owner: 'acme',
        repository_visibility: 'private',
      });
      expect(claims['job_workflow_ref']).toMatch(/^acme\/widget\/\.github\/workflows\//);
    } finally {
      stack.setClaims({});
    }
  });
});

describe('Fulcio front', () => {
  it('issues a certificate whose SAN and GitHub extensions come from the token, as Fulcio does', async () => {
    const token = stack.issueToken({
      repository: 'acme/widget',
      job_workflow_ref: 'lfdt/provenant/.github/workflows/provenance.yml@refs/tags/v2.0.0',
      job_workflow_sha: 'a'.repeat(40),
      sha: 'b'.repeat(40),
      event_name: 'release',
      run_id: '77',
      run_attempt: '3',
      runner_environment: 'self-hosted',
      repository_visibility: 'internal',
      environment: 'release',
      sub: 'repo:acme/widget:environment:release',
    });
    const res = await postJson(`${stack.urls.fulcio}/api/v2/signingCert`, csrFor(token));
    expect(res.status).toBe(201);
    const pems = (
      (await res.json()) as { signedCertificateEmbeddedSct: { chain: { certificates: string[] } } }
    ).signedCertificateEmbeddedSct.chain.certificates;
    const leaf = new NodeX509(pems[0]!);
    expect(leaf.verify(new NodeX509(stack.caCertificatePem).publicKey)).toBe(true);
    const claims = certificateClaims(new Uint8Array(leaf.raw));
    expect(claims).toMatchObject({
      subjectAlternativeName:
        'https://github.com/lfdt/provenant/.github/workflows/provenance.yml@refs/tags/v2.0.0',
      issuer: 'https://token.actions.githubusercontent.com',
      buildSignerURI: 'https://github.com/lfdt/provenant/.github/workflows/provenance.yml@refs/tags/v2.0.0',
      buildSignerDigest: 'a'.repeat(40),
      runnerEnvironment: 'self-hosted',
      sourceRepositoryURI: 'https://github.com/acme/widget',
      sourceRepositoryDigest: 'b'.repeat(40),
      sourceRepositoryRef: 'refs/tags/v1.0.0',
      sourceRepositoryIdentifier: '123456789',
      sourceRepositoryOwnerURI: 'https://github.com/acme',
      sourceRepositoryOwnerIdentifier: '987654321',
      buildConfigURI: 'https://github.com/acme/widget/.github/workflows/release.yml@refs/tags/v1.0.0',
      buildConfigDigest: 'b'.repeat(40),
      buildTrigger: 'release',
      runInvocationURI: 'https://github.com/acme/widget/actions/runs/77/attempts/3',
      sourceRepositoryVisibilityAtSigning: 'internal',
      deploymentEnvironment: 'release',
      tokenSubject: 'repo:acme/widget:environment:release',
    });
  });

  const expiredAt = Math.floor(Date.now() / 1000) - 60;
  it.each([
    ['a signature from an untrusted key', () => stack.issueForeignToken(), /signature/],
    ['the wrong audience', () => stack.issueToken({ aud: 'not-sigstore' }), /audience/],
    [
      'a past expiry',
      () => stack.issueToken({ exp: expiredAt, iat: expiredAt - 600, nbf: expiredAt - 600 }),
      /expired/,
    ],
    ['alg none', () => unsignedToken(), /algorithm/],
  ])('rejects a token with %s (and never echoes it)', async (_label, make, why) => {
    const token = make();
    const res = await postJson(`${stack.urls.fulcio}/api/v2/signingCert`, csrFor(token));
    expect(res.status).toBe(401);
    const text = await res.text();
    expect(text).toMatch(why);
    expect(text).not.toContain(token);
    expect(text).not.toContain(token.split('.')[2] || token.split('.')[1]!);
  });

  it('rejects a proof of possession made with another key', async () => {
    const token = stack.issueToken();
    const request = csrFor(token);
    request.publicKeyRequest.proofOfPossession = csrFor(token).publicKeyRequest.proofOfPossession;
    const res = await postJson(`${stack.urls.fulcio}/api/v2/signingCert`, request);
    expect(res.status).toBe(400);
  });
});

describe('TSA', () => {
  it('stamps at whole seconds (the mock drops trailing zeros of milliseconds, which breaks parsers)', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await postJson(`${stack.urls.tsa}/api/v1/timestamp`, {
        artifactHash: Buffer.alloc(32, i).toString('base64'),
        hashAlgorithm: 'sha256',
      });
      expect(res.status).toBe(201);
      const der = Buffer.from(await res.arrayBuffer());
      expect(RFC3161Timestamp.parse(der).status).toBe(0n);
      // Parsers differ on fractions (ours ignores them), so look at the encoding: every GeneralizedTime is YYYYMMDDHHMMSSZ.
      // eslint-disable-next-line no-control-regex -- 0x18 is the DER tag of GeneralizedTime
      const times = [...der.toString('latin1').matchAll(/\x18([\s\S])(\d{14}[.\dZ]*)/g)].map((m) =>
        m[2]!.slice(0, m[1]!.charCodeAt(0)),
      );
      expect(times.length).toBeGreaterThan(0);
      for (const time of times) expect(time).toMatch(/^\d{14}Z$/);
    }
  });
});

describe('trusted root', () => {
  it('is written to disk and names the stack keys and URLs, with backdated validity', async () => {
    const root = JSON.parse(await readFile(stack.trustedRootPath, 'utf8')) as {
      mediaType: string;
      tlogs: { baseUrl: string; publicKey: { validFor: { start: string } } }[];
      certificateAuthorities: { certChain: { certificates: unknown[] }; validFor: { start: string } }[];
      ctlogs: unknown[];
      timestampAuthorities: { certChain: { certificates: unknown[] } }[];
    };
    expect(root.mediaType).toBe('application/vnd.dev.sigstore.trustedroot+json;version=0.1');
    expect(root.tlogs[0]!.baseUrl).toBe(stack.urls.rekor);
    expect(Date.parse(root.tlogs[0]!.publicKey.validFor.start)).toBeLessThan(Date.now() - 60_000);
    expect(Date.parse(root.certificateAuthorities[0]!.validFor.start)).toBeLessThan(Date.now() - 60_000);
    expect(root.ctlogs).toHaveLength(1);
    expect(root.timestampAuthorities[0]!.certChain.certificates).toHaveLength(2);
  });
});

describe('fault modes', () => {
  const url = (): string => `${stack.urls.fulcio}/api/v2/signingCert`;
  const good = () => csrFor(stack.issueToken());

  it('fails the next N requests with a status, then serves again', async () => {
    stack.faults.clear();
    stack.faults.failNext('fulcio', 2, 502);
    expect((await postJson(url(), good())).status).toBe(502);
    expect((await postJson(url(), good())).status).toBe(502);
    expect((await postJson(url(), good())).status).toBe(201);
    expect(stack.faults.requests('fulcio')).toBe(3);
  });

  it('answers 429 with Retry-After', async () => {
    stack.faults.rateLimitNext('rekor', 1, 9);
    const res = await postJson(`${stack.urls.rekor}/api/v1/log/entries`, {});
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('9');
  });

  it('garbles a body after doing the work', async () => {
    stack.faults.garbleNext('fulcio');
    const res = await postJson(url(), good());
    expect(res.status).toBe(201);
    await expect(res.json()).rejects.toThrow();
  });

  it('resets the connection', async () => {
    stack.faults.resetNext('tsa');
    await expect(postJson(`${stack.urls.tsa}/api/v1/timestamp`, {})).rejects.toThrow();
    expect(stack.faults.pending('tsa')).toBe(0);
  });

  it('delays, then answers normally', async () => {
    stack.faults.delayNext('fulcio', 1, 50);
    expect((await postJson(url(), good())).status).toBe(201);
    expect(stack.faults.pending('fulcio')).toBe(0);
  });
});

function unsignedToken(): string {
  const enc = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
  const claims = tokenClaims(stack.issueToken());
  return `${enc({ alg: 'none', typ: 'JWT' })}.${enc(claims)}.`;
}
