/**
 * A TUF repository of our own, as a foundation running its own Sigstore instance would publish one: root, timestamp,
 * snapshot and targets metadata with real ECDSA P-256 keys, consistent snapshots, and the instance's targets
 * (`trusted_root.json`, `signing_config.v0.2.json`), served over HTTP on 127.0.0.1 the way a TUF client fetches
 * them (`<version>.root.json`, `timestamp.json`, `<version>.snapshot.json`, `<version>.targets.json`,
 * `targets/<sha256>.<name>`). Tests rotate keys, replace targets, expire roles and roll versions back through it.
 */
import { createHash, generateKeyPairSync, sign as signData, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { canonicalize } from '@tufjs/canonical-json';
import {
  Key,
  Metadata,
  MetaFile,
  Root,
  Signature,
  Snapshot,
  TargetFile,
  Targets,
  Timestamp,
} from '@tufjs/models';

export type RoleName = 'root' | 'timestamp' | 'snapshot' | 'targets';
const ROLES: RoleName[] = ['root', 'timestamp', 'snapshot', 'targets'];
const SPEC_VERSION = '1.0.31';

interface SigningKey {
  id: string;
  key: Key;
  private: KeyObject;
}

function newKey(): SigningKey {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const keyVal = { public: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
  const body = { keytype: 'ecdsa', scheme: 'ecdsa-sha2-nistp256', keyval: keyVal };
  const id = createHash('sha256').update(canonicalize(body)).digest('hex');
  return {
    id,
    key: new Key({ keyID: id, keyType: 'ecdsa', scheme: 'ecdsa-sha2-nistp256', keyVal }),
    private: privateKey,
  };
}

function signWith(keys: SigningKey[]) {
  return (md: Metadata<Root | Timestamp | Snapshot | Targets>): void => {
    for (const k of keys) {
      md.sign(
        (data: Buffer) =>
          new Signature({ keyID: k.id, sig: signData('sha256', data, k.private).toString('hex') }),
        true,
      );
    }
  };
}

const inDays = (days: number): string =>
  new Date(Date.now() + days * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');

export interface TufRepo {
  /** The mirror URL a client is pointed at. */
  readonly url: string;
  /** The current root metadata, as a client's initial `root.json` (`--tuf-root`). */
  rootJson(): string;
  /** Replaces (or adds) a target and publishes new targets, snapshot and timestamp metadata. */
  setTarget(name: string, content: string | Buffer): void;
  /** A new key for `role`, the old one revoked; root is re-signed by the old and the new root keys. */
  rotate(role: RoleName): void;
  /** Publishes the role again with an expiry in the past (or `days` from now). */
  expire(role: Exclude<RoleName, 'root'>, days?: number): void;
  /** Serves an older version of the timestamp again, as a freeze or rollback attacker would. */
  rollBackTimestamp(): void;
  /** Requests served, by path, for tests that count or assert fetches. */
  readonly requests: string[];
  stop(): Promise<void>;
}

export async function startTufRepo(targets: Record<string, string | Buffer>): Promise<TufRepo> {
  const keys = Object.fromEntries(ROLES.map((r) => [r, newKey()])) as Record<RoleName, SigningKey>;
  const files = new Map<string, Buffer>();
  const requests: string[] = [];
  const published: Record<string, Buffer> = {};
  const targetFiles = new Map<string, Buffer>(Object.entries(targets).map(([n, c]) => [n, Buffer.from(c)]));
  const versions: Record<RoleName, number> = { root: 0, timestamp: 0, snapshot: 0, targets: 0 };
  const history: Buffer[] = [];
  let expiry: Partial<Record<RoleName, number>> = {};

  const publish = (path: string, md: Metadata<Root | Timestamp | Snapshot | Targets>): Buffer => {
    const bytes = Buffer.from(JSON.stringify(md.toJSON()));
    files.set(path, bytes);
    return bytes;
  };

  const publishRoot = (signers: SigningKey[]): void => {
    versions.root++;
    const root = new Root({
      version: versions.root,
      specVersion: SPEC_VERSION,
      expires: inDays(365),
      consistentSnapshot: true,
    });
    for (const r of ROLES) root.addKey(keys[r].key, r);
    const md = new Metadata(root);
    signWith(signers)(md);
    published.root = publish(`${versions.root}.root.json`, md);
  };

  const publishTop = (): void => {
    versions.targets++;
    const t = new Targets({
      version: versions.targets,
      specVersion: SPEC_VERSION,
      expires: inDays(expiry.targets ?? 90),
    });
    for (const [name, content] of targetFiles) {
      const sha256 = createHash('sha256').update(content).digest('hex');
      t.addTarget(new TargetFile({ path: name, length: content.length, hashes: { sha256 } }));
      files.set(`targets/${sha256}.${name}`, content);
    }
    const tmd = new Metadata(t);
    signWith([keys.targets])(tmd);
    const tBytes = publish(`${versions.targets}.targets.json`, tmd);
    versions.snapshot++;
    const s = new Snapshot({
      version: versions.snapshot,
      specVersion: SPEC_VERSION,
      expires: inDays(expiry.snapshot ?? 30),
      meta: { 'targets.json': new MetaFile({ version: versions.targets, length: tBytes.length }) },
    });
    const smd = new Metadata(s);
    signWith([keys.snapshot])(smd);
    const sBytes = publish(`${versions.snapshot}.snapshot.json`, smd);
    versions.timestamp++;
    const ts = new Timestamp({
      version: versions.timestamp,
      specVersion: SPEC_VERSION,
      expires: inDays(expiry.timestamp ?? 1),
      snapshotMeta: new MetaFile({
        version: versions.snapshot,
        length: sBytes.length,
        hashes: { sha256: createHash('sha256').update(sBytes).digest('hex') },
      }),
    });
    const tsmd = new Metadata(ts);
    signWith([keys.timestamp])(tsmd);
    const bytes = Buffer.from(JSON.stringify(tsmd.toJSON()));
    history.push(bytes);
    files.set('timestamp.json', bytes);
  };

  publishRoot([keys.root]);
  publishTop();

  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
    requests.push(path);
    const body = files.get(path);
    if (req.method !== 'GET' || !body) {
      res.writeHead(404).end();
      return;
    }
    res
      .writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length })
      .end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    rootJson: () => published.root!.toString(),
    setTarget: (name, content) => {
      targetFiles.set(name, Buffer.from(content));
      publishTop();
    },
    rotate: (role) => {
      const old = keys[role];
      keys[role] = newKey();
      // A new root must be signed by the keys of the root before it and of itself.
      publishRoot(role === 'root' ? [old, keys.root] : [keys.root]);
      if (role !== 'root') publishTop();
    },
    expire: (role, days = -1) => {
      expiry = { ...expiry, [role]: days };
      publishTop();
    },
    rollBackTimestamp: () => {
      const first = history[0];
      if (first) files.set('timestamp.json', first);
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
