import { readActionInputs, type ActionInputs } from './adapters/actions/action-inputs.js';
import { readEventPayload } from './adapters/actions/event.js';
import { envInputs } from './adapters/actions/input-reader.js';
import { actionsLogger, fail, setOutput, writeSummary } from './adapters/actions/runtime.js';
import { nodeFileSystem } from './adapters/fs/index.js';
import { writeFileAtomic } from './adapters/fs/write-file.js';
import type { SigstoreInstance } from './adapters/sigstore/instances.js';
import { rekorEntryUrl, signingIdentity } from './adapters/sigstore/signing-identity.js';
import { attest, type AttestResult } from './app/attest.js';
import type { Logger } from './app/ports.js';
import { formatChecksums } from './core/checksums.js';
import { isProvenantError } from './core/errors.js';
import { bundlesTable, subjectsTable, verifyCommands } from './core/summary.js';
import { PROVENANT_VERSION } from './version.js';

/** The action's composition root: inputs → adapters → use cases → outputs. The only place that fails the step. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const log = actionsLogger;
    const inputs = readActionInputs(envInputs(env), env);
    log.info(
      `Provenant ${PROVENANT_VERSION}${inputs.dryRun ? ' (dry run: nothing will be signed or published)' : ''}`,
    );

    let instance: SigstoreInstance | undefined;
    const result = await attest(
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
        outputDir: inputs.outputDir,
        dryRun: inputs.dryRun,
        env,
        event: await readEventPayload(env.GITHUB_EVENT_PATH),
        extras: {
          finishedOn: new Date().toISOString(),
          tools: { provenant: PROVENANT_VERSION, node: process.versions.node },
        },
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
    report(result, inputs, instance, log);
    await writeSummary(summary(result, inputs, instance));
  } catch (e) {
    fail(
      isProvenantError(e)
        ? `[${e.code}] ${e.message}`
        : e instanceof Error
          ? (e.stack ?? e.message)
          : String(e),
    );
  }
}

function report(
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

function summary(result: AttestResult, inputs: ActionInputs, instance: SigstoreInstance | undefined): string {
  const n = result.subjects.length;
  const head =
    `## Provenant${inputs.dryRun ? ' (dry run)' : ''}\n\n${n} subject${n === 1 ? '' : 's'}, built by ` +
    `\`${result.context.jobWorkflowRef}\` at \`${result.context.sha}\`.\n\n${subjectsTable(result.subjects)}\n`;
  if (result.bundles.length === 0) return `${head}Statement: \`${result.statementPath}\`\n`;
  const first = result.bundles[0]!;
  const artifact = result.subjects[0]!.name;
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
    `\n### Verify\n\n` +
    verifyCommands({ artifact, bundle: first.name, repository: result.context.repository })
  );
}
