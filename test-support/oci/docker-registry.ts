/**
 * Debian's `docker-registry` (distribution 2.8, no referrers API) on 127.0.0.1 with a temporary storage directory,
 * anonymous or behind htpasswd (bcrypt, the only hash it takes). Fails loudly when the program is missing: the tests
 * that use it must not pass by skipping.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import bcrypt from 'bcryptjs';

export interface DockerRegistry {
  /** `127.0.0.1:PORT`, the registry part of image references. */
  host: string;
  url: string;
  stop(): Promise<void>;
}

const BINARY = 'docker-registry';

export function requireProgram(name: string, debianPackage: string): void {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  if (found.status !== 0) {
    throw new Error(
      `${name} is not installed: these tests need Debian's ${debianPackage} (apt-get install ${debianPackage}).`,
    );
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited with ${child.exitCode}: ${log()}`);
    try {
      const r = await fetch(`${url}/v2/`);
      if (r.status === 200 || r.status === 401) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`docker-registry did not answer on ${url}: ${log()}`);
}

export async function startDockerRegistry(
  options: { auth?: { username: string; password: string } } = {},
): Promise<DockerRegistry> {
  requireProgram(BINARY, 'docker-registry');
  const dir = await mkdtemp(path.join(tmpdir(), 'provenant-registry-'));
  const port = await freePort();
  const auth = options.auth
    ? `auth:\n  htpasswd:\n    realm: provenant-test\n    path: ${path.join(dir, 'htpasswd')}\n`
    : '';
  if (options.auth) {
    await writeFile(
      path.join(dir, 'htpasswd'),
      `${options.auth.username}:${bcrypt.hashSync(options.auth.password, 5)}\n`,
    );
  }
  const config = [
    'version: 0.1',
    'log:\n  level: error\n  accesslog:\n    disabled: true',
    `storage:\n  filesystem:\n    rootdirectory: ${path.join(dir, 'storage')}\n  delete:\n    enabled: true`,
    `http:\n  addr: 127.0.0.1:${port}`,
    auth,
  ].join('\n');
  await writeFile(path.join(dir, 'config.yml'), config);
  const child = spawn(BINARY, ['serve', path.join(dir, 'config.yml')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp(url, child, () => output);
  return {
    host: `127.0.0.1:${port}`,
    url,
    async stop() {
      if (child.exitCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await gone;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
