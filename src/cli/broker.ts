/**
 * `provenant broker serve`: the key broker as a long-running service. Composition only: flags → store, master key,
 * trusted root, publisher policy → the broker's use cases behind the HTTP server. It prints its URL as the first
 * line of stdout, then one JSON line per decision (the audit trail, never a key); log lines go to stderr.
 */
import { randomBytes, createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import type { BrokerPorts, BrokerStore } from '../app/broker/ports.js';
import { issueNonce } from '../app/broker/nonces.js';
import { registerKey } from '../app/broker/register-key.js';
import { releaseKey } from '../app/broker/release-key.js';
import { parseListen, serveBroker } from '../adapters/broker/http-server.js';
import { loadMasterKey, localKeyEncryptionKey } from '../adapters/broker/master-key.js';
import { requestVerifier } from '../adapters/broker/request-verifier.js';
import { wrapForRecipient } from '../adapters/encryption/key-wrap.js';
import { trustMaterial } from '../adapters/sigstore/trust.js';
import { parseAccessPolicy } from '../core/encryption/access-policy.js';
import { inputError, ProvenantError } from '../core/errors.js';
import { parseCommandArgs } from './args.js';
import type { CliCommand, CliIO } from './command.js';
import { stderrLogger } from './subject-options.js';
import { TRUST_SOURCE_USAGE, trustedRootFrom } from './trust-source.js';

const usage = `Usage: provenant broker serve --listen HOST:PORT --publisher-policy FILE (--data DIR | --database URL) [options]

Runs the key broker: publishers register an artifact's data key with a keyless-signed request; platforms whose
keyless-signed key request satisfies the artifact's policy get the key back, sealed for a one-time key. Prints the
broker's URL on the first line of stdout, then one JSON audit line per decision.

  --listen HOST:PORT           where to listen (port 0 picks a free one); beyond loopback only with TLS
  --tls-cert FILE --tls-key FILE
                               serve HTTPS with this certificate chain and key (PEM)
  --data DIR                   keep keys, nonces and the audit trail in DIR/broker.sqlite (node:sqlite)
  --database URL               or in PostgreSQL (postgres://USER:PASSWORD@HOST:PORT/DB), shared by several brokers
  --publisher-policy FILE      who may register keys: {"allow": [{"repo": "OWNER/REPO", ...}]}
  --master-key-file FILE       the 256-bit master key data keys are sealed under at rest
                               (default: $PROVENANT_BROKER_MASTER_KEY; 64 hex characters or base64)
  --nonce-ttl SECONDS          how long a nonce may be used (default 300)
  --instance-name NAME         this broker's name in the audit trail (default HOST:PID)
Trust (the Sigstore instance whose signatures the broker accepts):
${TRUST_SOURCE_USAGE}`;

const flags = {
  listen: { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  data: { type: 'string' },
  database: { type: 'string' },
  'publisher-policy': { type: 'string' },
  'master-key-file': { type: 'string' },
  'nonce-ttl': { type: 'string' },
  'instance-name': { type: 'string' },
  'trusted-root': { type: 'string' },
  'tuf-mirror': { type: 'string' },
  'tuf-root': { type: 'string' },
  'tuf-cache-dir': { type: 'string' },
  instance: { type: 'string' },
} as const;

type Values = Record<string, string | boolean | undefined>;
const str = (v: Values, name: string) => (typeof v[name] === 'string' ? v[name] : undefined);

async function openStore(values: Values, cwd: string): Promise<BrokerStore> {
  const database = str(values, 'database');
  const data = str(values, 'data');
  if (database) {
    if (!/^postgres(ql)?:\/\//.test(database))
      throw inputError(
        'USAGE',
        '--database: expected a postgres:// URL, got another scheme. Without --database the broker keeps its store in --data DIR.',
      );
    return (await import('../adapters/broker/postgres-store.js')).openPostgresStore(database);
  }
  if (!data)
    throw inputError(
      'USAGE',
      'expected --data DIR (for the SQLite store) or --database postgres://…, got neither.',
    );
  return (await import('../adapters/broker/sqlite-store.js')).openSqliteStore(path.resolve(cwd, data));
}

async function readRequired(
  values: Values,
  name: string,
  cwd: string,
): Promise<{ file: string; text: string }> {
  const given = str(values, name);
  if (!given)
    throw inputError('USAGE', `expected --${name} FILE, got none. Run \`provenant broker serve --help\`.`);
  const file = path.resolve(cwd, given);
  try {
    return { file, text: await readFile(file, 'utf8') };
  } catch (e) {
    throw inputError(
      'FILE_NOT_FOUND',
      `--${name} ${given}: expected a readable file, got ${(e as NodeJS.ErrnoException).code ?? 'an error'}.`,
      e,
    );
  }
}

function nonceTtl(values: Values): number {
  const given = str(values, 'nonce-ttl') ?? '300';
  if (!/^\d{1,6}$/.test(given) || Number(given) < 1)
    throw inputError(
      'USAGE',
      `--nonce-ttl: expected a whole number of seconds from 1 to 999999, got ${JSON.stringify(given)}.`,
    );
  return Number(given) * 1000;
}

async function tls(values: Values, cwd: string) {
  const cert = str(values, 'tls-cert');
  const key = str(values, 'tls-key');
  if (!cert && !key) return undefined;
  if (!cert || !key)
    throw inputError('USAGE', 'expected --tls-cert and --tls-key together, got one of them.');
  return { cert: await readFile(path.resolve(cwd, cert)), key: await readFile(path.resolve(cwd, key)) };
}

async function ports(values: Values, io: CliIO, store: BrokerStore): Promise<BrokerPorts> {
  const policy = await readRequired(values, 'publisher-policy', io.cwd);
  const root = await trustedRootFrom(values, io.cwd, io.env);
  const masterKey = await loadMasterKey(
    str(values, 'master-key-file') && path.resolve(io.cwd, str(values, 'master-key-file')!),
    io.env,
  );
  const log = stderrLogger(io);
  const audited: BrokerStore = {
    ...store,
    audit: async (entry) => {
      await store.audit(entry);
      io.stdout(`${JSON.stringify({ audit: entry })}\n`);
    },
  };
  return {
    store: audited,
    kek: localKeyEncryptionKey(masterKey),
    verifyRequest: requestVerifier(trustMaterial(root)),
    wrapForRecipient,
    publisherPolicy: parseAccessPolicy(policy.text, `--publisher-policy ${policy.file}`),
    newNonce: () => randomBytes(32).toString('base64url'),
    now: () => new Date(),
    nonceTtlMs: nonceTtl(values),
    instance: str(values, 'instance-name') ?? `${hostname()}:${process.pid}`,
    log,
  };
}

const hashing = { sha256: (data: Buffer | string) => createHash('sha256').update(data).digest('hex') };

/** Serves until SIGINT or SIGTERM, then closes the listener and the store (every answered request is on disk). */
async function serve(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('broker serve', argv, flags);
  if (positionals.length > 0)
    throw inputError(
      'USAGE',
      `provenant broker serve: expected no arguments, got ${JSON.stringify(positionals[0])}.`,
    );
  const listen = parseListen(str(values, 'listen') ?? '');
  const tlsFiles = await tls(values, io.cwd);
  const store = await openStore(values, io.cwd);
  try {
    const p = await ports(values, io, store);
    const running = await serveBroker({
      ...listen,
      ...(tlsFiles ? { tls: tlsFiles } : {}),
      handlers: {
        nonce: () => issueNonce(p),
        register: (b) => registerKey(b, p, hashing),
        release: (b) => releaseKey(b, p),
      },
      onError: (e) => p.log.warn(`broker: ${(e as Error).message}`),
    });
    io.stdout(`${running.url}\n`);
    p.log.info(`Key broker ${p.instance} listening on ${running.url} (master key ${p.kek.id})`);
    await new Promise<void>((resolve) => {
      for (const s of ['SIGINT', 'SIGTERM'] as const) process.once(s, () => resolve());
    });
    await running.close();
    return 0;
  } finally {
    await store.close();
  }
}

export const command: CliCommand = {
  name: 'broker',
  summary: "run the key broker that releases encrypted artifacts' keys to authorized platforms",
  usage,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub !== 'serve')
      throw new ProvenantError(
        'USAGE',
        `provenant broker: expected the subcommand serve, got ${JSON.stringify(sub ?? '')}. ${usage.split('\n')[0]}`,
      );
    return serve(rest, io);
  },
};
