import { collectSubjects } from '../app/collect-subjects.js';
import { nodeFileSystem } from '../adapters/fs/index.js';
import { checksumAlgorithms, formatChecksums } from '../core/checksums.js';
import { jsonFormat, parseCommandArgs } from './args.js';
import type { CliCommand } from './command.js';
import { stderrLogger, subjectFlags, subjectRequest, subjectUsage } from './subject-options.js';
import { withProgressBar } from './progress.js';

export const command: CliCommand = {
  name: 'hash',
  summary: 'digest build outputs (sha256sum-compatible lines, or --json)',
  usage: `Usage: provenant hash [PATTERN...] [options]

Prints one "<digest>  <name>" line per subject, names relative to --base-dir, in a stable order, so
\`sha256sum -c\` run from the base directory accepts the output.

${subjectUsage}
Output:
  --format text|json           json prints [{"name", "digest": {...}, "size"}] instead (--json is the same)
  --quiet                      no progress or summary on stderr`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs('hash', argv, {
      ...subjectFlags,
      json: { type: 'boolean' },
      format: { type: 'string' },
      quiet: { type: 'boolean' },
    });
    const request = subjectRequest(values, positionals, io);
    const log = stderrLogger(io, values.quiet === true);
    const subjects = await withProgressBar(
      io,
      values.quiet === true,
      (fs) => collectSubjects(request, { fs, log }),
      nodeFileSystem,
    );
    if (jsonFormat(values)) {
      io.stdout(`${JSON.stringify(subjects, null, 2)}\n`);
    } else {
      const algorithms = checksumAlgorithms(subjects, request.algorithms, values.algorithm !== undefined);
      for (const alg of algorithms) io.stdout(formatChecksums(subjects, alg));
    }
    return 0;
  },
};
