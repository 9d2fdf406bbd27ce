import path from 'node:path';
import { readEventPayload } from '../adapters/actions/event.js';
import { nodeFileSystem } from '../adapters/fs/index.js';
import { writeFileAtomic } from '../adapters/fs/write-file.js';
import { stepCommandRunner } from '../adapters/process/run-step-command.js';
import { attestStep, checkStepName, keylessStepSigning, type AttestStepResult } from '../app/attest-step.js';
import type { SubjectRequest } from '../app/ports.js';
import { bundleFileName } from '../core/bundle-name.js';
import { CLI_FILE_OPTIONS } from '../core/files.js';
import { inputError } from '../core/errors.js';
import { splitPatterns } from '../core/patterns.js';
import { jsonFormat, list, parseCommandArgs } from './args.js';
import type { CliCommand, CliIO } from './command.js';
import { keySigning, KEY_FLAGS, KEY_USAGE } from './key-options.js';
import { keylessSigning, SIGNING_FLAGS, SIGNING_USAGE } from './signing-options.js';
import { stderrLogger } from './subject-options.js';

const usage = `Usage: provenant attest-step --name NAME [--materials PATTERNS] [--products PATTERNS] [options] [-- CMD ARG...]

Attests one step of a pipeline: hashes the materials, runs CMD (no shell; its output passes through), hashes the
products, and signs an in-toto link v0.3 statement (name, command, materials, byproducts: exit code and the
digests of stdout and stderr, environment: the run's facts) whose subjects are the products. Without -- CMD it
records a step that ran elsewhere. A failing command still gets its signed link; then the exit code is 1.
A layout names the steps and who may sign each (docs/layouts.md); \`provenant verify --layout\` checks them.

Step:
  --name NAME                  the step's name in the layout (letters, digits, . _ -)
  --materials PATTERNS         files, directories or globs the step reads (repeatable, comma-separated)
  --products PATTERNS          files, directories or globs the step makes (repeatable, comma-separated)
  --base-dir DIR               artifact names are paths relative to DIR (default: the current directory)
${SIGNING_USAGE}
${KEY_USAGE}
Output:
  --output-dir DIR             where the link bundle goes (default: provenant-out)
  --bundle-name NAME           default: NAME.link.sigstore.json
  --format text|json           json prints the result as JSON on stdout (--json is the same); the command's
                               own output then goes to stderr
  --quiet                      no progress on stderr`;

const flags = {
  name: { type: 'string' },
  materials: { type: 'string', multiple: true },
  products: { type: 'string', multiple: true },
  'base-dir': { type: 'string' },
  ...SIGNING_FLAGS,
  ...KEY_FLAGS,
  'output-dir': { type: 'string' },
  'bundle-name': { type: 'string' },
  json: { type: 'boolean' },
  format: { type: 'string' },
  quiet: { type: 'boolean' },
} as const;

/** `-- CMD…` is the step's command: everything after the first `--`, never read as flags. */
function splitCommand(argv: string[]): { own: string[]; command: string[] } {
  const at = argv.indexOf('--');
  return at < 0 ? { own: argv, command: [] } : { own: argv.slice(0, at), command: argv.slice(at + 1) };
}

function patternsRequest(
  given: string[],
  baseDir: string,
  io: CliIO,
  flag: string,
): SubjectRequest | undefined {
  const patterns = splitPatterns(given);
  if (patterns.length === 0) return undefined;
  return {
    patterns,
    checksumFiles: [],
    digests: [],
    baseDir,
    allowOutsideBase: false,
    // A step may read or make nothing a pattern names (a test step's products): a warning says so.
    ifNoFilesFound: 'warn',
    algorithms: ['sha256'],
    inputNames: { patterns: flag },
    cwd: io.cwd,
    optionNames: CLI_FILE_OPTIONS,
  };
}

function resultJson(result: AttestStepResult): string {
  return `${JSON.stringify(
    {
      step: result.statement.predicate,
      bundlePath: result.bundle.path,
      products: result.bundle.subjects.map((s) => s.name),
      ...(result.run ? { exitCode: result.run.exitCode } : {}),
      ...result.bundle.facts,
    },
    null,
    2,
  )}\n`;
}

function resultText(name: string, result: AttestStepResult): string {
  const f = result.bundle.facts;
  return (
    `${result.bundle.path}\n  step: ${name}\n` +
    (result.run ? `  exit code: ${result.run.exitCode}\n` : '') +
    `  signed by: ${f.certificateIdentity}\n` +
    (f.rekorLogIndex ? `  rekor log index: ${f.rekorLogIndex}\n` : '')
  );
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const { own, command } = splitCommand(argv);
  const { values } = parseCommandArgs('attest-step', own, flags);
  if (typeof values.name !== 'string')
    throw inputError(
      'USAGE',
      `provenant attest-step: expected --name NAME, got none. ${usage.split('\n')[0]}`,
    );
  const name = checkStepName(values.name, '--name');
  const json = jsonFormat(values);
  const log = stderrLogger(io, values.quiet === true);
  const baseDir = path.resolve(io.cwd, values['base-dir'] ?? '.');
  const signing =
    (await keySigning(values, io, log)) ??
    keylessStepSigning(
      await keylessSigning(values, io, log),
      io.env.GITHUB_SERVER_URL ?? 'https://github.com',
    );
  const passThrough = (write: (t: string) => void) => (chunk: Buffer) => write(chunk.toString('utf8'));
  const result = await attestStep(
    {
      name,
      command,
      materials: patternsRequest(list(values.materials), baseDir, io, '--materials'),
      products: patternsRequest(list(values.products), baseDir, io, '--products'),
      outputDir: path.resolve(io.cwd, values['output-dir'] ?? 'provenant-out'),
      bundleName: bundleFileName(values['bundle-name'] ?? `${name}.link.sigstore.json`, '--bundle-name'),
      env: io.env,
      event: await readEventPayload(io.env.GITHUB_EVENT_PATH),
    },
    {
      fs: nodeFileSystem,
      command: stepCommandRunner(io.cwd, io.env, {
        stdout: passThrough(json ? io.stderr : io.stdout),
        stderr: passThrough(io.stderr),
      }),
      signing,
      writeFile: writeFileAtomic,
      log,
    },
  );
  io.stdout(json ? resultJson(result) : resultText(name, result));
  if (result.run && result.run.exitCode !== 0) {
    io.stderr(
      `provenant attest-step: failed [STEP_COMMAND_FAILED]: step ${name}: the command exited with ${result.run.exitCode}; its link, recording that, is signed at ${result.bundle.path}\n`,
    );
    return 1;
  }
  return 0;
}

export const command: CliCommand = {
  name: 'attest-step',
  summary: 'run one pipeline step and sign an in-toto link for it (materials, command, products)',
  usage,
  run,
};
