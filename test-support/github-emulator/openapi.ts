/**
 * GitHub's published OpenAPI description (the operations we call, extracted by scripts/extract-openapi.mjs)
 * compiled with Ajv, so every request the emulator receives and every response it sends is checked against
 * the real API's shapes. A mismatch is the emulator (or our client) drifting from GitHub: it must fail loudly.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = { [key: string]: Json };

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema?: Schema;
}

interface Operation {
  method: string;
  path: string;
  servers?: string[];
  parameters: Parameter[];
  requestBody?: { required: boolean; content: Record<string, { schema?: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

interface Fixture {
  source: { package: string; version: string };
  operations: Record<string, Operation>;
  components: { schemas: Record<string, Schema> };
}

export interface MatchedOperation {
  operationId: string;
  operation: Operation;
  /** Path parameters, already converted to the types the spec declares. */
  params: Record<string, string | number>;
}

const FIXTURE_ID = 'github-openapi';

/**
 * OpenAPI 3.0's `nullable: true` becomes JSON Schema's `null` type. Ajv's own `nullable` option throws on
 * many schemas of this spec and ignores `enum` + `nullable`, so the conversion is done here, on a copy.
 */
export function nullableToNullType(node: Json): Json {
  if (Array.isArray(node)) return node.map(nullableToNullType);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') {
      out[key] = value.replace(/^#\//, `${FIXTURE_ID}#/`);
    } else if (key !== 'nullable') {
      out[key] = nullableToNullType(value);
    }
  }
  if (node['nullable'] !== true) return out;
  if (typeof out['type'] === 'string') {
    out['type'] = [out['type'], 'null'];
    if (Array.isArray(out['enum']) && !out['enum'].includes(null)) out['enum'] = [...out['enum'], null];
    return out;
  }
  // `allOf`/`$ref`/`oneOf` without a type: either the schema as published, or null.
  return { anyOf: [out, { type: 'null' }] };
}

function pathRegex(path: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  const source = path
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const m = /^\{(.+)\}$/.exec(part);
      if (!m) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      names.push(m[1]!);
      // `subject_digest` and a git `ref` (`tags/v1`) are multi-segment parameters; every other one is a single segment.
      return m[1] === 'subject_digest' || m[1] === 'ref' ? '(.+)' : '([^/]+)';
    })
    .join('');
  return { regex: new RegExp(`^${source}$`), names };
}

export class OpenApiValidator {
  readonly source: Fixture['source'];
  readonly #fixture: Fixture;
  readonly #ajv: Ajv;
  readonly #compiled = new Map<string, ValidateFunction>();
  readonly #routes: {
    operationId: string;
    method: string;
    regex: RegExp;
    names: string[];
    upload: boolean;
  }[];

  constructor(fixturePath = new URL('./openapi-operations.json', import.meta.url)) {
    this.#fixture = JSON.parse(readFileSync(fixturePath, 'utf8')) as Fixture;
    this.source = this.#fixture.source;
    // strict: false because OpenAPI adds keywords JSON Schema does not know (x-*, discriminator, …).
    this.#ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    this.#ajv.addFormat('uri', { validate: (s: string) => URL.canParse(s) });
    this.#ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
    this.#ajv.addFormat('binary', true);
    this.#ajv.addFormat('email', true);
    this.#ajv.addFormat('uri-template', true);
    this.#ajv.addFormat('int64', true);
    this.#ajv.addSchema({ $id: FIXTURE_ID, components: nullableToNullType(this.#fixture.components) });
    this.#routes = Object.entries(this.#fixture.operations).map(([operationId, op]) => ({
      operationId,
      method: op.method,
      ...pathRegex(op.path),
      upload: (op.servers ?? []).some((s) => s.includes('uploads.github.com')),
    }));
  }

  /** Finds the operation a request is for; upload operations live on the upload origin only, as on GitHub. */
  match(method: string, pathname: string, origin: 'api' | 'uploads'): MatchedOperation | undefined {
    for (const route of this.#routes) {
      if (route.method !== method || route.upload !== (origin === 'uploads')) continue;
      const m = route.regex.exec(pathname);
      if (!m) continue;
      const operation = this.#fixture.operations[route.operationId]!;
      const params: Record<string, string | number> = {};
      route.names.forEach((name, i) => {
        const raw = decodeURIComponent(m[i + 1]!);
        const declared = operation.parameters.find((p) => p.in === 'path' && p.name === name);
        params[name] = declared?.schema?.['type'] === 'integer' && /^\d+$/.test(raw) ? Number(raw) : raw;
      });
      return { operationId: route.operationId, operation, params };
    }
    return undefined;
  }

  /** Returns the spec violations of a request: path and query parameters, and a JSON body. */
  validateRequest(
    matched: MatchedOperation,
    query: URLSearchParams,
    contentType: string | undefined,
    body: Buffer,
  ): string[] {
    const errors: string[] = [];
    for (const p of matched.operation.parameters) {
      if (p.in === 'header') continue;
      const raw = p.in === 'path' ? matched.params[p.name] : (query.get(p.name) ?? undefined);
      if (raw === undefined) {
        if (p.required) errors.push(`${p.in} parameter ${p.name} is required`);
        continue;
      }
      const value = p.schema?.['type'] === 'integer' && /^-?\d+$/.test(String(raw)) ? Number(raw) : raw;
      errors.push(
        ...this.#check(`param:${matched.operationId}:${p.name}`, p.schema, value, `${p.in} ${p.name}`),
      );
    }
    const rb = matched.operation.requestBody;
    if (rb) {
      const json = rb.content['application/json'];
      if (json && body.length > 0) {
        if (!contentType?.includes('json'))
          errors.push(`body: expected application/json, got ${contentType}`);
        let parsed: unknown;
        try {
          parsed = JSON.parse(body.toString('utf8'));
        } catch {
          errors.push('body: not valid JSON');
        }
        if (parsed !== undefined)
          errors.push(...this.#check(`body:${matched.operationId}`, json.schema, parsed, 'body'));
      } else if (rb.required && body.length === 0) {
        errors.push('body: required by the spec, none sent');
      }
    }
    return errors;
  }

  /** Returns the spec violations of a response; statuses the spec does not list are checked as GitHub errors. */
  validateResponse(operationId: string, status: number, body: unknown): string[] {
    const op = this.#fixture.operations[operationId];
    if (!op) return [`unknown operation ${operationId}`];
    const declared = op.responses[String(status)];
    if (!declared) {
      if (status >= 400)
        return this.#check('basic-error', { $ref: '#/components/schemas/basic-error' }, body, 'error');
      return [`status ${status} is not a response of ${operationId} in the spec`];
    }
    const schema = declared.content?.['application/json']?.schema;
    if (!schema) return [];
    return this.#check(`response:${operationId}:${status}`, schema, body, 'response');
  }

  #check(key: string, schema: Schema | undefined, value: unknown, where: string): string[] {
    if (!schema) return [];
    let validate = this.#compiled.get(key);
    if (!validate) {
      validate = this.#ajv.compile(nullableToNullType(schema) as Schema);
      this.#compiled.set(key, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${where}${e.instancePath} ${e.message ?? 'is invalid'}`);
  }
}
