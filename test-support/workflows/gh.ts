/**
 * A stand-in for the GitHub CLI on the workflow interpreter's PATH: the `gh` subcommands this repository's workflows
 * and examples run, against the GitHub emulator's REST API at $GITHUB_API_URL with $GH_TOKEN. Anything else exits 2
 * naming what it was asked, so a workflow that starts using more of gh fails its test until this learns it.
 *
 *   gh release create TAG [FILE...] --repo R [--draft] [--verify-tag] [--generate-notes] [--title T]
 *   gh release edit TAG --repo R [--draft=false] [--latest]
 *   gh release view TAG --repo R [--json FIELDS] [--jq EXPR]
 *   gh release upload TAG FILE... --repo R [--clobber]
 *   gh release download TAG --repo R [--pattern GLOB]... [--dir DIR]
 *   gh api [--method M] [--paginate] [--silent] [--jq EXPR] [--input FILE|-] [-f k=v] [-F k=v] PATH
 *
 * Releases are found by listing (drafts included), as gh does. `--verify-tag` checks the tag's git reference on the
 * emulator. `--jq` runs the system's jq. Self-contained (no relative imports), so Node runs it as it is.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

class Usage extends Error {}
class HttpFailure extends Error {}

const api = (process.env.GITHUB_API_URL ?? '').replace(/\/$/, '');
const token = process.env.GH_TOKEN ?? process.env.GITHUB_TOKEN ?? '';

interface Parsed {
  positionals: string[];
  flags: Map<string, string[]>;
}

/** Splits argv into positionals and flags; `--x=v`, `--x v` and boolean flags named in `booleans`. */
function parse(argv: string[], booleans: string[]): Parsed {
  const positionals: string[] = [];
  const flags = new Map<string, string[]>();
  const add = (k: string, v: string) => flags.set(k, [...(flags.get(k) ?? []), v]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const long = /^--([^=]+)(?:=(.*))?$/.exec(a);
    const short = /^-([a-zA-Z])$/.exec(a);
    if (long) {
      if (long[2] !== undefined) add(long[1]!, long[2]);
      else if (booleans.includes(long[1]!)) add(long[1]!, 'true');
      else add(long[1]!, argv[++i] ?? '');
    } else if (short) {
      add(short[1]!, argv[++i] ?? '');
    } else {
      positionals.push(a);
    }
  }
  return { positionals, flags };
}

function only(p: Parsed, known: string[], what: string): void {
  const unknown = [...p.flags.keys()].filter((k) => !known.includes(k));
  if (unknown.length > 0)
    throw new Usage(`${what}: the stand-in does not know ${unknown.map((k) => `--${k}`).join(', ')}`);
}

const flag = (p: Parsed, name: string): string | undefined => p.flags.get(name)?.at(-1);

