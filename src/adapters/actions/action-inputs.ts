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
  sigstore: string;
  fulcioUrl: string;
  rekorUrl: string;
  tsaUrl: string;
  trustedRoot: string;
  allowPublicLog: boolean;
  verifyAfterSign: boolean;
  bundleLayout: 'single' | 'per-subject';
  bundleName: string;
  subjectsPerStatement: number;
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
    sigstore: stringInput(get, 'sigstore'),
    fulcioUrl: stringInput(get, 'fulcio-url'),
    rekorUrl: stringInput(get, 'rekor-url'),
    tsaUrl: stringInput(get, 'tsa-url'),
    trustedRoot:
      stringInput(get, 'trusted-root') && path.resolve(workspace, stringInput(get, 'trusted-root')),
    allowPublicLog: booleanInput(get, 'allow-public-log', false),
    verifyAfterSign: booleanInput(get, 'verify-after-sign', true),
    bundleLayout: choiceInput(get, 'bundle-layout', ['single', 'per-subject'] as const, 'single'),
    bundleName: bundleNameInput(stringInput(get, 'bundle-name', 'provenance.sigstore.json')),
    subjectsPerStatement: positiveIntInput(get, 'subjects-per-statement', 1024),
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

function bundleNameInput(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._+-]*$/.test(name) || name.length > 200) {
    throw inputError(
      'INPUT_INVALID',
      `input bundle-name: expected a plain file name (letters, digits, ".", "_", "+", "-"), got ${quote(name)}. ` +
        'Release asset names cannot hold folders.',
    );
  }
  return name.endsWith('.json') ? name : `${name}.sigstore.json`;
}

function positiveIntInput(get: RawInputs, name: string, fallback: number): number {
  const v = stringInput(get, name);
  if (v === '') return fallback;
  if (!/^[1-9][0-9]{0,6}$/.test(v)) {
    throw inputError(
      'INPUT_INVALID',
      `input ${name}: expected a whole number from 1 to 9999999, got ${quote(v)}.`,
    );
  }
  return Number(v);
}
