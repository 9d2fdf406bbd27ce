import path from 'node:path';
import type { Logger, SubjectRequest } from '../app/ports.js';
import { parseAlgorithm, type DigestAlgorithm } from '../core/digest.js';
import { inputError, quote } from '../core/errors.js';
import { CLI_FILE_OPTIONS } from '../core/files.js';
import { splitPatterns } from '../core/patterns.js';
import { crypto } from '../adapters/builtins.js';
import { guardLogMessage } from '../core/control-characters.js';
import { list } from './args.js';
import type { CliIO } from './command.js';

/** The subject flags shared by `hash`, `statement` and `sign`. */
export const subjectFlags = {
  'base-dir': { type: 'string' },
  checksums: { type: 'string', multiple: true },
  digest: { type: 'string', multiple: true },
  'if-no-files-found': { type: 'string' },
  'allow-outside-base': { type: 'boolean' },
  algorithm: { type: 'string', multiple: true },
} as const;

export const subjectUsage = `Subjects (combinable):
  PATTERN...                   files, directories (recursed) or globs (** and !excludes; dotfiles included)
  --checksums FILE             a sha256sum/sha512sum file whose lines become subjects (repeatable)
  --digest NAME=sha256:HEX     a subject given by its digest (repeatable; sha384 and sha512 too)
  --base-dir DIR               names are paths relative to DIR (patterns stay relative to the current
                               directory; default: the current directory)
  --if-no-files-found MODE     error (default), warn or ignore when a pattern matches nothing
  --allow-outside-base         accept files outside the base directory (by path or symlink)
  --algorithm ALG              sha256 (default), sha384 or sha512 (repeatable)`;

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** `otherSubjects`: the command has subjects of another kind (images), so these may be none. */
export function subjectRequest(
  values: Values,
  positionals: string[],
  io: CliIO,
  otherSubjects = false,
): SubjectRequest {
  const ifNoFilesFound = (values['if-no-files-found'] as string | undefined) ?? 'error';
  if (!['error', 'warn', 'ignore'].includes(ifNoFilesFound)) {
    throw inputError(
      'USAGE',
      `--if-no-files-found: expected error, warn or ignore, got ${quote(ifNoFilesFound)}.`,
    );
  }
  const digests = list(values.digest).map((d) => {
    const eq = d.lastIndexOf('=');
    if (eq <= 0) throw inputError('USAGE', `--digest: expected NAME=sha256:HEX, got ${quote(d)}.`);
    return { name: d.slice(0, eq), digest: d.slice(eq + 1) };
  });
  const algorithms = list(values.algorithm).map((a) => parseAlgorithm(a, '--algorithm'));
  const request: SubjectRequest = {
    patterns: splitPatterns(positionals),
    checksumFiles: list(values.checksums).map((f) => path.resolve(io.cwd, f)),
    digests,
    baseDir: path.resolve(io.cwd, (values['base-dir'] as string | undefined) ?? '.'),
    allowOutsideBase: values['allow-outside-base'] === true,
    ifNoFilesFound: ifNoFilesFound as SubjectRequest['ifNoFilesFound'],
    algorithms: algorithms.length > 0 ? ([...new Set(algorithms)] as DigestAlgorithm[]) : ['sha256'],
    inputNames: { patterns: 'subject', checksumFiles: '--checksums', digests: '--digest' },
    cwd: io.cwd,
    optionNames: CLI_FILE_OPTIONS,
  };
  if (
    !otherSubjects &&
    request.patterns.length + request.checksumFiles.length + request.digests.length === 0
  ) {
    throw inputError(
      'USAGE',
      'expected subjects: give files or globs, --checksums FILE or --digest NAME=sha256:HEX.',
    );
  }
  return request;
}

/** Messages go to stderr so stdout stays machine-readable. */
/**
 * Log lines on stderr, shown safely: control characters escaped and, where the Actions runner reads stderr, text that
 * would pass for a workflow command fenced off.
 */
export function stderrLogger(io: CliIO, quiet = false): Logger {
  const write = (m: string) => {
    const lines = guardLogMessage(m, () => crypto.randomBytes(16).toString('hex'));
    if (lines.length === 1 || !io.workflowCommand) io.stderr(`${lines.length === 1 ? lines[0] : lines[1]}\n`);
    else {
      io.workflowCommand(lines[0]!);
      io.stderr(`${lines[1]}\n`);
      io.workflowCommand(lines[2]!);
    }
  };
  return {
    info: (m) => {
      if (!quiet) write(m);
    },
    warn: (m) => write(`warning: ${m}`),
  };
}
