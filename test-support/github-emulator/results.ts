/**
 * The Actions results service as `@actions/artifact` 6.x uses it: Twirp JSON calls on ACTIONS_RESULTS_URL
 * (authenticated with ACTIONS_RUNTIME_TOKEN, scoped to one run and job by its `scp` claim), and the Azure
 * block-blob subset its blob client needs for the signed upload URL (stage blocks, commit the list, read back).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Reply } from './rest.js';
import type { EmulatorState } from './state.js';
import { sha256 } from './state.js';

const SERVICE = '/twirp/github.actions.results.api.v1.ArtifactService/';

export interface RunIdentity {
  runBackendId: string;
  jobBackendId: string;
  token: string;
}

/** An unsigned JWT: @actions/artifact only decodes the payload to read the backend ids from `scp`. */
export function runtimeToken(runBackendId: string, jobBackendId: string): string {
  const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
  const scp = `Actions.ExampleScope Actions.Results:${runBackendId}:${jobBackendId}`;
  return `${b64({ typ: 'JWT', alg: 'RS256' })}.${b64({ scp, exp: Math.floor(Date.now() / 1000) + 3600 })}.${randomBytes(16).toString('base64url')}`;
}

const twirpError = (status: number, code: string, msg: string): Reply => ({ status, json: { code, msg } });

type Fields = Record<string, unknown>;

/** The request fields each method accepts (proto names, as the client sends them with useProtoFieldName). */
const FIELDS: Record<string, { required: string[]; optional: string[] }> = {
  CreateArtifact: {
    required: ['workflow_run_backend_id', 'workflow_job_run_backend_id', 'name', 'version'],
    optional: ['expires_at', 'mime_type'],
  },
  FinalizeArtifact: {
    required: ['workflow_run_backend_id', 'workflow_job_run_backend_id', 'name', 'size'],
    optional: ['hash'],
  },
  ListArtifacts: {
    required: ['workflow_run_backend_id', 'workflow_job_run_backend_id'],
    optional: ['name_filter', 'id_filter'],
  },
  GetSignedArtifactURL: {
    required: ['workflow_run_backend_id', 'workflow_job_run_backend_id', 'name'],
    optional: [],
  },
  DeleteArtifact: {
    required: ['workflow_run_backend_id', 'workflow_job_run_backend_id', 'name'],
    optional: [],
  },
};

export class ResultsService {
  readonly #sig = randomBytes(12).toString('hex');

  readonly state: EmulatorState;
  readonly identity: RunIdentity;
  readonly objectsUrl: () => string;

  /** Every runtime token of the run, with its job's backend id (one per job, as matrix legs have). */
  readonly jobs = new Map<string, string>();

  constructor(state: EmulatorState, identity: RunIdentity, objectsUrl: () => string) {
    this.state = state;
    this.identity = identity;
    this.objectsUrl = objectsUrl;
    this.jobs.set(identity.token, identity.jobBackendId);
  }

  /** Another job of the same run (a matrix leg): its own backend id and runtime token. */
  addJob(jobBackendId = randomUUID()): { jobBackendId: string; token: string } {
    const token = runtimeToken(this.identity.runBackendId, jobBackendId);
    this.jobs.set(token, jobBackendId);
    return { jobBackendId, token };
  }

