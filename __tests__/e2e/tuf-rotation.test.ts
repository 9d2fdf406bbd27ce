/**
 * A foundation rotates and revokes its service keys through its TUF repository, and projects follow without any
 * change of their own: the action signs through `tuf-mirror` / `tuf-root`, `provenant verify --tuf-mirror` and the
 * verify action check against the repository's current trusted root. Two local stacks play the old and the new
 * keys (CA, Rekor v2 log, TSA); the trusted root published through TUF says when each is valid.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot, runAction, runCliProcess } from '../../test-support/action-runner.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';
import { startTufRepo, type TufRepo } from '../../test-support/tuf-repo/index.js';

let oldKeys: SigstoreStack;
let newKeys: SigstoreStack;
let tuf: TufRepo;
let ws: string;
const start = { start: '2020-01-01T00:00:00Z' };

function signingConfig(stack: SigstoreStack): string {
  const at = (url: string) => ({ url, majorApiVersion: 1, validFor: start, operator: 'foundation' });
  return JSON.stringify({
    mediaType: 'application/vnd.dev.sigstore.signingconfig.v0.2+json',
    caUrls: [at(stack.urls.fulcio)],
    rekorTlogUrls: [{ ...at(stack.urls.rekorV2), majorApiVersion: 2 }],
    tsaUrls: [at(`${stack.urls.tsa}/api/v1/timestamp`)],
    rekorTlogConfig: { selector: 'ANY' },
    tsaConfig: { selector: 'ANY' },
  });
}

const KEY_LISTS = ['certificateAuthorities', 'tlogs', 'ctlogs', 'timestampAuthorities'] as const;
type Entry = { validFor?: { start?: string; end?: string } };

/** One trusted root holding both stacks' keys: the old ones valid until `oldEnd`, the new ones from `newStart`. */
function rotatedRoot(oldEnd: Date, newStart: Date): string {
  const window = (stack: SigstoreStack, change: (e: Entry) => Entry) =>
    Object.fromEntries(
      KEY_LISTS.map((k) => [k, ((stack.trustedRoot[k] as Entry[] | undefined) ?? []).map(change)]),
    );
  const before = window(oldKeys, (e) => ({ ...e, validFor: { ...e.validFor, end: oldEnd.toISOString() } }));
  const after = window(newKeys, (e) => ({
    ...e,
    validFor: { ...e.validFor, start: newStart.toISOString() },
  }));
  return JSON.stringify({
    ...oldKeys.trustedRoot,
    ...Object.fromEntries(KEY_LISTS.map((k) => [k, [...before[k]!, ...after[k]!]])),
  });
}

const tufFlags = (cache: string) => [
  '--tuf-mirror',
  tuf.url,
  '--tuf-root',
  'root.json',
  '--tuf-cache-dir',
  cache,
];

const verify = (bundle: string, cache: string) =>
  runCliProcess(
    ['verify', 'dist/app.tgz', '--bundle', bundle, '--repo', 'octo-org/octo-repo', ...tufFlags(cache)],
    { cwd: ws },
  );

const signWithAction = (out: string, stack: SigstoreStack) =>
  runAction({
    workspace: ws,
    inputs: {
      'subject-path': 'dist/app.tgz',
      'tuf-mirror': tuf.url,
      'tuf-root': 'root.json',
      'output-dir': out,
    },
    env: { ...stack.env, RUNNER_TOOL_CACHE: path.join(ws, 'tool-cache') },
  });

/** The whole second after now has begun: the TSA's clock counts whole seconds. */
async function nextSecond(): Promise<Date> {
  const at = new Date(Math.ceil((Date.now() + 1) / 1000) * 1000);
  await new Promise((r) => setTimeout(r, at.getTime() - Date.now() + 50));
  return at;
}

beforeAll(async () => {
  [oldKeys, newKeys] = await Promise.all([startSigstoreStack(), startSigstoreStack()]);
  ws = await mkdtemp(path.join(tmpdir(), 'provenant-tuf-rotation-'));
  await mkdir(path.join(ws, 'dist'));
  await writeFile(path.join(ws, 'dist/app.tgz'), 'the app');
  tuf = await startTufRepo({
    'trusted_root.json': await readFile(oldKeys.trustedRootPath),
    'signing_config.v0.2.json': signingConfig(oldKeys),
  });
  await writeFile(path.join(ws, 'root.json'), tuf.rootJson());
}, 60_000);
afterAll(async () => {
  await tuf?.stop();
  await Promise.all([oldKeys?.stop(), newKeys?.stop()]);
  await rm(ws, { recursive: true, force: true });
});

