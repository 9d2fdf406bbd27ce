/**
 * `provenant verify ARTIFACT… --layout FILE …`: the pipeline mode of verify. The layout names who signs each step,
 * so the provenance policy flags do not apply; the layout's own signer is named here instead.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { nodeLayoutPorts } from '../adapters/sigstore/layout-ports.js';
import { resolveTrustedRoot } from '../adapters/sigstore/trust.js';
import { verifyLayout, type LayoutSigner } from '../app/verify-layout.js';
import { inputError, quote } from '../core/errors.js';
import { renderLayoutJson, renderLayoutText } from '../core/layout/pipeline-report.js';
import type { CliIO } from './command.js';
import { outputFrom, POLICY_OPTIONS, trustFrom } from './verify-flags.js';
import { renderJq, runJq } from './verify-jq.js';
import { stderrLogger } from './subject-options.js';

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

/**
 * Where the attestations are: --attestations DIR, and/or --attestations-release TAG (every bundle asset of that
 * release of --attestations-repo, default $GITHUB_REPOSITORY, downloaded with $GH_TOKEN or $GITHUB_TOKEN).
 */
async function attestationDirs(values: Values, io: CliIO, temporary: string[]): Promise<string[]> {
  const dirs: string[] = [];
  const dir = str(values, 'attestations');
  if (dir) dirs.push(dir);
  const tag = str(values, 'attestations-release');
  if (tag) {
    const repository = str(values, 'attestations-repo') ?? io.env.GITHUB_REPOSITORY ?? '';
    const [owner, repo, extra] = repository.split('/');
    if (!owner || !repo || extra !== undefined)
      throw inputError(
        'USAGE',
        `--attestations-release: expected --attestations-repo OWNER/REPO (or GITHUB_REPOSITORY), got ${quote(repository)}.`,
      );
    const token = io.env.GH_TOKEN ?? io.env.GITHUB_TOKEN ?? '';
    const { createGitHubClient } = await import('../adapters/github/index.js');
    const { githubResignPorts } = await import('../adapters/github/resign-ports.js');
    const { downloadReleaseAttestations } = await import('../app/release-attestations.js');
    const client = createGitHubClient({
      token,
      ...(io.env.GITHUB_API_URL ? { baseUrl: io.env.GITHUB_API_URL } : {}),
    });
    const into = await mkdtemp(join(tmpdir(), 'provenant-attestations-'));
    temporary.push(into);
    await downloadReleaseAttestations(
      tag,
      into,
      githubResignPorts(client, { owner, repo }, stderrLogger(io, true)),
    );
    dirs.push(into);
  }
  if (dirs.length === 0)
    throw inputError(
      'USAGE',
      '--layout: expected --attestations DIR or --attestations-release TAG (the link and provenance bundles), got neither.',
    );
  return dirs;
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
  if (positionals.length === 0)
    throw inputError(
      'USAGE',
      "--layout: expected at least one ARTIFACT (the final step's products), got none.",
    );
  const temporary: string[] = [];
  try {
    return await verifyIn(await attestationDirs(values, io, temporary), values, positionals, io);
  } finally {
    for (const dir of temporary) await rm(dir, { recursive: true, force: true });
  }
}

async function verifyIn(dirs: string[], values: Values, positionals: string[], io: CliIO): Promise<number> {
  const output = outputFrom(values);
  const layoutPath = str(values, 'layout')!;
  const root = await resolveTrustedRoot(trustFrom(values), (p) => resolve(io.cwd, p));
  const result = await verifyLayout(
    {
      artifacts: positionals,
      layoutPath,
      layoutBundlePath: str(values, 'layout-bundle') ?? `${layoutPath}.sigstore.json`,
      layoutSigner: await layoutSigner(values, io),
      attestationsDirs: dirs,
    },
    nodeLayoutPorts(root, io.cwd),
  );
  if (output.jq) io.stdout(renderJq(runJq(output.jq, JSON.parse(renderLayoutJson(result)))));
  else io.stdout(output.format === 'json' ? renderLayoutJson(result) : renderLayoutText(result));
  return result.verified ? 0 : 1;
}
