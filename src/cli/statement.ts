import path from 'node:path';
import { buildContextForCli } from './context.js';
import { collectSubjects } from '../app/collect-subjects.js';
import { provenanceStatement } from '../app/build-statement.js';
import { nodeFileSystem } from '../adapters/fs/index.js';
import { writeFileAtomic } from '../adapters/fs/write-file.js';
import { parseCommandArgs } from './args.js';
import type { CliCommand } from './command.js';
import { stderrLogger, subjectFlags, subjectRequest, subjectUsage } from './subject-options.js';
import { withProgressBar } from './progress.js';

export const command: CliCommand = {
  name: 'statement',
  summary: 'build the unsigned in-toto SLSA v1 provenance statement',
  usage: `Usage: provenant statement [PATTERN...] [options]

Builds an in-toto Statement v1 with an SLSA v1 provenance predicate (GitHub's layout, plus workflow inputs,
runner and tool versions) for the subjects, from the GitHub Actions environment (GITHUB_*, RUNNER_*,
GITHUB_EVENT_PATH). Nothing is signed.

${subjectUsage}
Output:
  --output FILE                write the statement to FILE (default: stdout)
  --quiet                      no progress on stderr`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs('statement', argv, {
      ...subjectFlags,
      output: { type: 'string', short: 'o' },
      quiet: { type: 'boolean' },
    });
    const request = subjectRequest(values, positionals, io);
    const log = stderrLogger(io, values.quiet === true);
    const context = await buildContextForCli(io.env);
    const subjects = await withProgressBar(
      io,
      values.quiet === true,
      (fs) => collectSubjects(request, { fs, log }),
      nodeFileSystem,
    );
    const json = `${JSON.stringify(provenanceStatement(subjects, context), null, 2)}\n`;
    if (typeof values.output === 'string') {
      const written = await writeFileAtomic(path.resolve(io.cwd, values.output), json);
      log.info(
        `Statement for ${subjects.length} subject${subjects.length === 1 ? '' : 's'} written to ${written}`,
      );
    } else {
      io.stdout(json);
    }
    return 0;
  },
};
