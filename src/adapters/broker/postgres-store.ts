/**
 * The shared store: PostgreSQL (`--database postgres://…`), for several broker instances behind one address. Every
 * check that must hold across instances is one statement the database serialises: a nonce is used by a single
 * UPDATE … WHERE used_at IS NULL (two instances racing on it: one wins), a key is inserted once (ON CONFLICT DO
 * NOTHING). The tables are created under an advisory lock, so instances starting together do not race on them.
 */
import type { Pool as PgPool } from 'pg';
import type { AuditEntry, BrokerStore, NonceState, StoredKey } from '../../app/broker/ports.js';
import { ProvenantError } from '../../core/errors.js';
import { auditRow, KEY_COLUMNS, keyFromRow, keyRow, TABLES, USED_NONCE_RETENTION_MS } from './sql.js';

/** An arbitrary constant: the advisory lock that serialises the schema's creation. */
const SCHEMA_LOCK = 7_340_021;

async function migrate(pool: PgPool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    for (const sql of TABLES('TEXT', 'BIGSERIAL')) await client.query(sql);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}

/** The URL without its password, for messages. */
function shown(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the --database URL';
  }
}

export async function openPostgresStore(url: string): Promise<BrokerStore> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', () => {}); // an idle client's lost connection: the next query reconnects
  try {
    await migrate(pool);
  } catch (e) {
    await pool.end().catch(() => {});
    throw new ProvenantError(
      'BROKER_UNAVAILABLE',
      `--database ${shown(url)}: expected a PostgreSQL server to connect to, got ${(e as Error).message}.`,
      { cause: e },
    );
  }
  const q = async (sql: string, params: unknown[]) =>
    (await pool.query(sql, params)).rows as Record<string, unknown>[];
  return {
    addNonce: async (nonce, issuedAt, expiresAt) => {
      await q('DELETE FROM nonces WHERE expires_at < $1', [
        new Date(issuedAt.getTime() - USED_NONCE_RETENTION_MS).toISOString(),
      ]);
      await q('INSERT INTO nonces (nonce, issued_at, expires_at) VALUES ($1, $2, $3)', [
        nonce,
        issuedAt.toISOString(),
        expiresAt.toISOString(),
      ]);
    },
    useNonce: async (nonce, now): Promise<NonceState> => {
      const [row] = await q(
        'UPDATE nonces SET used_at = $1 WHERE nonce = $2 AND used_at IS NULL RETURNING expires_at',
        [now.toISOString(), nonce],
      );
      if (row) return new Date(String(row.expires_at)) < now ? 'expired' : 'fresh';
      return (await q('SELECT 1 FROM nonces WHERE nonce = $1', [nonce])).length > 0 ? 'used' : 'unknown';
    },
    putKey: async (key: StoredKey) => {
      const rows = await q(
        `INSERT INTO keys (${KEY_COLUMNS.join(', ')}) VALUES (${KEY_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}) ON CONFLICT (artifact) DO NOTHING RETURNING artifact`,
        keyRow(key),
      );
      return rows.length === 1 ? 'created' : 'exists';
    },
    getKey: async (artifact) => {
      const [row] = await q('SELECT * FROM keys WHERE artifact = $1', [artifact]);
      return row ? keyFromRow(row) : undefined;
    },
    audit: async (entry: AuditEntry) => {
      await q(
        'INSERT INTO audit (time, instance, action, artifact, allowed, entry) VALUES ($1, $2, $3, $4, $5, $6)',
        auditRow(entry),
      );
    },
    auditEntries: async () =>
      (await q('SELECT entry FROM audit ORDER BY id', [])).map(
        (r) => JSON.parse(String(r.entry)) as AuditEntry,
      ),
    close: () => pool.end(),
  };
}
