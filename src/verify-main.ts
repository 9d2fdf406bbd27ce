import { resolve } from 'node:path';
import {
  booleanInput,
  envInputs,
  multilineInput,
  stringInput,
  type RawInputs,
} from './adapters/actions/input-reader.js';
import { actionsLogger, fail, maskSecret, setOutput, writeSummary } from './adapters/actions/runtime.js';
import { verifyWithImages } from './adapters/oci/verify-images.js';
import { isProcessEntry } from './adapters/process/entry.js';
import { resolveTrustedRoot, trustMaterial } from './adapters/sigstore/trust.js';
import { nodeVerifyPorts } from './adapters/sigstore/verify-ports.js';
import { verifyArtifacts } from './app/verify.js';
import { splitPatterns } from './core/patterns.js';
import { inputError } from './core/errors.js';
import { failureLine } from './core/failure.js';
import { buildPolicy } from './core/policy/build.js';
import { digestAlgorithm, readPolicyOptions } from './core/policy/options.js';
import { buildReleasePolicy, readReleaseOptions } from './core/approval/options.js';
import { printable, renderSummary, renderText, type VerifyResult } from './core/verify-report.js';

/**
 * The `artifacts` entries (files, directories, globs, `!` excludes) and then the `artifact-digests`, as the verify
 * use case takes them: the same function expands them for this action and for `provenant verify`.
 */
function artifactsFrom(get: RawInputs): string[] {
  const artifacts = [
    ...splitPatterns(multilineInput(get, 'artifacts')),
    ...multilineInput(get, 'artifact-digests'),
  ];
  if (artifacts.length === 0)
    throw inputError(
      'INPUT_INVALID',
      'inputs artifacts / artifact-digests: expected at least one artifact, got none. Set artifacts to the files to verify (globs allowed).',
    );
  return artifacts;
}

/** registry-username / registry-password, for the `oci://` artifacts (else docker's config). */
function registryCredentials(get: RawInputs): { username: string; password: string } | undefined {
  const username = stringInput(get, 'registry-username');
  const password = stringInput(get, 'registry-password');
  if (password) maskSecret(password);
  if (!username && !password) return undefined;
  if (!username || !password)
    throw inputError(
      'INPUT_INVALID',
      'inputs registry-username and registry-password go together: expected both or neither.',
    );
  return { username, password };
}

async function verify(get: RawInputs, cwd: string, env: NodeJS.ProcessEnv): Promise<VerifyResult> {
  const policy = buildPolicy(
    readPolicyOptions({
      string: (name) => stringInput(get, name),
      boolean: (name) => booleanInput(get, name, false),
    }),
  );
  const reader = {
    string: (name: string) => stringInput(get, name),
    boolean: (name: string) => booleanInput(get, name, false),
  };
  const options = readReleaseOptions(reader);
  const release = Object.keys(options).length > 0 ? buildReleasePolicy(options, policy) : undefined;
  const approvalBundle = stringInput(get, 'approval-bundle');
  const artifacts = artifactsFrom(get);
  const root = await resolveTrustedRoot(
    {
      trustedRoot: stringInput(get, 'trusted-root'),
      instance: stringInput(get, 'instance'),
      tufCacheDir: stringInput(get, 'tuf-cache-dir'),
      tufRoot: stringInput(get, 'tuf-root'),
      tufMirror: stringInput(get, 'tuf-mirror'),
    },
    (p) => resolve(cwd, p),
  );
  const bundle = stringInput(get, 'bundle');
  const bundleDir = stringInput(get, 'bundle-dir');
  const algorithm = digestAlgorithm(stringInput(get, 'digest-alg'));
  for (const warning of [...(policy.warnings ?? []), ...(release?.warnings ?? [])])
    actionsLogger.warn(printable(warning));
  const ports = nodeVerifyPorts(trustMaterial(root), cwd);
  const credentials = registryCredentials(get);
  return verifyWithImages(
    artifacts,
    policy,
    { env, log: actionsLogger },
    (files) =>
      verifyArtifacts(
        {
          artifacts: files,
          ...(bundle ? { bundle } : {}),
          ...(bundleDir ? { bundleDir } : {}),
          ...(algorithm ? { algorithm } : {}),
          ...(release ? { release } : {}),
          ...(approvalBundle ? { approvalBundle } : {}),
          policy,
        },
        ports,
      ),
    ports,
    credentials,
  );
}

/** The verify action's composition root: inputs → adapters → the verify use case → summary, outputs, failure. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    if (stringInput(envInputs(env), 'layout')) {
      const { runLayout } = await import('./verify-layout-main.js');
      return await runLayout(envInputs(env), env.GITHUB_WORKSPACE || process.cwd());
    }
    const result = await verify(envInputs(env), env.GITHUB_WORKSPACE || process.cwd(), env);
    actionsLogger.info(renderText(result));
    for (const s of result.skipped ?? [])
      actionsLogger.warn(`skipped ${printable(s.bundle)} [${s.code}]: ${printable(s.message)}`);
    setOutput('verified', String(result.verified));
    setOutput('results', JSON.stringify(result.artifacts));
    await writeSummary(renderSummary(result));
    if (!result.verified) {
      const failed = result.artifacts.filter((a) => !a.verified);
      fail(
        `${failed.length} of ${result.artifacts.length} artifact(s) failed verification: ${failed.map((a) => `${printable(a.artifact)} [${a.code}]`).join(', ')}`,
      );
    }
  } catch (e) {
    setOutput('verified', 'false');
    fail(failureLine(e));
  }
}

if (isProcessEntry(import.meta.url)) await run();
