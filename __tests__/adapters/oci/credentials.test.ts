import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RegistryClient } from '../../../src/adapters/oci/client.js';
import { credentialsFor, dockerConfigPath } from '../../../src/adapters/oci/credentials.js';

let dir: string;
const savedPath = process.env.PATH;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'provenant-creds-'));
  // A credential helper as docker runs it: the server on stdin, JSON on stdout.
  await mkdir(path.join(dir, 'bin'));
  const helper = path.join(dir, 'bin', 'docker-credential-fake');
  await writeFile(
    helper,
    '#!/bin/sh\nread server\nif [ "$server" = "reg.example:5000" ]; then echo \'{"Username":"helper-user","Secret":"helper-secret"}\'; else echo "credentials not found in native keychain"; exit 1; fi\n',
  );
  await chmod(helper, 0o755);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function config(name: string, content: unknown): Promise<Record<string, string>> {
  const d = path.join(dir, name);
  await mkdir(d, { recursive: true });
  await writeFile(
    path.join(d, 'config.json'),
    typeof content === 'string' ? content : JSON.stringify(content),
  );
  return { DOCKER_CONFIG: d, PATH: `${path.join(dir, 'bin')}:${savedPath ?? ''}` };
}

describe("registry credentials from docker's config", () => {
  it('honours DOCKER_CONFIG, else ~/.docker', () => {
    expect(dockerConfigPath({ DOCKER_CONFIG: '/x' })).toBe('/x/config.json');
    expect(dockerConfigPath({ HOME: '/home/me' })).toBe('/home/me/.docker/config.json');
  });

  it('reads auths under the keys docker writes, and Docker Hub under its historical URL', async () => {
    const auth = (u: string) => Buffer.from(`${u}:pw:with:colons`).toString('base64');
    const env = await config('auths', {
      auths: {
        'https://ghcr.io': { auth: auth('gh') },
        'https://index.docker.io/v1/': { auth: auth('hub') },
        'quay.io': { username: 'q', password: 'qpw' },
      },
    });
    expect(await credentialsFor('ghcr.io', { env })).toEqual({ username: 'gh', password: 'pw:with:colons' });
    expect(await credentialsFor('docker.io', { env })).toEqual({
      username: 'hub',
      password: 'pw:with:colons',
    });
    expect(await credentialsFor('quay.io', { env })).toEqual({ username: 'q', password: 'qpw' });
    expect(await credentialsFor('other.example', { env })).toBeUndefined();
    expect(
      await credentialsFor('ghcr.io', { env: { DOCKER_CONFIG: path.join(dir, 'none') } }),
    ).toBeUndefined();
  });

  it('asks a credential helper (credHelpers, then credsStore), and takes "not found" as anonymous', async () => {
    const env = await config('helpers', { credHelpers: { 'reg.example:5000': 'fake' } });
    expect(await credentialsFor('reg.example:5000', { env })).toEqual({
      username: 'helper-user',
      password: 'helper-secret',
    });
    const store = await config('store', { credsStore: 'fake' });
    expect(await credentialsFor('elsewhere.example', { env: store })).toBeUndefined();
    expect(await credentialsFor('reg.example:5000', { env: store })).toEqual({
      username: 'helper-user',
      password: 'helper-secret',
    });
  });

  it('explicit credentials win; a broken config says which file', async () => {
    const env = await config('broken', '{not json');
    expect(await credentialsFor('ghcr.io', { env, explicit: { username: 'a', password: 'b' } })).toEqual({
      username: 'a',
      password: 'b',
    });
    await expect(credentialsFor('ghcr.io', { env })).rejects.toMatchObject({
      code: 'REGISTRY_AUTH_FAILED',
      message: expect.stringContaining(path.join(dir, 'broken', 'config.json')),
    });
  });
});

describe('a busy registry', () => {
  let server: Server;
  let host: string;
  const seen: string[] = [];
  let plan: number[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const status = plan.shift() ?? 200;
      seen.push(`${status}`);
      if (status === 429) res.writeHead(429, { 'retry-after': '1' });
      else res.writeHead(status, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' });
      res.end(status === 200 ? '{"schemaVersion":2}' : '');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    host = `127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('waits out 429 (Retry-After) and 503, then answers', async () => {
    plan = [429, 503, 200];
    const warnings: string[] = [];
    const client = new RegistryClient(host, 'app', {
      backoffUnitMs: 5,
      log: { warn: (m) => warnings.push(m) },
    });
    const answer = await client.send('GET', '/manifests/v1');
    expect(answer.status).toBe(200);
    expect(seen.slice(-3)).toEqual(['429', '503', '200']);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('HTTP 429');
  });

  it('gives up after its retries, naming the registry and the last answer', async () => {
    plan = [503, 503, 503];
    const client = new RegistryClient(host, 'app', { backoffUnitMs: 1, retries: 2, log: { warn: () => {} } });
    await expect(client.send('GET', '/manifests/v1')).rejects.toMatchObject({
      code: 'REGISTRY_FAILED',
      message: expect.stringMatching(
        new RegExp(`^${host}: GET /manifests/v1 failed after 3 attempts \\(HTTP 503\\)`),
      ),
    });
  });
});
