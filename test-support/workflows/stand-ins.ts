/**
 * Local stand-ins for the marketplace actions the workflows use around Provenant's own steps. Each does what the
 * real action does to the job's workspace, without the network:
 *
 * - actions/checkout: clones the git repository the test gave for `repository` (default: the workflow's) and checks
 *   out `ref` (default: github.sha) into `path`; a ref the source does not have fails, as it would on GitHub.
 * - actions/setup-node: checks that `node-version` is the major of the Node that runs the tests, which the
 *   interpreter puts first on PATH; `cache` is ignored.
 * - actions/upload-artifact / download-artifact: @actions/artifact itself, in a child process with the job's
 *   environment, against the GitHub emulator's results service (artifact-tool.ts); outputs `artifact-id`,
 *   `artifact-digest` and `artifact-url`, and downloads by id check the digest recorded at upload.
 *
 * Any other `uses:` has no stand-in: the interpreter fails the step naming it.
 */
import { execFile } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import picomatch from 'picomatch';
import { repoRoot } from '../action-runner.js';

const run = promisify(execFile);

export interface StandInContext {
  workspace: string;
  env: Record<string, string>;
  /** The git repository that stands for each `owner/name` a checkout may ask for. */
  sources: Record<string, string>;
  github: { repository: string; sha: string };
}

export interface StandInResult {
  code: number;
  outputs: Record<string, string>;
  log: string;
}

type StandIn = (with_: Record<string, string>, ctx: StandInContext) => Promise<StandInResult>;

const ok = (log: string, outputs: Record<string, string> = {}): StandInResult => ({ code: 0, outputs, log });
const failed = (log: string): StandInResult => ({ code: 1, outputs: {}, log });

const checkout: StandIn = async (w, ctx) => {
  const repository = w['repository'] || ctx.github.repository;
  const source = ctx.sources[repository.toLowerCase()];
  if (!source) return failed(`checkout: the test gave no source for ${repository}`);
  const ref = w['ref'] || ctx.github.sha;
  const dest = path.resolve(ctx.workspace, w['path'] || '.');
  try {
    await run('git', ['clone', '-q', '--no-hardlinks', '--no-checkout', source, dest]);
    await run('git', ['-C', dest, 'checkout', '-q', '--detach', ref]);
  } catch (e) {
    return failed(`checkout of ${repository}@${ref}: ${(e as { stderr?: string }).stderr ?? String(e)}`);
  }
  return ok(`checked out ${repository}@${ref} into ${dest}`);
};

const setupNode: StandIn = async (w) => {
  const major = process.versions.node.split('.')[0];
  if (String(w['node-version'] ?? '') !== major)
    return failed(
      `setup-node: asked for node-version ${w['node-version']}, the interpreter has Node ${major}`,
    );
  return Promise.resolve(ok(`Node ${process.versions.node} from the test's toolchain is first on PATH`));
};

/** Every file below `dir`. */
async function filesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** upload-artifact's `path`: lines of files, directories or globs, and the root names are relative to. */
async function artifactFiles(spec: string, workspace: string): Promise<{ files: string[]; root: string }> {
  const files: string[] = [];
  const roots: string[] = [];
  for (const line of spec
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const absolute = path.resolve(workspace, line);
    const scan = picomatch.scan(absolute);
    if (scan.isGlob) {
      const base = scan.base || '/';
      const match = picomatch(absolute, { dot: true });
      files.push(...(await filesBelow(base).catch(() => [])).filter((f) => match(f)));
      roots.push(base);
    } else {
      const st = await stat(absolute).catch(() => undefined);
      if (st?.isDirectory()) files.push(...(await filesBelow(absolute)));
      else if (st) files.push(absolute);
      roots.push(st?.isDirectory() ? absolute : path.dirname(absolute));
    }
  }
  const root = roots.reduce((a, b) => {
    while (path.relative(a, b).startsWith('..')) a = path.dirname(a);
    return a;
  }, roots[0] ?? workspace);
  return { files: [...new Set(files)].sort(), root };
}

async function artifactTool(
  args: string[],
  ctx: StandInContext,
): Promise<{ json: Record<string, unknown>; log: string }> {
  const tool = path.join(repoRoot, 'test-support', 'workflows', 'artifact-tool.ts');
  const { stdout, stderr } = await run(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', tool, ...args],
    {
      env: ctx.env,
      cwd: ctx.workspace,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const lines = stdout.trim().split('\n');
  return { json: JSON.parse(lines.at(-1)!) as Record<string, unknown>, log: stdout + stderr };
}

const uploadArtifact: StandIn = async (w, ctx) => {
  const { files, root } = await artifactFiles(w['path'] ?? '', ctx.workspace);
  if (files.length === 0) {
    const message = `upload-artifact: no files were found with the provided path: ${w['path']}`;
    return (w['if-no-files-found'] ?? 'warn') === 'error' ? failed(message) : ok(message);
  }
  try {
    const { json, log } = await artifactTool(['upload', w['name'] || 'artifact', root, ...files], ctx);
    const id = String(json['id']);
    return ok(log, {
      'artifact-id': id,
      'artifact-digest': String(json['digest']),
      'artifact-url': `https://github.com/${ctx.github.repository}/actions/runs/0/artifacts/${id}`,
    });
  } catch (e) {
    return failed(`upload-artifact: ${(e as { stderr?: string }).stderr ?? String(e)}`);
  }
};

const downloadArtifact: StandIn = async (w, ctx) => {
  const ids = (w['artifact-ids'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids.length !== 1)
    return failed('download-artifact: the stand-in downloads exactly one artifact, by artifact-ids');
  try {
    const { json, log } = await artifactTool(
      ['download', ids[0]!, path.resolve(ctx.workspace, w['path'] || '.')],
      ctx,
    );
    if (json['digestMismatch'] === true && (w['digest-mismatch'] ?? 'error') === 'error')
      return failed(
        `download-artifact: the digest of artifact ${ids[0]} does not match the one recorded at upload`,
      );
    return ok(log);
  } catch (e) {
    return failed(`download-artifact ${ids[0]}: ${(e as { stderr?: string }).stderr ?? String(e)}`);
  }
};

const STAND_INS: Record<string, StandIn> = {
  'actions/checkout': checkout,
  'actions/setup-node': setupNode,
  'actions/upload-artifact': uploadArtifact,
  'actions/download-artifact': downloadArtifact,
};

/** The stand-in for a `uses:` of a marketplace action, if there is one. */
export function standInFor(uses: string): StandIn | undefined {
  return STAND_INS[uses.split('@')[0]!.toLowerCase()];
}
