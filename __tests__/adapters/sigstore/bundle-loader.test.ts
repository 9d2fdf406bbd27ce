import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  jsonDepthExceeds,
  loadBundles,
  MAX_BUNDLE_BYTES,
  MAX_JSON_DEPTH,
} from '../../../src/adapters/sigstore/bundle-loader.js';
import { isProvenantError } from '../../../src/core/errors.js';

const fixtures = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'fixtures',
  'conformance',
  'bundle-verify',
);
let dir: string;
let good: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'provenant-bundles-'));
  good = await readFile(join(fixtures, 'happy-path-v0.3', 'bundle.sigstore.json'), 'utf8');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function codeOf(name: string, content: string | Buffer): Promise<{ code: string; message: string }> {
  const path = join(dir, name);
  await writeFile(path, content);
  try {
    await loadBundles(path);
  } catch (e) {
    if (isProvenantError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error(`${name} loaded`);
}

describe('bundle loader', () => {
  it('loads v0.1, v0.2 and v0.3 bundles', async () => {
    for (const c of [
      'happy-path-v0.1',
      'happy-path-v0.2',
      'happy-path-v0.3',
      'happy-path-v0.3-new-mediaType',
    ]) {
      const [loaded] = await loadBundles(join(fixtures, c, 'bundle.sigstore.json'));
      expect(loaded?.source).toBe('bundle.sigstore.json');
    }
  });

  it('loads .jsonl, one bundle per line, naming each by line', async () => {
    const path = join(dir, 'many.intoto.jsonl');
    const line = JSON.stringify(JSON.parse(good));
    await writeFile(path, `${line}\n\n${line}\n`);
    expect((await loadBundles(path)).map((b) => b.source)).toEqual([
      'many.intoto.jsonl:1',
      'many.intoto.jsonl:3',
    ]);
  });

  it.each<[string, string | (() => string), string, RegExp]>([
    [
      'malformed.sigstore.json',
      '{"mediaType": ',
      'BUNDLE_INVALID',
      /malformed\.sigstore\.json: expected a complete JSON document/,
    ],
    [
      'truncated.sigstore.json',
      () => good.slice(0, good.length / 2),
      'BUNDLE_INVALID',
      /truncated\.sigstore\.json: .*truncated download/,
    ],
    ['array.sigstore.json', '[]', 'BUNDLE_INVALID', /expected a JSON object, got an array/],
    [
      'unknown.sigstore.json',
      () => good.replace('bundle+json;version=0.3', 'bundle.v9.9+json'),
      'BUNDLE_VERSION_UNSUPPORTED',
      /got "application\/vnd\.dev\.sigstore\.bundle\.v9\.9\+json"/,
    ],
    ['no-media-type.sigstore.json', '{}', 'BUNDLE_VERSION_UNSUPPORTED', /got none/],
    [
      'incomplete.sigstore.json',
      '{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json"}',
      'BUNDLE_INVALID',
      /well-formed Sigstore bundle/,
    ],
    [
      'deep.sigstore.json',
      () => `${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`,
      'BUNDLE_INVALID',
      /nested at most/,
    ],
    [
      'latin1.sigstore.json',
      () => Buffer.from([0x7b, 0xff, 0x7d]).toString('latin1'),
      'BUNDLE_INVALID',
      /UTF-8|JSON/,
    ],
    [
      'bad-line.jsonl',
      () => `${JSON.stringify(JSON.parse(good))}\n{"oops"\n`,
      'BUNDLE_INVALID',
      /bad-line\.jsonl:2/,
    ],
    ['empty.jsonl', '\n\n', 'BUNDLE_INVALID', /at least one bundle line/],
  ])('refuses %s', async (name, content, code, message) => {
    const r = await codeOf(name, typeof content === 'function' ? content() : content);
    expect(r.code).toBe(code);
    expect(r.message).toMatch(message);
  });

  it('refuses an oversized bundle before reading it (a sparse file of 16 MiB + 1)', async () => {
    const path = join(dir, 'huge.sigstore.json');
    await writeFile(path, '');
    await truncate(path, MAX_BUNDLE_BYTES + 1);
    await expect(loadBundles(path)).rejects.toMatchObject({ code: 'BUNDLE_TOO_LARGE' });
  });

  it('reports a missing bundle and a directory clearly', async () => {
    await expect(loadBundles(join(dir, 'absent.sigstore.json'))).rejects.toMatchObject({
      code: 'BUNDLE_NOT_FOUND',
    });
    await mkdir(join(dir, 'd.sigstore.json'));
    await expect(loadBundles(join(dir, 'd.sigstore.json'))).rejects.toMatchObject({
      code: 'NOT_REGULAR_FILE',
    });
  });

  it('measures depth outside strings only', () => {
    expect(jsonDepthExceeds('{"a":"[[[[[[[[\\"[[["}', 2)).toBe(false);
    expect(jsonDepthExceeds('[[[1]]]', 2)).toBe(true);
  });
});
