import { resolve } from 'node:path';
import {
  booleanInput,
  envInputs,
  multilineInput,
  stringInput,
  type RawInputs,
} from './adapters/actions/input-reader.js';
import { actionsLogger, fail, setOutput, writeSummary } from './adapters/actions/runtime.js';
import { isProcessEntry } from './adapters/process/entry.js';
import { resolveTrustedRoot, trustMaterial } from './adapters/sigstore/trust.js';
import { nodeVerifyPorts } from './adapters/sigstore/verify-ports.js';
import { verifyArtifacts } from './app/verify.js';
import { splitPatterns } from './core/patterns.js';
import { inputError } from './core/errors.js';
import { failureLine } from './core/failure.js';
import { buildPolicy } from './core/policy/build.js';
import { digestAlgorithm, readPolicyOptions } from './core/policy/options.js';
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

async function verify(get: RawInputs, cwd: string): Promise<VerifyResult> {
  const policy = buildPolicy(
    readPolicyOptions({
      string: (name) => stringInput(get, name),
      boolean: (name) => booleanInput(get, name, false),
    }),
  );
  const artifacts = artifactsFrom(get);
  const root = await resolveTrustedRoot(
    {
      trustedRoot: stringInput(get, 'trusted-root'),
      instance: stringInput(get, 'instance'),
      tufCacheDir: stringInput(get, 'tuf-cache-dir'),
      tufRoot: stringInput(get, 'tuf-root'),
    },
    (p) => resolve(cwd, p),
  );
  const bundle = stringInput(get, 'bundle');
  const bundleDir = stringInput(get, 'bundle-dir');
  const algorithm = digestAlgorithm(stringInput(get, 'digest-alg'));
  for (const warning of policy.warnings ?? []) actionsLogger.warn(printable(warning));
  return verifyArtifacts(
    {
      artifacts,
      ...(bundle ? { bundle } : {}),
      ...(bundleDir ? { bundleDir } : {}),
      ...(algorithm ? { algorithm } : {}),
      policy,
    },
    nodeVerifyPorts(trustMaterial(root), cwd),
  );
}

/** The verify action's composition root: inputs → adapters → the verify use case → summary, outputs, failure. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    if (stringInput(envInputs(env), 'layout')) {
      const { runLayout } = await import('./verify-layout-main.js');
      return await runLayout(envInputs(env), env.GITHUB_WORKSPACE || process.cwd());
    }
    const result = await verify(envInputs(env), env.GITHUB_WORKSPACE || process.cwd());
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
