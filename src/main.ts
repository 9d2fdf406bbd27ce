import path from 'node:path';
import { readActionInputs } from './adapters/actions/action-inputs.js';
import { readEventPayload } from './adapters/actions/event.js';
import { envInputs } from './adapters/actions/input-reader.js';
import { actionsLogger, fail, setOutput, writeSummary } from './adapters/actions/runtime.js';
import { nodeFileSystem } from './adapters/fs/index.js';
import { writeFileAtomic } from './adapters/fs/write-file.js';
import { provenanceStatement } from './app/build-statement.js';
import { collectSubjects } from './app/collect-subjects.js';
import { formatChecksums } from './core/checksums.js';
import { contextFromEnv } from './core/build-context.js';
import { isProvenantError } from './core/errors.js';
import { subjectsTable } from './core/summary.js';
import { PROVENANT_VERSION } from './version.js';

/** The action's composition root: inputs → adapters → use cases → outputs. The only place that fails the step. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const log = actionsLogger;
    const inputs = readActionInputs(envInputs(env), env);
    log.info(`Provenant ${PROVENANT_VERSION}`);

    const subjects = await collectSubjects(
      {
        patterns: inputs.subjectPatterns,
        checksumFiles: inputs.subjectChecksums,
        digests: inputs.subjectDigests,
        baseDir: inputs.baseDir,
        allowOutsideBase: inputs.allowOutsideBase,
        ifNoFilesFound: inputs.ifNoFilesFound,
        algorithms: ['sha256'],
      },
      nodeFileSystem,
      log,
    );
    const checksums = formatChecksums(subjects);
    setOutput('subjects', Buffer.from(checksums).toString('base64'));
    setOutput('subject-count', String(subjects.length));
    log.info(`${subjects.length} subject${subjects.length === 1 ? '' : 's'}:\n${checksums.trimEnd()}`);

    const event = await readEventPayload(env.GITHUB_EVENT_PATH);
    const context = contextFromEnv(env, event, {
      finishedOn: new Date().toISOString(),
      tools: { provenant: PROVENANT_VERSION, node: process.versions.node },
    });
    const statement = provenanceStatement(subjects, context);
    const statementPath = await writeFileAtomic(
      path.join(inputs.outputDir, 'provenance.statement.json'),
      `${JSON.stringify(statement, null, 2)}\n`,
    );
    setOutput('statement-path', statementPath);
    log.info(`Statement written to ${statementPath}`);

    await writeSummary(
      `## Provenant${inputs.dryRun ? ' (dry run)' : ''}\n\n${subjects.length} subject${subjects.length === 1 ? '' : 's'}, ` +
        `built by \`${context.jobWorkflowRef}\` at \`${context.sha}\`.\n\n${subjectsTable(subjects)}\n` +
        `Statement: \`${statementPath}\`\n`,
    );
    if (inputs.dryRun) log.info('Dry run: nothing was signed or published.');
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
