/**
 * A throwaway PostgreSQL cluster for tests: Debian's `postgresql` package (initdb, pg_ctl), a fresh data directory in
 * a temporary folder, listening on 127.0.0.1 at a free port, trust authentication for local connections only. As
 * root (CI), the server runs as the `postgres` user the package creates, since PostgreSQL refuses to run as root.
 * Missing binaries fail the test with what to install: nothing is skipped.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Postgres {
  url: string;
  stop(): Promise<void>;
}

function binDir(): string {
  for (const dir of (process.env.PATH ?? '').split(':')) if (existsSync(path.join(dir, 'initdb'))) return dir;
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions)
    if (existsSync(path.join(base, v, 'bin', 'initdb'))) return path.join(base, v, 'bin');
  throw new Error(
    'PostgreSQL is not installed: expected initdb and pg_ctl on PATH or in /usr/lib/postgresql/*/bin. Install the Debian package `postgresql` (apt-get install -y postgresql).',
  );
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function startPostgres(): Promise<Postgres> {
  const bin = binDir();
  const dir = await mkdtemp(path.join(tmpdir(), 'provenant-pg-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? await run('id', ['-u', 'postgres']).then((r) => Number(r.stdout.trim())) : undefined;
  const group = asRoot ? await run('id', ['-g', 'postgres']).then((r) => Number(r.stdout.trim())) : undefined;
  if (user !== undefined && group !== undefined) await chown(dir, user, group);
  const as = (file: string, args: string[]): [string, string[]] =>
    asRoot
      ? ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', path.join(bin, file), ...args]]
      : [path.join(bin, file), args];
  const port = await freePort();
  await run(...as('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']), {
    cwd: dir,
  });
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c max_connections=100`;
  await run(...as('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-o', options, '-w', 'start']), {
    cwd: dir,
  });
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await run(...as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']), { cwd: dir }).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
