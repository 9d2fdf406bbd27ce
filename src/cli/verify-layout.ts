/**
 * `provenant verify ARTIFACT… --layout FILE …`: the pipeline mode of verify. The layout names who signs each step,
 * so the provenance policy flags do not apply; the layout's own signer is named here instead.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { nodeLayoutPorts } from '../adapters/sigstore/layout-ports.js';
import { resolveTrustedRoot } from '../adapters/sigstore/trust.js';
import { verifyLayout, type LayoutSigner } from '../app/verify-layout.js';
import { inputError, quote } from '../core/errors.js';
import { renderLayoutJson, renderLayoutText } from '../core/layout/pipeline-report.js';
import type { CliIO } from './command.js';
import { outputFrom, POLICY_OPTIONS, trustFrom } from './verify-flags.js';
import { renderJq, runJq } from './verify-jq.js';

type Values = Record<string, unknown>;
const str = (values: Values, name: string) => (typeof values[name] === 'string' ? values[name] : undefined);

async function layoutSigner(values: Values, io: CliIO): Promise<LayoutSigner> {
  const key = str(values, 'layout-key');
  const identity = str(values, 'layout-cert-identity');
  const issuer = str(values, 'layout-cert-oidc-issuer');
  if (key !== undefined && (identity !== undefined || issuer !== undefined))
    throw inputError(
      'USAGE',
      'expected --layout-key or --layout-cert-identity/--layout-cert-oidc-issuer, got both.',
    );
  if (key !== undefined) {
    try {
      return { keyPem: await readFile(resolve(io.cwd, key), 'utf8'), source: key };
    } catch (e) {
      throw inputError(
        'FILE_NOT_FOUND',
        `--layout-key: expected a readable PEM file, got ${quote(key)} (${(e as NodeJS.ErrnoException).code ?? ''}).`,
      );
    }
  }
  if (!identity || !issuer)
    throw inputError(
      'USAGE',
      '--layout: expected --layout-cert-identity SAN and --layout-cert-oidc-issuer URL (or --layout-key FILE) naming who signed the layout, got neither or only one. An unsigned layout proves nothing.',
    );
  return { identity, issuer };
}

/** Runs verify in pipeline mode; returns the exit code. */
export async function verifyWithLayout(values: Values, positionals: string[], io: CliIO): Promise<number> {
  const policy = Object.keys(POLICY_OPTIONS).filter((name) => values[name] !== undefined);
  if (policy.length > 0)
    throw inputError(
      'USAGE',
      `--layout: expected no provenance policy flags (the layout names each step's signers), got --${policy.join(', --')}.`,
    );
  for (const name of ['bundle', 'bundle-dir'])
    if (values[name] !== undefined)
      throw inputError('USAGE', `--layout reads bundles from --attestations DIR, got --${name} too.`);
  const attestations = str(values, 'attestations');
  if (!attestations)
    throw inputError(
      'USAGE',
      '--layout: expected --attestations DIR (the link and provenance bundles), got none.',
    );
  if (positionals.length === 0)
    throw inputError(
      'USAGE',
      "--layout: expected at least one ARTIFACT (the final step's products), got none.",
    );
  const output = outputFrom(values);
  const layoutPath = str(values, 'layout')!;
  const root = await resolveTrustedRoot(trustFrom(values), (p) => resolve(io.cwd, p));
  const result = await verifyLayout(
    {
      artifacts: positionals,
      layoutPath,
      layoutBundlePath: str(values, 'layout-bundle') ?? `${layoutPath}.sigstore.json`,
      layoutSigner: await layoutSigner(values, io),
      attestationsDir: attestations,
    },
    nodeLayoutPorts(root, io.cwd),
  );
  if (output.jq) io.stdout(renderJq(runJq(output.jq, JSON.parse(renderLayoutJson(result)))));
  else io.stdout(output.format === 'json' ? renderLayoutJson(result) : renderLayoutText(result));
  return result.verified ? 0 : 1;
}
