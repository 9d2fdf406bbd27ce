/**
 * A registry with the OCI 1.1 referrers API, which no packaged registry has: the distribution-spec's endpoints Provenant
 * and skopeo use (blobs with chunked and monolithic uploads, manifests, tags, referrers), bearer-token auth as
 * registries such as ghcr.io do it, and a check of every exchange against the spec's rules. A request that breaks a
 * rule is refused as the spec says and recorded in `violations`, which tests expect to stay empty.
 *
 * `referrers: 'none'` answers 404 there (distribution 2.8), `'406'` answers 406 (as some registries do).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface EmulatorOptions {
  referrers?: 'api' | 'none' | '406';
  /** Bearer auth: pulls are anonymous, pushes need these credentials. */
  auth?: { username: string; password: string };
}

interface Stored {
  mediaType: string;
  bytes: Buffer;
}

interface Repo {
  blobs: Map<string, Buffer>;
  manifests: Map<string, Stored>;
  tags: Map<string, string>;
}

export interface RegistryEmulator {
  host: string;
  url: string;
  violations: string[];
  /** Every request as `METHOD path`, in order. */
  requests: string[];
  tags(repo: string): string[];
  stop(): Promise<void>;
}

const INDEX = 'application/vnd.oci.image.index.v1+json';
const EMPTY = 'application/vnd.oci.empty.v1+json';
const MANIFEST_TYPES = [
  'application/vnd.oci.image.manifest.v1+json',
  INDEX,
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
];
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const digestOf = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

