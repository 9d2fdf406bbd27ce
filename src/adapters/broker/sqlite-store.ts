/**
 * The embedded store: one SQLite file (Node's built-in node:sqlite) under the broker's data directory, in WAL mode,
 * written before any answer goes out, so a broker that stops at any point restarts with every key it confirmed.
 */
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { ProvenantError } from '../../core/errors.js';
import type { AuditEntry, BrokerStore, NonceState, StoredKey } from '../../app/broker/ports.js';
import { auditRow, KEY_COLUMNS, keyFromRow, keyRow, TABLES, USED_NONCE_RETENTION_MS } from './sql.js';

export const SQLITE_FILE = 'broker.sqlite';

export async function openSqliteStore(dataDir: string): Promise<BrokerStore> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await chmod(dataDir, 0o700);
  const { DatabaseSync } = await import('node:sqlite').catch((e: unknown) => {
    throw new ProvenantError(
      'BROKER_CONFIG_INVALID',
      `--data: expected Node's built-in SQLite (node:sqlite, Node 24), got Node ${process.version} without it. Run the broker on Node 24, or give --database postgres://….`,
      { cause: e },
    );
  });
  const db: DatabaseSync = new DatabaseSync(path.join(dataDir, SQLITE_FILE));
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;');
  for (const sql of TABLES('TEXT', 'INTEGER')) db.exec(sql);
  const insertKey = db.prepare(
    `INSERT INTO keys (${KEY_COLUMNS.join(', ')}) VALUES (${KEY_COLUMNS.map(() => '?').join(', ')}) ON CONFLICT (artifact) DO NOTHING`,
  );
  const selectKey = db.prepare('SELECT * FROM keys WHERE artifact = ?');
  const useNonce = db.prepare(
    'UPDATE nonces SET used_at = ? WHERE nonce = ? AND used_at IS NULL RETURNING expires_at',
  );
  const nonceExists = db.prepare('SELECT 1 AS found FROM nonces WHERE nonce = ?');
  const addNonce = db.prepare('INSERT INTO nonces (nonce, issued_at, expires_at) VALUES (?, ?, ?)');
  const prune = db.prepare('DELETE FROM nonces WHERE expires_at < ?');
  const addAudit = db.prepare(
    'INSERT INTO audit (time, instance, action, artifact, allowed, entry) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const allAudit = db.prepare('SELECT entry FROM audit ORDER BY id');
  return {
    addNonce: (nonce, issuedAt, expiresAt) => {
      prune.run(new Date(issuedAt.getTime() - USED_NONCE_RETENTION_MS).toISOString());
      addNonce.run(nonce, issuedAt.toISOString(), expiresAt.toISOString());
      return Promise.resolve();
    },
    useNonce: (nonce, now): Promise<NonceState> => {
      const row = useNonce.get(now.toISOString(), nonce) as { expires_at: string } | undefined;
      if (row) return Promise.resolve(new Date(row.expires_at) < now ? 'expired' : 'fresh');
      return Promise.resolve(nonceExists.get(nonce) ? 'used' : 'unknown');
    },
    putKey: (key: StoredKey) =>
      Promise.resolve(insertKey.run(...keyRow(key)).changes === 1 ? 'created' : 'exists'),
    getKey: (artifact) => {
      const row = selectKey.get(artifact) as Record<string, unknown> | undefined;
      return Promise.resolve(row ? keyFromRow(row) : undefined);
    },
    audit: (entry: AuditEntry) => {
      addAudit.run(...auditRow(entry));
      return Promise.resolve();
    },
    auditEntries: () =>
      Promise.resolve(
        allAudit.all().map((r) => JSON.parse(String((r as { entry: string }).entry)) as AuditEntry),
      ),
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}