async function request(
  method: string,
  url: string,
  body?: Buffer | string,
  headers: Record<string, string> = {},
) {
  const res = await fetch(url.startsWith('http') ? url : `${api}/${url.replace(/^\//, '')}`, {
    method,
    headers: { authorization: `Bearer ${token}`, accept: 'application/vnd.github+json', ...headers },
    ...(body !== undefined ? { body } : {}),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  if (res.status >= 400) {
    let message = bytes.toString();
    try {
      message = (JSON.parse(message) as { message?: string }).message ?? message;
    } catch {
      // not JSON: keep the text
    }
    throw new HttpFailure(`${message} (HTTP ${res.status})`);
  }
  return { res, bytes };
}

async function json(method: string, url: string, body?: unknown): Promise<unknown> {
  const { bytes } = await request(
    method,
    url,
    body === undefined ? undefined : JSON.stringify(body),
    body === undefined ? {} : { 'content-type': 'application/json' },
  );
  return bytes.length > 0 ? JSON.parse(bytes.toString()) : null;
}

interface Release {
  id: number;
  tag_name: string;
  draft: boolean;
  name: string | null;
  html_url: string;
  upload_url: string;
  assets: { id: number; name: string; browser_download_url: string }[];
}

async function findRelease(repo: string, tag: string): Promise<Release | undefined> {
  const releases = (await json('GET', `repos/${repo}/releases?per_page=100`)) as Release[];
  return releases.find((r) => r.tag_name === tag);
}

async function releaseOf(repo: string, tag: string): Promise<Release> {
  const r = await findRelease(repo, tag);
  if (!r) throw new HttpFailure('release not found');
  return r;
}

async function upload(release: Release, files: string[], clobber: boolean): Promise<void> {
  for (const file of files) {
    const name = path.basename(file);
    const existing = release.assets.find((a) => a.name === name);
    if (existing && !clobber) throw new HttpFailure(`asset under the same name already exists: [${name}]`);
    if (existing) await request('DELETE', `repos/${repoOf(release)}/releases/assets/${existing.id}`);
    const target = `${release.upload_url.replace(/\{.*$/, '')}?name=${encodeURIComponent(name)}`;
    await request('POST', target, readFileSync(file), { 'content-type': 'application/octet-stream' });
  }
}

const repoOf = (release: Release): string => /\/repos\/([^/]+\/[^/]+)\//.exec(release.upload_url)![1]!;

function jq(expression: string, input: string): string {
  const r = spawnSync('jq', ['-r', expression], { input, encoding: 'utf8' });
  if (r.status !== 0) throw new Usage(`jq ${expression}: ${r.stderr}`);
  return r.stdout;
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`);
}

async function release(sub: string | undefined, argv: string[]): Promise<void> {
  const p = parse(argv, ['draft', 'verify-tag', 'generate-notes', 'latest', 'clobber']);
  const repo = flag(p, 'repo') ?? process.env.GITHUB_REPOSITORY ?? '';
  const [tag, ...files] = p.positionals;
  if (!tag) throw new Usage(`release ${sub}: expected a tag`);
  switch (sub) {
    case 'create': {
      only(p, ['repo', 'draft', 'verify-tag', 'generate-notes', 'title'], 'release create');
      if (flag(p, 'verify-tag')) await json('GET', `repos/${repo}/git/ref/tags/${tag}`);
      const created = (await json('POST', `repos/${repo}/releases`, {
        tag_name: tag,
        name: flag(p, 'title') ?? tag,
        draft: flag(p, 'draft') === 'true',
        generate_release_notes: flag(p, 'generate-notes') === 'true',
      })) as Release;
      await upload(created, files, false);
      console.log(created.html_url);
      return;
    }
    case 'edit': {
      only(p, ['repo', 'draft', 'latest'], 'release edit');
      const r = await releaseOf(repo, tag);
      const draft = flag(p, 'draft');
      await json('PATCH', `repos/${repo}/releases/${r.id}`, {
        ...(draft !== undefined ? { draft: draft === 'true' } : {}),
        ...(flag(p, 'latest') ? { make_latest: 'true' } : {}),
      });
      console.log(r.html_url);
      return;
    }
    case 'view': {
      only(p, ['repo', 'json', 'jq'], 'release view');
      const r = await releaseOf(repo, tag);
      const fields: Record<string, unknown> = {
        isDraft: r.draft,
        tagName: r.tag_name,
        name: r.name,
        url: r.html_url,
      };
      const wanted = (flag(p, 'json') ?? 'tagName').split(',');
      const out = Object.fromEntries(wanted.map((f) => [f, fields[f]]));
      const text = JSON.stringify(out);
      process.stdout.write(flag(p, 'jq') ? jq(flag(p, 'jq')!, text) : `${text}\n`);
      return;
    }
    case 'upload': {
      only(p, ['repo', 'clobber'], 'release upload');
      await upload(await releaseOf(repo, tag), files, flag(p, 'clobber') === 'true');
      return;
    }
    case 'download': {
      only(p, ['repo', 'pattern', 'dir'], 'release download');
      const r = await releaseOf(repo, tag);
      const patterns = (p.flags.get('pattern') ?? ['*']).map(globToRegExp);
      const dir = flag(p, 'dir') ?? '.';
      const chosen = r.assets.filter((a) => patterns.some((re) => re.test(a.name)));
      if (chosen.length === 0) throw new HttpFailure('no assets match the file pattern');
      mkdirSync(dir, { recursive: true });
      for (const a of chosen) {
        const target = path.join(dir, a.name);
        if (existsSync(target)) throw new HttpFailure(`${target} already exists`);
        const { bytes } = await request('GET', `repos/${repo}/releases/assets/${a.id}`, undefined, {
          accept: 'application/octet-stream',
        });
        writeFileSync(target, bytes);
      }
      return;
    }
    default:
      throw new Usage(`release ${String(sub)}`);
  }
}

/** `-F` values as gh types them: true, false, null and integers; everything else a string. */
function typed(v: string): unknown {
  if (v === 'true' || v === 'false') return v === 'true';
  if (v === 'null') return null;
  return /^-?\d+$/.test(v) ? Number(v) : v;
}

async function apiCommand(argv: string[]): Promise<void> {
  const p = parse(argv, ['paginate', 'silent']);
  only(p, ['method', 'X', 'paginate', 'silent', 'jq', 'input', 'f', 'F'], 'api');
  const [endpoint] = p.positionals;
  if (!endpoint) throw new Usage('api: expected an endpoint');
  const fields: Record<string, unknown> = {};
  for (const kv of p.flags.get('f') ?? [])
    fields[kv.slice(0, kv.indexOf('='))] = kv.slice(kv.indexOf('=') + 1);
  for (const kv of p.flags.get('F') ?? [])
    fields[kv.slice(0, kv.indexOf('='))] = typed(kv.slice(kv.indexOf('=') + 1));
  const input = flag(p, 'input');
  const body =
    input !== undefined
      ? readFileSync(input === '-' ? 0 : input)
      : Object.keys(fields).length > 0
        ? JSON.stringify(fields)
        : undefined;
  const method = flag(p, 'method') ?? flag(p, 'X') ?? (body !== undefined ? 'POST' : 'GET');
  const pages: string[] = [];
  let url: string | undefined = endpoint;
  while (url) {
    const { res, bytes } = await request(
      method,
      url,
      body,
      body !== undefined ? { 'content-type': 'application/json' } : {},
    );
    pages.push(bytes.toString());
    url = flag(p, 'paginate')
      ? /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1]
      : undefined;
  }
  if (flag(p, 'silent')) return;
  for (const page of pages) process.stdout.write(flag(p, 'jq') ? jq(flag(p, 'jq')!, page) : `${page}\n`);
}

async function main(argv: string[]): Promise<void> {
  if (!api) throw new Usage('GITHUB_API_URL is not set: the stand-in talks only to the GitHub emulator');
  const [command, ...rest] = argv;
  if (command === 'release') return release(rest[0], rest.slice(1));
  if (command === 'api') return apiCommand(rest);
  throw new Usage(argv.join(' '));
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof Usage) {
    console.error(`gh (workflow interpreter stand-in): unsupported: ${e.message}`);
    process.exit(2);
  }
  console.error(`gh: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