  /** Returns a Reply, and a contract violation message when the request does not fit the service's contract. */
  twirp(req: IncomingMessage, pathname: string, body: Buffer): { reply: Reply; violation?: string } {
    if (req.method !== 'POST' || !pathname.startsWith(SERVICE)) {
      return {
        reply: twirpError(404, 'bad_route', `no handler for ${req.method} ${pathname}`),
        violation: `unknown route ${pathname}`,
      };
    }
    const auth = String(req.headers['authorization'] ?? '');
    const job = auth.startsWith('Bearer ') ? this.jobs.get(auth.slice('Bearer '.length)) : undefined;
    if (!job) {
      return { reply: twirpError(401, 'unauthenticated', 'invalid runtime token') };
    }
    const method = pathname.slice(SERVICE.length);
    const spec = FIELDS[method];
    if (!spec)
      return {
        reply: twirpError(404, 'bad_route', `unknown method ${method}`),
        violation: `unknown method ${method}`,
      };
    let fields: Fields;
    try {
      fields = JSON.parse(body.toString('utf8')) as Fields;
    } catch {
      return {
        reply: twirpError(400, 'malformed', 'body is not JSON'),
        violation: `${method}: body is not JSON`,
      };
    }
    const missing = spec.required.filter((f) => !(f in fields));
    const unknown = Object.keys(fields).filter(
      (f) => !spec.required.includes(f) && !spec.optional.includes(f),
    );
    if (missing.length > 0 || unknown.length > 0) {
      const violation = `${method}: missing [${missing.join(', ')}], unknown [${unknown.join(', ')}]`;
      return { reply: twirpError(400, 'invalid_argument', violation), violation };
    }
    if (
      fields['workflow_run_backend_id'] !== this.identity.runBackendId ||
      fields['workflow_job_run_backend_id'] !== job
    ) {
      return { reply: twirpError(403, 'permission_denied', 'backend ids do not match the runtime token') };
    }
    return { reply: this.#call(method, fields) };
  }

  #call(method: string, f: Fields): Reply {
    const name = typeof f['name'] === 'string' ? f['name'] : '';
    const existing = [...this.state.artifacts.values()].find((a) => a.name === name);
    switch (method) {
      case 'CreateArtifact': {
        if (existing)
          return twirpError(
            409,
            'already_exists',
            `an artifact with this name already exists on the workflow run`,
          );
        const id = this.state.nextId();
        const blobPath = `/blob/actions-results/${this.identity.runBackendId}/${id}/${encodeURIComponent(name)}`;
        this.state.artifacts.set(id, {
          id,
          runBackendId: this.identity.runBackendId,
          jobBackendId: String(f['workflow_job_run_backend_id']),
          name,
          blobPath,
          size: 0,
          hash: null,
          finalized: false,
          createdAt: new Date().toISOString(),
        });
        return { status: 200, json: { ok: true, signed_upload_url: this.#signed(blobPath) } };
      }
      case 'FinalizeArtifact': {
        if (!existing) return twirpError(404, 'not_found', 'artifact not found');
        const blob = this.state.blobs.get(existing.blobPath)?.committed;
        if (!blob) return twirpError(400, 'failed_precondition', 'no blob was committed for the artifact');
        if (String(blob.length) !== String(f['size'])) {
          return twirpError(
            400,
            'invalid_argument',
            `size ${String(f['size'])} does not match the blob (${blob.length})`,
          );
        }
        if (typeof f['hash'] === 'string' && f['hash'] !== `sha256:${sha256(blob)}`) {
          return twirpError(400, 'invalid_argument', 'hash does not match the blob');
        }
        existing.size = blob.length;
        existing.hash = typeof f['hash'] === 'string' ? f['hash'] : null;
        existing.finalized = true;
        return { status: 200, json: { ok: true, artifact_id: String(existing.id) } };
      }
      case 'ListArtifacts': {
        const nameFilter = f['name_filter'];
        // Int64Value travels as a JSON string or number.
        const idFilter = f['id_filter'] as string | number | undefined;
        const artifacts = [...this.state.artifacts.values()]
          .filter((a) => a.finalized)
          .filter((a) => nameFilter === undefined || a.name === nameFilter)
          .filter((a) => idFilter === undefined || String(a.id) === String(idFilter))
          .map((a) => ({
            workflow_run_backend_id: a.runBackendId,
            workflow_job_run_backend_id: a.jobBackendId,
            database_id: String(a.id),
            name: a.name,
            size: String(a.size),
            created_at: a.createdAt,
            ...(a.hash ? { digest: a.hash } : {}),
          }));
        return { status: 200, json: { artifacts } };
      }
      case 'GetSignedArtifactURL':
        if (!existing?.finalized) return twirpError(404, 'not_found', 'artifact not found');
        return { status: 200, json: { signed_url: this.#signed(existing.blobPath) } };
      case 'DeleteArtifact':
        if (!existing) return twirpError(404, 'not_found', 'artifact not found');
        this.state.artifacts.delete(existing.id);
        this.state.blobs.delete(existing.blobPath);
        return { status: 200, json: { ok: true, artifact_id: String(existing.id) } };
      default:
        return twirpError(404, 'bad_route', method);
    }
  }

  #signed(blobPath: string): string {
    return `${this.objectsUrl()}${blobPath}?sv=2025-01-05&se=2099-01-01T00%3A00%3A00Z&sr=b&sp=rcw&sig=${this.#sig}`;
  }

  /** Azure block-blob subset on the objects origin: PUT comp=block, PUT comp=blocklist, GET. */
  blob(
    req: IncomingMessage,
    pathname: string,
    query: URLSearchParams,
    body: Buffer,
  ): { reply: Reply; violation?: string } {
    if (query.get('sig') !== this.#sig) return { reply: azureError(403, 'AuthenticationFailed') };
    const blob = this.state.blobs.get(pathname) ?? {
      committed: undefined,
      contentType: undefined,
      staged: new Map<string, Buffer>(),
    };
    this.state.blobs.set(pathname, blob);
    const common = {
      'x-ms-request-id': randomBytes(8).toString('hex'),
      'x-ms-version': '2025-01-05',
      date: new Date().toUTCString(),
    };
    if (req.method === 'PUT' && query.get('comp') === 'block') {
      const id = query.get('blockid');
      if (!id)
        return {
          reply: azureError(400, 'InvalidQueryParameterValue'),
          violation: 'stage block without blockid',
        };
      blob.staged.set(id, body);
      return { reply: { status: 201, headers: { ...common, 'x-ms-request-server-encrypted': 'true' } } };
    }
    if (req.method === 'PUT' && query.get('comp') === 'blocklist') {
      const ids = [...body.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)<\//g)].map(
        (m): string => m[1] ?? '',
      );
      const parts = ids.map((id) => blob.staged.get(id));
      if (parts.some((p) => p === undefined)) return { reply: azureError(400, 'InvalidBlockList') };
      blob.committed = Buffer.concat(parts as Buffer[]);
      blob.contentType = headerValue(req, 'x-ms-blob-content-type');
      blob.staged.clear();
      return {
        reply: {
          status: 201,
          headers: {
            ...common,
            etag: `"0x${sha256(blob.committed).slice(0, 16)}"`,
            'last-modified': common.date,
          },
        },
      };
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (!blob.committed) return { reply: azureError(404, 'BlobNotFound') };
      return {
        reply: {
          status: 200,
          bytes: req.method === 'GET' ? blob.committed : undefined,
          headers: {
            ...common,
            'content-type': blob.contentType ?? 'application/octet-stream',
            'x-ms-blob-type': 'BlockBlob',
            etag: `"0x${sha256(blob.committed).slice(0, 16)}"`,
            'last-modified': common.date,
            'accept-ranges': 'bytes',
          },
        },
      };
    }
    return {
      reply: azureError(405, 'UnsupportedHttpVerb'),
      violation: `blob: ${req.method} ${query.toString()} is not emulated`,
    };
  }
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function azureError(status: number, code: string): Reply {
  const xml = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`;
  return {
    status,
    bytes: Buffer.from(xml),
    headers: { 'content-type': 'application/xml', 'x-ms-error-code': code },
  };
}