export async function startRegistryEmulator(options: EmulatorOptions = {}): Promise<RegistryEmulator> {
  const repos = new Map<string, Repo>();
  const uploads = new Map<string, { repo: string; chunks: Buffer[] }>();
  const violations: string[] = [];
  const requests: string[] = [];
  const tokens = new Map<string, string>();
  let origin = '';
  const repo = (name: string) => {
    let r = repos.get(name);
    if (!r) repos.set(name, (r = { blobs: new Map(), manifests: new Map(), tags: new Map() }));
    return r;
  };
  const error = (res: ServerResponse, status: number, code: string, message: string, violation?: string) => {
    if (violation) violations.push(violation);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ errors: [{ code, message }] }));
  };

  /** Bearer tokens: `repository:NAME:pull` for anyone, `pull,push` for the configured user. */
  const authorized = (req: IncomingMessage, res: ServerResponse, name: string, push: boolean): boolean => {
    if (!options.auth) return true;
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const scope = token ? tokens.get(token) : undefined;
    const [, scoped, actions] = /^repository:([^:]+):(.+)$/.exec(scope ?? '') ?? [];
    if (scoped === name && (!push || actions!.split(',').includes('push'))) return true;
    const need = `repository:${name}:${push ? 'pull,push' : 'pull'}`;
    res.writeHead(401, {
      'www-authenticate': `Bearer realm="${origin}/token",service="emulator",scope="${need}"`,
      'content-type': 'application/json',
    });
    res.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }));
    return false;
  };

  const issueToken = (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const scope = url.searchParams.get('scope') ?? '';
    if (url.searchParams.get('service') !== 'emulator')
      violations.push(`token request without service=emulator: ${url.search}`);
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const [user, ...rest] = basic ? Buffer.from(basic, 'base64').toString().split(':') : [];
    const known = options.auth && user === options.auth.username && rest.join(':') === options.auth.password;
    if (basic && !known) return error(res, 401, 'UNAUTHORIZED', 'bad credentials');
    const granted = known ? scope : scope.replace(/:pull,push$|:push,pull$/, ':pull');
    const token = randomUUID();
    tokens.set(token, granted);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ token, access_token: token }));
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', origin);
      requests.push(`${req.method} ${url.pathname}`);
      if (url.pathname === '/token') return issueToken(req, res, url);
      if (url.pathname === '/v2/') {
        // As registries with token auth do: the version check says where tokens come from.
        const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        if (options.auth && !(token && tokens.has(token))) {
          res.writeHead(401, { 'www-authenticate': `Bearer realm="${origin}/token",service="emulator"` });
          return res.end('{}');
        }
        res.writeHead(200, { 'docker-distribution-api-version': 'registry/2.0' });
        return res.end('{}');
      }
      const m = /^\/v2\/(.+)\/(blobs|manifests|referrers)\/(.+)$/.exec(url.pathname);
      if (!m) return error(res, 404, 'NAME_UNKNOWN', 'no route');
      const [, name, kind, ref] = m as unknown as [string, string, string, string];
      const push = !['GET', 'HEAD'].includes(req.method ?? '');
      if (!authorized(req, res, name, push)) return;
      if (kind === 'blobs') return blobs(req, res, url, name, ref, body);
      if (kind === 'manifests') return manifests(req, res, name, ref, body);
      return referrers(res, url, name, ref);
    });
  });

  function blobs(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    name: string,
    ref: string,
    body: Buffer,
  ) {
    const r = repo(name);
    if (ref === 'uploads/' && req.method === 'POST') {
      const id = randomUUID();
      uploads.set(id, { repo: name, chunks: [] });
      res.writeHead(202, {
        location: `/v2/${name}/blobs/uploads/${id}`,
        range: '0-0',
        'docker-upload-uuid': id,
      });
      return res.end();
    }
    const upload = /^uploads\/([\w-]+)$/.exec(ref)?.[1];
    if (upload) {
      const state = uploads.get(upload);
      if (!state || state.repo !== name) return error(res, 404, 'BLOB_UPLOAD_UNKNOWN', 'unknown upload');
      state.chunks.push(body);
      if (req.method === 'PATCH') {
        const size = Buffer.concat(state.chunks).length;
        res.writeHead(202, {
          location: `/v2/${name}/blobs/uploads/${upload}`,
          range: `0-${Math.max(0, size - 1)}`,
        });
        return res.end();
      }
      if (req.method !== 'PUT') return error(res, 405, 'UNSUPPORTED', 'method');
      const digest = url.searchParams.get('digest') ?? '';
      const bytes = Buffer.concat(state.chunks);
      if (!DIGEST.test(digest))
        return error(res, 400, 'DIGEST_INVALID', 'digest', `blob PUT without a valid ?digest= (${digest})`);
      if (digestOf(bytes) !== digest)
        return error(res, 400, 'DIGEST_INVALID', 'mismatch', `blob PUT whose bytes are not ${digest}`);
      uploads.delete(upload);
      r.blobs.set(digest, bytes);
      res.writeHead(201, { location: `/v2/${name}/blobs/${digest}`, 'docker-content-digest': digest });
      return res.end();
    }
    const blob = r.blobs.get(ref);
    if (!blob) return error(res, 404, 'BLOB_UNKNOWN', 'blob unknown');
    res.writeHead(200, {
      'content-length': blob.length,
      'docker-content-digest': ref,
      'content-type': 'application/octet-stream',
    });
    return res.end(req.method === 'HEAD' ? undefined : blob);
  }

  function manifests(req: IncomingMessage, res: ServerResponse, name: string, ref: string, body: Buffer) {
    const r = repo(name);
    if (req.method === 'GET' || req.method === 'HEAD') {
      const digest = DIGEST.test(ref) ? ref : r.tags.get(ref);
      const stored = digest ? r.manifests.get(digest) : undefined;
      if (!stored || !digest) return error(res, 404, 'MANIFEST_UNKNOWN', 'manifest unknown');
      const accept = req.headers.accept ?? '';
      if (accept && !accept.includes(stored.mediaType) && !accept.includes('*/*')) {
        violations.push(`manifest GET of a ${stored.mediaType} with Accept: ${accept}`);
      }
      res.writeHead(200, {
        'content-type': stored.mediaType,
        'docker-content-digest': digest,
        'content-length': stored.bytes.length,
      });
      return res.end(req.method === 'HEAD' ? undefined : stored.bytes);
    }
    if (req.method !== 'PUT') return error(res, 405, 'UNSUPPORTED', 'method');
    return putManifest(req, res, name, r, ref, body);
  }

  function putManifest(
    req: IncomingMessage,
    res: ServerResponse,
    name: string,
    r: Repo,
    ref: string,
    body: Buffer,
  ) {
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
    let doc: any;
    try {
      doc = JSON.parse(body.toString());
    } catch {
      return error(res, 400, 'MANIFEST_INVALID', 'not JSON', 'manifest PUT that is not JSON');
    }
    const digest = digestOf(body);
    if (!MANIFEST_TYPES.includes(contentType))
      return error(res, 400, 'MANIFEST_INVALID', 'type', `manifest PUT with Content-Type ${contentType}`);
    if (doc.mediaType && doc.mediaType !== contentType) {
      return error(
        res,
        400,
        'MANIFEST_INVALID',
        'mediaType',
        `manifest PUT whose mediaType ${doc.mediaType} is not its Content-Type ${contentType}`,
      );
    }
    if (DIGEST.test(ref) && ref !== digest)
      return error(res, 400, 'DIGEST_INVALID', 'digest', `manifest PUT to ${ref} of bytes ${digest}`);
    if (doc.schemaVersion !== 2)
      return error(res, 400, 'MANIFEST_INVALID', 'schemaVersion', 'manifest without schemaVersion 2');
    const missing = [
      ...(contentType === INDEX || doc.manifests
        ? (doc.manifests ?? []).filter((d: any) => !r.manifests.has(d.digest))
        : []),
      ...[doc.config, ...(doc.layers ?? [])].filter((d: any) => d && !r.blobs.has(d.digest)),
    ];
    if (missing.length)
      return error(
        res,
        400,
        'MANIFEST_BLOB_UNKNOWN',
        'unknown',
        `manifest PUT naming ${missing.map((d: any) => d.digest).join(', ')}, not pushed first`,
      );
    if (doc.config?.mediaType === EMPTY && !doc.artifactType) {
      return error(
        res,
        400,
        'MANIFEST_INVALID',
        'artifactType',
        'an empty-config manifest without artifactType (image-spec: it MUST have one)',
      );
    }
    r.manifests.set(digest, { mediaType: contentType, bytes: body });
    if (!DIGEST.test(ref)) r.tags.set(ref, digest);
    const headers: Record<string, string> = {
      location: `/v2/${name}/manifests/${digest}`,
      'docker-content-digest': digest,
    };
    if (doc.subject?.digest && (options.referrers ?? 'api') === 'api')
      headers['oci-subject'] = doc.subject.digest;
    res.writeHead(201, headers);
    return res.end();
  }

  function referrers(res: ServerResponse, url: URL, name: string, subject: string) {
    const mode = options.referrers ?? 'api';
    if (mode === 'none') return error(res, 404, 'NAME_UNKNOWN', 'no route');
    if (mode === '406') return error(res, 406, 'UNSUPPORTED', 'not acceptable');
    if (!DIGEST.test(subject)) return error(res, 400, 'DIGEST_INVALID', 'digest', `referrers of ${subject}`);
    const wanted = url.searchParams.get('artifactType');
    const manifests = [...repo(name).manifests.entries()].flatMap(([digest, stored]) => {
      const doc = JSON.parse(stored.bytes.toString());
      if (doc.subject?.digest !== subject) return [];
      const artifactType = doc.artifactType ?? doc.config?.mediaType;
      if (wanted && artifactType !== wanted) return [];
      return [
        {
          mediaType: stored.mediaType,
          digest,
          size: stored.bytes.length,
          artifactType,
          ...(doc.annotations ? { annotations: doc.annotations } : {}),
        },
      ];
    });
    res.writeHead(200, {
      'content-type': INDEX,
      ...(wanted ? { 'oci-filters-applied': 'artifactType' } : {}),
    });
    return res.end(JSON.stringify({ schemaVersion: 2, mediaType: INDEX, manifests }));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  origin = `http://127.0.0.1:${port}`;
  return {
    host: `127.0.0.1:${port}`,
    url: origin,
    violations,
    requests,
    tags: (name) => [...repo(name).tags.keys()],
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
