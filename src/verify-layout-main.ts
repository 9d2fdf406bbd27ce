/**
 * The verify action in pipeline mode (its `layout` inputs): the same use case as `provenant verify --layout`, with
 * the report in the log and the job summary, and `verified` / `results` outputs.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { multilineInput, stringInput, type RawInputs } from './adapters/actions/input-reader.js';
import { actionsLogger, fail, setOutput, writeSummary } from './adapters/actions/runtime.js';
import { nodeLayoutPorts } from './adapters/sigstore/layout-ports.js';
import { resolveTrustedRoot } from './adapters/sigstore/trust.js';
import { verifyLayout, type LayoutSigner } from './app/verify-layout.js';
import { inputError, quote } from './core/errors.js';
import { renderLayoutSummary, renderLayoutText } from './core/layout/pipeline-report.js';
import { splitPatterns } from './core/patterns.js';

async function signer(get: RawInputs, cwd: string): Promise<LayoutSigner> {
  const key = stringInput(get, 'layout-key');
  const identity = stringInput(get, 'layout-cert-identity');
  const issuer = stringInput(get, 'layout-cert-oidc-issuer');
  if (key && (identity || issuer))
    throw inputError(
      'INPUT_INVALID',
      'inputs layout-key and layout-cert-identity/layout-cert-oidc-issuer: expected one or the other, got both.',
    );
  if (key) {
    try {
      return { keyPem: await readFile(resolve(cwd, key), 'utf8'), source: key };
    } catch {
      throw inputError(
        'FILE_NOT_FOUND',
        `input layout-key: expected a readable PEM file, got ${quote(key)}.`,
      );
    }
  }
  if (!identity || !issuer)
    throw inputError(
      'INPUT_INVALID',
      'input layout: expected layout-cert-identity and layout-cert-oidc-issuer (or layout-key) naming who signed the layout, got neither or only one.',
    );
  return { identity, issuer };
}

export async function runLayout(get: RawInputs, cwd: string): Promise<void> {
  const layoutPath = stringInput(get, 'layout');
  const attestations = stringInput(get, 'attestations');
  if (!attestations)
    throw inputError(
      'INPUT_INVALID',
      'input layout: expected attestations (the directory of link and provenance bundles), got none.',
    );
  const artifacts = splitPatterns(multilineInput(get, 'artifacts'));
  if (artifacts.length === 0)
    throw inputError(
      'INPUT_INVALID',
      "input layout: expected artifacts (the final step's products), got none.",
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
  const result = await verifyLayout(
    {
      artifacts,
      layoutPath,
      layoutBundlePath: stringInput(get, 'layout-bundle') || `${layoutPath}.sigstore.json`,
      layoutSigner: await signer(get, cwd),
      attestationsDirs: [attestations],
    },
    nodeLayoutPorts(root, cwd),
  );
  actionsLogger.info(renderLayoutText(result));
  setOutput('verified', String(result.verified));
  setOutput('results', JSON.stringify(result.artifacts));
  await writeSummary(renderLayoutSummary(result));
  if (!result.verified)
    fail(
      `the pipeline does not match the layout: ${result.failures.map((f) => `[${f.code}] ${f.message}`).join('; ')}`,
    );
}
