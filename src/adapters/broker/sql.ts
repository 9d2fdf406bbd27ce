/** The broker's tables, and the row shape both stores map to and from. Keys are stored sealed, never in the clear. */
import type { AuditEntry, StoredKey } from '../../app/broker/ports.js';

export const KEY_COLUMNS = [
  'artifact',
  'sealed_key',
  'kek_id',
  'policy',
  'publisher_identity',
  'publisher_issuer',
  'plaintext_name',
  'plaintext_sha256',
  'key_commitment',
  'created_at',
] as const;

export function keyRow(k: StoredKey): string[] {
  return [
    k.artifact,
    k.sealedKey,
    k.kekId,
    k.policy,
    k.publisherIdentity,
    k.publisherIssuer,
    k.plaintextName,
    k.plaintextSha256,
    k.keyCommitment,
    k.createdAt,
  ];
}

export function keyFromRow(r: Record<string, unknown>): StoredKey {
  const s = (name: string) => String(r[name]);
  return {
    artifact: s('artifact'),
    sealedKey: s('sealed_key'),
    kekId: s('kek_id'),
    policy: s('policy'),
    publisherIdentity: s('publisher_identity'),
    publisherIssuer: s('publisher_issuer'),
    plaintextName: s('plaintext_name'),
    plaintextSha256: s('plaintext_sha256'),
    keyCommitment: s('key_commitment'),
    createdAt: s('created_at'),
  };
}

/** Used nonces are kept this long after they expire, so a late replay is still named a replay. */
export const USED_NONCE_RETENTION_MS = 24 * 3600 * 1000;

export function auditRow(e: AuditEntry): [string, string, string, string | null, number, string] {
  return [e.time, e.instance, e.action, e.artifact ?? null, e.allowed ? 1 : 0, JSON.stringify(e)];
}

export const TABLES = (text: string, serial: string) => [
  `CREATE TABLE IF NOT EXISTS nonces (nonce ${text} PRIMARY KEY, issued_at ${text} NOT NULL, expires_at ${text} NOT NULL, used_at ${text})`,
  `CREATE TABLE IF NOT EXISTS keys (${KEY_COLUMNS.map((c, i) => `${c} ${text} ${i === 0 ? 'PRIMARY KEY' : 'NOT NULL'}`).join(', ')})`,
  `CREATE TABLE IF NOT EXISTS audit (id ${serial} PRIMARY KEY, time ${text} NOT NULL, instance ${text} NOT NULL, action ${text} NOT NULL, artifact ${text}, allowed INTEGER NOT NULL, entry ${text} NOT NULL)`,
];
