#!/usr/bin/env node
/**
 * Extracts the GitHub REST operations Provenant calls from `@octokit/openapi`'s `generated/api.github.com.json`
 * into a small committed fixture, so tests validate the emulator against GitHub's published description without
 * every install pulling the ~385 MB package. Rerun it whenever the API surface we use changes:
 *
 *   npm i --prefix /tmp/oapi @octokit/openapi
 *   node scripts/extract-openapi.mjs /tmp/oapi/node_modules/@octokit/openapi/generated/api.github.com.json
 *
 * Parameters, request bodies and responses are inlined; every component schema they reach (transitively) is
 * copied under `components.schemas`, keeping `$ref`s, because some schemas are recursive. `nullable` is kept as
 * published: the emulator converts it when it compiles the schemas.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const OPERATIONS = [
  'repos/get',
  'repos/get-release',
  'repos/get-release-by-tag',
  'repos/list-releases',
  'repos/create-release',
  'repos/update-release',
  'repos/list-release-assets',
  'repos/get-release-asset',
  'repos/update-release-asset',
  'repos/upload-release-asset',
  'repos/delete-release-asset',
  'repos/create-attestation',
  'repos/list-attestations',
  'actions/get-workflow-run',
  'actions/list-workflow-run-artifacts',
  'actions/get-reviews-for-run',
  'git/get-ref',
  'git/create-ref',
  'git/update-ref',
];
const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head'];

const specPath = process.argv[2];
if (!specPath) {
  console.error(
    'usage: node scripts/extract-openapi.mjs <path to @octokit/openapi/generated/api.github.com.json> [out]',
  );
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const outPath =
  process.argv[3] ?? join(here, '..', 'test-support', 'github-emulator', 'openapi-operations.json');

const spec = JSON.parse(readFileSync(specPath, 'utf8'));
const pkg = findPackageJson(resolve(specPath));

/** Follows a local JSON pointer such as `#/components/responses/not_found`. */
function pointer(ref) {
  if (!ref.startsWith('#/')) throw new Error(`expected a local $ref, got ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((node, key) => {
      if (node == null || !(key in node)) throw new Error(`dangling $ref ${ref}`);
      return node[key];
    }, spec);
}

/** Inlines non-schema refs (parameters, responses, request bodies); they are never recursive. */
function deref(node) {
  return node && typeof node === 'object' && typeof node.$ref === 'string' ? deref(pointer(node.$ref)) : node;
}

const schemas = {};
/** Records every `#/components/schemas/*` reached from `node`, transitively. */
function collect(node) {
  if (Array.isArray(node)) return node.forEach(collect);
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') {
      const m = /^#\/components\/schemas\/(.+)$/.exec(value);
      if (!m) throw new Error(`unexpected $ref inside a schema: ${value}`);
      const name = m[1];
      if (!(name in schemas)) {
        schemas[name] = pointer(value);
        collect(schemas[name]);
      }
    } else if (key !== 'examples' && key !== 'example') {
      collect(value);
    }
  }
}

/** Keeps what validation needs; drops examples and prose that would bloat the fixture. */
function slimContent(content) {
  if (!content) return undefined;
  const out = {};
  for (const [type, media] of Object.entries(content)) {
    out[type] = media.schema === undefined ? {} : { schema: media.schema };
    collect(media.schema);
  }
  return out;
}

const operations = {};
for (const [path, item] of Object.entries(spec.paths)) {
  for (const method of METHODS) {
    const op = item[method];
    if (!op || !OPERATIONS.includes(op.operationId)) continue;
    const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(deref).map((p) => {
      collect(p.schema);
      return { name: p.name, in: p.in, required: p.required === true, schema: p.schema };
    });
    const requestBody = op.requestBody ? deref(op.requestBody) : undefined;
    const responses = {};
    for (const [status, response] of Object.entries(op.responses ?? {})) {
      const r = deref(response);
      responses[status] = r.content ? { content: slimContent(r.content) } : {};
    }
    operations[op.operationId] = {
      method: method.toUpperCase(),
      path,
      ...(op.servers ? { servers: op.servers.map((s) => s.url) } : {}),
      parameters,
      ...(requestBody
        ? {
            requestBody: {
              required: requestBody.required === true,
              content: slimContent(requestBody.content),
            },
          }
        : {}),
      responses,
    };
  }
}

const missing = OPERATIONS.filter((id) => !(id in operations));
if (missing.length > 0) throw new Error(`operations not in the spec: ${missing.join(', ')}`);

const fixture = {
  source: {
    package: pkg?.name ?? '@octokit/openapi',
    version: pkg?.version ?? 'unknown',
    file: 'generated/api.github.com.json',
    openapi: spec.openapi,
    apiVersion: spec.info?.version,
  },
  operations: Object.fromEntries(OPERATIONS.map((id) => [id, operations[id]])),
  components: {
    schemas: Object.fromEntries(
      Object.keys(schemas)
        .sort()
        .map((k) => [k, schemas[k]]),
    ),
  },
};
stripProse(fixture.operations);
stripProse(fixture.components);
// Formatted as the repository's Prettier would, so a rerun with an unchanged spec leaves no diff.
const prettier = await import('prettier');
const config = (await prettier.resolveConfig(outPath)) ?? {};
writeFileSync(outPath, await prettier.format(JSON.stringify(fixture), { ...config, filepath: outPath }));
console.log(
  `wrote ${Object.keys(operations).length} operations and ${Object.keys(schemas).length} schemas from ` +
    `${fixture.source.package}@${fixture.source.version} to ${outPath}`,
);

/** Drops prose and examples (not validation keywords); a property that happens to be named `description` stays. */
function stripProse(node, parentKey) {
  if (Array.isArray(node)) return node.forEach((n) => stripProse(n));
  if (!node || typeof node !== 'object') return;
  for (const key of Object.keys(node)) {
    const isKeyword = parentKey !== 'properties';
    if (isKeyword && ['description', 'example', 'examples', 'externalDocs', 'title'].includes(key))
      delete node[key];
    else stripProse(node[key], key);
  }
}

function findPackageJson(start) {
  for (let dir = dirname(start); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    } catch {
      // keep walking up
    }
  }
  return undefined;
}
