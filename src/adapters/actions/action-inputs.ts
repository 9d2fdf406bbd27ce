import path from 'node:path';
import { inputError, quote } from '../../core/errors.js';
import { splitPatterns } from '../fs/collect-files.js';
import { booleanInput, choiceInput, multilineInput, type RawInputs, stringInput } from './input-reader.js';

export interface ActionInputs {
  subjectPatterns: string[];
  subjectChecksums: string[];
  subjectDigests: { name: string; digest: string }[];
  baseDir: string;
  ifNoFilesFound: 'error' | 'warn' | 'ignore';
  allowOutsideBase: boolean;
  outputDir: string;
  dryRun: boolean;
}

/** The action's inputs, typed and checked, with runner defaults filled in. */
export function readActionInputs(get: RawInputs, env: Record<string, string | undefined>): ActionInputs {
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const baseDir = path.resolve(workspace, stringInput(get, 'base-dir', '.'));
  const subjectName = stringInput(get, 'subject-name');
  const subjectDigest = stringInput(get, 'subject-digest');
  if ((subjectName === '') !== (subjectDigest === '')) {
    throw inputError(
      'INPUT_INVALID',
      `inputs subject-name and subject-digest go together: expected both or neither, got ${subjectName ? `subject-name ${quote(subjectName)} only` : `subject-digest ${quote(subjectDigest)} only`}.`,
    );
  }
  const inputs: ActionInputs = {
    subjectPatterns: splitPatterns(multilineInput(get, 'subject-path')),
    subjectChecksums: multilineInput(get, 'subject-checksums').map((p) => path.resolve(workspace, p)),
    subjectDigests: subjectName ? [{ name: subjectName, digest: subjectDigest }] : [],
    baseDir,
    ifNoFilesFound: choiceInput(get, 'if-no-files-found', ['error', 'warn', 'ignore'] as const, 'error'),
    allowOutsideBase: booleanInput(get, 'allow-outside-base', false),
    outputDir: path.resolve(
      workspace,
      stringInput(get, 'output-dir', path.join(env.RUNNER_TEMP ?? workspace, 'provenant')),
    ),
    dryRun: booleanInput(get, 'dry-run', false),
  };
  if (inputs.subjectPatterns.length + inputs.subjectChecksums.length + inputs.subjectDigests.length === 0) {
    throw inputError(
      'INPUT_INVALID',
      'no subjects given: expected subject-path (globs or directories), subject-checksums (sha256sum files) or ' +
        'subject-name with subject-digest. Add, for example, `subject-path: dist/*`.',
    );
  }
  return inputs;
}
