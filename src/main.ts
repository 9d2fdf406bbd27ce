import path from 'node:path';
import { readActionInputs, type ActionInputs } from './adapters/actions/action-inputs.js';
import { readEventPayload } from './adapters/actions/event.js';
import { envInputs } from './adapters/actions/input-reader.js';
import { actionsLogger, fail, maskSecret, setOutput, writeSummary } from './adapters/actions/runtime.js';
import { nodeFileSystem } from './adapters/fs/index.js';
import { writeFileAtomic } from './adapters/fs/write-file.js';
import type { GitHubClient, RepoRef } from './adapters/github/index.js';
import { rekorEntryUrl, type SigstoreInstance } from './adapters/sigstore/instances.js';
import { attest, type AttestResult } from './app/attest.js';
import type { Logger } from './app/ports.js';
import type { PublishResult } from './app/publish.js';
import type { ResignPlan } from './app/resign.js';
import { formatChecksums } from './core/checksums.js';
import { inputError } from './core/errors.js';
import { failureLine } from './core/failure.js';
import { bundlesTable, escapeCell, subjectsTable, verifyCommands } from './core/summary.js';
import { PROVENANT_VERSION } from './version.js';

/** The action's composition root: inputs → adapters → use cases → outputs. The only place that fails the step. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const log = actionsLogger;
  let signed: AttestResult | undefined;
  try {
    const event = await readEventPayload(env.GITHUB_EVENT_PATH);
    const inputs = readActionInputs(envInputs(env), env, event);
    if (inputs.githubToken) maskSecret(inputs.githubToken);
    log.info(
      `Provenant ${PROVENANT_VERSION}${inputs.dryRun ? ' (dry run: nothing will be signed or published)' : ''}`,
    );
    // Signing and GitHub clients are large: load them after the first log line, and only when this run needs them.
    const github = inputs.githubToken ? await gitHub(inputs, env, log) : undefined;

    let resign: ResignPlan | undefined;
    if (inputs.subjectReleaseAssets.length > 0) {
      const gh = requireGitHub(github, 'subject-release-assets');
      const { planResign } = await import('./app/resign.js');
      const { githubResignPorts } = await import('./adapters/github/resign-ports.js');
      resign = await planResign(
        inputs.releaseTag,
        inputs.subjectReleaseAssets,
        path.join(inputs.outputDir, 'release-assets'),
        githubResignPorts(gh.client, gh.repo),
        log,
      );
    }

    let startedOn: string | undefined;
    if (github && env.GITHUB_RUN_ID) {
      const { runStartedAt } = await import('./adapters/github/workflow-run.js');
      startedOn = await runStartedAt(github.client, github.repo, env.GITHUB_RUN_ID, (m) => log.debug?.(m));
    }

    let instance: SigstoreInstance | undefined;
    const { signingIdentity } = await import('./adapters/sigstore/signing-identity.js');
    signed = await attest(
      {
        subjects: {
          patterns: inputs.subjectPatterns,
          checksumFiles: inputs.subjectChecksums,
          digests: inputs.subjectDigests,
          baseDir: inputs.baseDir,
          allowOutsideBase: inputs.allowOutsideBase,
          ifNoFilesFound: inputs.ifNoFilesFound,
          algorithms: ['sha256'],
        },
        ...(resign ? { presetSubjects: resign.subjects, provenance: resign.provenance } : {}),
        outputDir: inputs.outputDir,
        dryRun: inputs.dryRun,
        env,
        event,
        extras: startedOn ? { startedOn } : {},
        bundles: {
          layout: inputs.bundleLayout,
          bundleName: inputs.bundleName,
          subjectsPerStatement: inputs.subjectsPerStatement,
          concurrency: 4,
        },
      },
      {
        fs: nodeFileSystem,
        writeFile: writeFileAtomic,
        signing: signingIdentity(
          {
            sigstore: inputs.sigstore,
            fulcioUrl: inputs.fulcioUrl,
            rekorUrl: inputs.rekorUrl,
            tsaUrl: inputs.tsaUrl,
            trustedRoot: inputs.trustedRoot,
            allowPublicLog: inputs.allowPublicLog,
            verifyAfterSign: inputs.verifyAfterSign,
            env,
          },
          log,
          (i) => (instance = i),
        ),
      },
      log,
    );
    reportSigning(signed, inputs, instance, log);

    let published: PublishResult | undefined;
    if (!inputs.dryRun) published = await publish(signed, inputs, github, log);
    await writeSummary(summary(signed, inputs, instance, published));
  } catch (e) {
    const message = failureLine(e);
    // Whatever failed after signing, say where the signatures are: they are never lost.
    const kept = signed?.bundles.length
      ? ` The signed bundle${signed.bundles.length === 1 ? ' is' : 's are'} kept at ${signed.bundles.map((b) => b.path).join(', ')}.`
      : '';
    if (signed?.bundles.length) {
      await writeSummary(
        summary(signed, undefined, undefined, undefined) +
          `\n**Failed after signing:** ${escapeCell(message)}\n`,
      ).catch(() => {});
    }
    fail(message + kept);
  }
}

async function gitHub(
  inputs: ActionInputs,
  env: NodeJS.ProcessEnv,
  log: Logger,
): Promise<{ client: GitHubClient; repo: RepoRef } | undefined> {
  const full = env.GITHUB_REPOSITORY ?? '';
  const [owner, repo] = full.split('/');
  if (!owner || !repo) return undefined;
  const unit = Number(env.PROVENANT_RETRY_UNIT_MS ?? '');
  const { createGitHubClient } = await import('./adapters/github/index.js');
  const client = createGitHubClient({
    token: inputs.githubToken,
    ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}),
    ...(Number.isFinite(unit) && unit > 0 ? { backoffUnitMs: unit, paceWrites: false } : {}),
    log: { debug: (m) => log.debug?.(m), warn: (m) => log.warn(m) },
  });
  return { client, repo: { owner, repo } };
}

function requireGitHub(
  github: { client: GitHubClient; repo: RepoRef } | undefined,
  input: string,
): { client: GitHubClient; repo: RepoRef } {
  if (!github) {
    throw inputError(
      'INPUT_INVALID',
      `${input} needs the GitHub API: expected github-token (default: the job's github.token) and GITHUB_REPOSITORY, got none. ` +
        'Leave github-token at its default, or pass a token that can read the release.',
    );
  }
  return github;
}

async function publish(
  signed: AttestResult,
  inputs: ActionInputs,
  github: { client: GitHubClient; repo: RepoRef } | undefined,
  log: Logger,
): Promise<PublishResult | undefined> {
  const visibility =
    typeof signed.claims?.repository_visibility === 'string'
      ? signed.claims.repository_visibility
      : undefined;
  const store =
    inputs.attestationStore === 'true' || (inputs.attestationStore === 'auto' && visibility === 'public');
  if (!github) {
    // Only an explicit request makes a missing token an error; `auto` quietly leaves the bundles on disk.
    if (inputs.attachToRelease === 'true') requireGitHub(github, 'attach-to-release: true');
    if (inputs.attestationStore === 'true') requireGitHub(github, 'attestation-store: true');
    if (inputs.uploadArtifact)
      log.warn('upload-artifact needs the Actions runtime and a github-token; nothing was published.');
    log.info('No github-token: the bundles stay on disk (see bundle-path).');
    return undefined;
  }
  const { publishBundles } = await import('./app/publish.js');
  const { githubPublishPorts } = await import('./adapters/github/publish-ports.js');
  const result = await publishBundles(
    {
      bundles: signed.bundles.map((b) => ({ path: b.path, assetName: b.name })),
      bundleDirectory: inputs.outputDir,
      artifactName: inputs.uploadArtifact ? inputs.artifactName : undefined,
      releaseTag: inputs.releaseTag || undefined,
      attachToRelease: inputs.attachToRelease,
      overwrite: inputs.overwrite,
      attestationStore: store,
      requireAttestationStore: inputs.requireAttestationStore,
    },
    githubPublishPorts(github.client, github.repo, signed.context.serverUrl, log),
  );
  if (result.artifact)
    log.info(`Workflow artifact ${result.artifact.name} uploaded (id ${result.artifact.id})`);
  for (const a of result.releaseAssets) log.info(`Release asset ${a.name}: ${a.action} (${a.url})`);
  for (const a of result.attestations) log.info(`Attestation stored: ${a.url}`);
  for (const w of result.warnings) log.warn(w);
  setOutput('release-asset-urls', JSON.stringify(result.releaseAssets.map((a) => a.url)));
  setOutput('attestation-id', result.attestations[0] ? String(result.attestations[0].id) : '');
  setOutput('attestation-url', result.attestations[0]?.url ?? '');
  if (result.artifact) setOutput('artifact-id', String(result.artifact.id));
  return result;
}

function reportSigning(
  result: AttestResult,
  inputs: ActionInputs,
  instance: SigstoreInstance | undefined,
  log: Logger,
): void {
  const checksums = formatChecksums(result.subjects);
  setOutput('subjects', Buffer.from(checksums).toString('base64'));
  setOutput('subject-count', String(result.subjects.length));
  setOutput('statement-path', result.statementPath);
  log.info(
    `${result.subjects.length} subject${result.subjects.length === 1 ? '' : 's'}:\n${checksums.trimEnd()}`,
  );
  if (inputs.dryRun || result.bundles.length === 0) {
    log.info('Dry run: nothing was signed or published.');
    return;
  }
  const first = result.bundles[0]!;
  setOutput('bundle-path', first.path);
  setOutput('bundle-paths', JSON.stringify(result.bundles.map((b) => b.path)));
  setOutput('certificate-identity', first.facts.certificateIdentity);
  setOutput('rekor-log-index', first.facts.rekorLogIndex ?? '');
  setOutput('rekor-entry-url', rekorEntryUrl(instance, first.facts.rekorLogIndex) ?? '');
  log.info(`Certificate identity: ${first.facts.certificateIdentity}`);
  for (const b of result.bundles) {
    const where = b.facts.rekorLogIndex
      ? `Rekor log index ${b.facts.rekorLogIndex}`
      : 'no transparency log entry';
    const when = b.facts.integratedTime ?? b.facts.timestamp ?? 'unknown time';
    log.info(
      `Signed ${b.name}: ${b.subjects.length} subject${b.subjects.length === 1 ? '' : 's'}, ${where}, at ${when}`,
    );
  }
}

function summary(
  result: AttestResult,
  inputs: ActionInputs | undefined,
  instance: SigstoreInstance | undefined,
  published: PublishResult | undefined,
): string {
  const n = result.subjects.length;
  const head =
    `## Provenant${inputs?.dryRun ? ' (dry run)' : ''}\n\n${n} subject${n === 1 ? '' : 's'}, built by ` +
    `\`${result.context.jobWorkflowRef}\` at \`${result.context.sha}\`.\n\n${subjectsTable(result.subjects)}\n`;
  if (result.bundles.length === 0) return `${head}Statement: \`${result.statementPath}\`\n`;
  const first = result.bundles[0]!;
  const artifact = result.subjects[0]!.name;
  const where: string[] = [`- On disk: ${result.bundles.map((b) => `\`${escapeCell(b.path)}\``).join(', ')}`];
  if (published?.artifact) where.push(`- Workflow artifact: \`${escapeCell(published.artifact.name)}\``);
  for (const a of published?.releaseAssets ?? [])
    where.push(`- Release asset: [${escapeCell(a.name)}](${a.url}) (${a.action})`);
  for (const a of published?.attestations ?? []) where.push(`- Attestation store: ${a.url}`);
  for (const w of published?.warnings ?? []) where.push(`- ⚠️ ${escapeCell(w)}`);
  return (
    head +
    `### Signature\n\nCertificate identity: \`${first.facts.certificateIdentity}\`` +
    `${instance ? ` (Sigstore instance: ${instance.name})` : ''}\n\n` +
    bundlesTable(
      result.bundles.map((b) => {
        const url = rekorEntryUrl(instance, b.facts.rekorLogIndex);
        return {
          name: b.name,
          path: b.path,
          subjects: b.subjects.length,
          ...(b.facts.rekorLogIndex ? { rekorLogIndex: b.facts.rekorLogIndex } : {}),
          ...(url ? { rekorEntryUrl: url } : {}),
          ...(b.facts.integratedTime ? { integratedTime: b.facts.integratedTime } : {}),
          ...(b.facts.timestamp ? { timestamp: b.facts.timestamp } : {}),
        };
      }),
    ) +
    `\n### Where the bundles went\n\n${where.join('\n')}\n` +
    `\n### Verify\n\n` +
    verifyCommands({ artifact, bundle: first.name, repository: result.context.repository })
  );
}