describe('a foundation instance through its TUF repository, as the action and the verifier use it', () => {
  let oldBundle: string;
  let newBundle: string;

  it('the action signs through tuf-mirror and tuf-root, caching the metadata in the tool cache', async () => {
    const run = await signWithAction('out-old', oldKeys);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`cached in ${path.join(ws, 'tool-cache', 'provenant', 'tuf')}`);
    // The summary's verify command is one a user can run: it names the same repository.
    expect(run.summary).toContain(`--tuf-mirror ${tuf.url} --tuf-root tuf-root.json`);
    oldBundle = run.outputs['bundle-path']!;
    const bundle = JSON.parse(await readFile(oldBundle, 'utf8'));
    expect(bundle.verificationMaterial.tlogEntries[0].kindVersion.version).toBe('0.0.2');
    expect(bundle.verificationMaterial.timestampVerificationData.rfc3161Timestamps).toHaveLength(1);
    expect(oldKeys.rekorV2.log.size).toBe(1);

    const v = await verify(oldBundle, 'verify-cache');
    expect(v.stderr).toBe('');
    expect(v.code).toBe(0);
  });

  it('after a rotation, new bundles use the new keys and old bundles still verify', async () => {
    const rotation = await nextSecond();
    tuf.setTarget('trusted_root.json', rotatedRoot(rotation, rotation));
    tuf.setTarget('signing_config.v0.2.json', signingConfig(newKeys));
    // Each stack's Fulcio trusts its own OIDC issuer: the job's token comes from the new one.
    const run = await signWithAction('out-new', newKeys);
    expect(run.code).toBe(0);
    expect(newKeys.rekorV2.log.size).toBe(1);
    newBundle = run.outputs['bundle-path']!;
    for (const bundle of [oldBundle, newBundle]) {
      const v = await verify(bundle, 'verify-cache');
      expect(v.stderr).toBe('');
      expect(v.code).toBe(0);
    }
  });

  it('after a revocation back to before the old bundle, it no longer verifies; the new one does', async () => {
    const compromise = new Date(Date.now() - 10 * 60_000);
    tuf.setTarget('trusted_root.json', rotatedRoot(compromise, compromise));
    const revoked = await verify(oldBundle, 'verify-cache');
    expect(revoked.code).toBe(1);
    expect(revoked.stdout).toContain('TIMESTAMP_ERROR: timestamp could not be verified');
    expect((await verify(newBundle, 'verify-cache')).code).toBe(0);
  });

  it('the verify action checks against the repository named by tuf-mirror', async () => {
    const run = await runAction({
      workspace: ws,
      entry: path.join(repoRoot, 'dist', 'verify.js'),
      inputs: {
        artifacts: 'dist/app.tgz',
        bundle: path.relative(ws, newBundle),
        repo: 'octo-org/octo-repo',
        'tuf-mirror': tuf.url,
        'tuf-root': 'root.json',
        'tuf-cache-dir': 'verify-action-cache',
      },
    });
    expect(run.code).toBe(0);
    expect(run.outputs.verified).toBe('true');
  });

  it('the step action signs its link through the same repository', async () => {
    const run = await runAction({
      workspace: ws,
      entry: path.join(repoRoot, 'dist', 'step.js'),
      inputs: {
        name: 'package',
        command: 'true',
        products: 'dist/app.tgz',
        'tuf-mirror': tuf.url,
        'tuf-root': 'root.json',
        'upload-artifact': 'false',
        'output-dir': 'out-step',
      },
      env: { ...newKeys.env, RUNNER_TOOL_CACHE: path.join(ws, 'tool-cache') },
    });
    expect(run.stdout).not.toContain('::error::');
    expect(run.code).toBe(0);
    const link = JSON.parse(await readFile(run.outputs['bundle-path']!, 'utf8'));
    expect(link.verificationMaterial.tlogEntries[0].kindVersion.version).toBe('0.0.2');
    expect(newKeys.rekorV2.log.size).toBe(2);
  });

  it('asks for the initial root and refuses a trusted root beside the mirror', async () => {
    const noRoot = await runCliProcess(
      ['verify', 'dist/app.tgz', '--bundle', newBundle, '--repo', 'o/r', '--tuf-mirror', tuf.url],
      { cwd: ws },
    );
    expect(noRoot.code).toBe(2);
    expect(noRoot.stderr).toContain('expected --tuf-root FILE too');
    const both = await runCliProcess(
      [
        'verify',
        'dist/app.tgz',
        '--bundle',
        newBundle,
        '--repo',
        'o/r',
        '--trusted-root',
        'root.json',
        ...tufFlags('c'),
      ],
      { cwd: ws },
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('expected either --trusted-root or --tuf-mirror, got both');
  });
});
