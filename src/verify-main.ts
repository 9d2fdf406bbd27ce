import * as core from '@actions/core';
import { isProcessEntry } from './adapters/process/entry.js';
import { resolve } from 'node:path';
import {
  booleanInput,
  envInputs,
  multilineInput,
  stringInput,
  type RawInputs,
} from './adapters/actions/input-reader.js';
import { collectFiles } from './adapters/fs/collect-files.js';
import { splitPatterns } from './core/patterns.js';
import { trustMaterial } from './adapters/sigstore/trust.js';
import { verifyArtifacts, type VerifyResult } from './app/verify.js';
import { inputError } from './core/errors.js';
import { failureLine } from './core/failure.js';
import { secrets } from './core/redact.js';
import { buildPolicy, POLICY_STRING_OPTIONS, type PolicyOptions } from './core/policy/build.js';
import { nodeVerifyPorts } from './cli/verify-ports.js';
import { renderSummaryRows, renderText } from './cli/verify-report.js';
import { resolveTrustedRoot } from './cli/verify-trust.js';

/** Bundles sit beside artifacts in release directories: a glob like dist/* must not treat them as artifacts. */
const isBundleFile = (path: string): boolean => path.endsWith('.sigstore.json') || path.endsWith('.jsonl');

function policyOptions(get: RawInputs): PolicyOptions {
  const options: PolicyOptions = {
    denySelfHostedRunners: booleanInput(get, 'deny-self-hosted-runners', false),
  };
  for (const [key, input] of POLICY_STRING_OPTIONS) {
    const v = stringInput(get, input);
    if (v !== '') (options as Record<string, unknown>)[key] = v;
  }
  const hostname = stringInput(get, 'hostname');
  if (hostname !== '') options.server = `https://${hostname}`;
  return options;
}

function summary(result: VerifyResult): string {
  const header = ['Artifact', 'Result', 'Signer', 'Source', 'Commit', 'Signed'];
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const rows = renderSummaryRows(result.artifacts).map((r) => `| ${r.map(cell).join(' | ')} |`);
  const ok = result.artifacts.filter((a) => a.verified).length;
  const failures = result.artifacts
    .filter((a) => !a.verified)
    .map((a) => `- \`${cell(a.artifact)}\`: ${cell(a.failures[0]?.message ?? 'not verified')}`);
  return [
    `### Provenant verification: ${ok} of ${result.artifacts.length} verified`,
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows,
    ...(failures.length > 0 ? ['', '#### Why not', '', ...failures] : []),
    '',
  ].join('\n');
}

/** The verify action's composition root: inputs → adapters → the verify use case → summary, outputs, failure. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const get = envInputs(env);
    const cwd = env.GITHUB_WORKSPACE || process.cwd();
    const policy = buildPolicy(policyOptions(get));
    const patterns = splitPatterns(multilineInput(get, 'artifacts'));
    const digests = multilineInput(get, 'artifact-digests');
    const files =
      patterns.length > 0
        ? await collectFiles(patterns, {
            baseDir: cwd,
            allowOutsideBase: true,
            ifNoFilesFound: 'error',
            inputName: 'artifacts',
          })
        : [];
    const artifacts = [...files.map((f) => f.path).filter((p) => !isBundleFile(p)), ...digests];
    if (artifacts.length === 0)
      throw inputError(
        'INPUT_INVALID',
        'inputs artifacts / artifact-digests: expected at least one artifact, got none. Set artifacts to the files to verify (globs allowed).',
      );
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
    const result = await verifyArtifacts(
      { artifacts, ...(bundle ? { bundle } : {}), ...(bundleDir ? { bundleDir } : {}), policy },
      nodeVerifyPorts(trustMaterial(root), cwd),
    );
    core.info(renderText(result));
    core.setOutput('verified', String(result.verified));
    core.setOutput('results', JSON.stringify(result.artifacts));
    if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summary(result), true).write();
    if (!result.verified) {
      const failed = result.artifacts.filter((a) => !a.verified);
      core.setFailed(
        `${failed.length} of ${result.artifacts.length} artifact(s) failed verification: ${failed.map((a) => `${a.artifact} [${a.code}]`).join(', ')}`,
      );
    }
  } catch (e) {
    core.setOutput('verified', 'false');
    core.setFailed(secrets.redact(failureLine(e)));
  }
}

if (isProcessEntry(import.meta.url)) await run();
