import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { defaultArtifactName } from './artifact-name.js';
import { bundleFileName, subjectsPerStatement } from '../../core/bundle-name.js';
import { inputError, quote } from '../../core/errors.js';
import { splitPatterns } from '../../core/patterns.js';
import { booleanInput, choiceInput, multilineInput, type RawInputs, stringInput } from './input-reader.js';
import { readOciInputs, type OciInputs } from './oci-inputs.js';

export interface ActionInputs extends OciInputs {
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
  /** A signing_config.v0.2.json (absolute path), or '' */
  signingConfig: string;
  /** A TUF repository's URL and its initial root.json (absolute path), or '' */
  tufMirror: string;
  tufRoot: string;
  allowPublicLog: boolean;
  verifyAfterSign: boolean;
  bundleLayout: 'single' | 'per-subject';
  bundleName: string;
  subjectsPerStatement: number;
  releaseTag: string;
  attachToRelease: 'auto' | 'true' | 'false';
  overwrite: boolean;
  uploadArtifact: boolean;
  artifactName: string;
  attestationStore: 'auto' | 'true' | 'false';
  requireAttestationStore: boolean;
  githubToken: string;
  subjectReleaseAssets: string[];
  /** Deadline of each request to any service, in ms. */
  requestTimeoutMs: number;
  /** Budgets of the signing and publishing phases, in ms. */
  signingTimeoutMs: number;
  publishTimeoutMs: number;
}

/** Defaults of the deadline and the budgets, in seconds (action.yml says the same). */
export const TIMEOUT_DEFAULTS = { request: 30, signing: 1800, publish: 3600 } as const;

/** The action's inputs, typed and checked, with runner defaults filled in. */
export function readActionInputs(
  get: RawInputs,
  env: Record<string, string | undefined>,
  event?: Record<string, unknown>,
): ActionInputs {
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const inputs: ActionInputs = { ...readSharedInputs(get, env, event), ...subjectInputs(get, workspace) };
  checkCombination(inputs);
  return inputs;
}

/**
 * The signing, output and publishing inputs the step action shares with this one, read the same way; subjects are
 * left empty (a step's subjects are its products).
 */
export function readSharedInputs(
  get: RawInputs,
  env: Record<string, string | undefined>,
  event?: Record<string, unknown>,
): ActionInputs {
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  return {
    subjectPatterns: [],
    subjectChecksums: [],
    subjectDigests: [],
    baseDir: workspace,
    allowOutsideBase: false,
    ifNoFilesFound: 'warn',
    subjectReleaseAssets: [],
    ...readOciInputs(get, workspace),
    outputDir: path.resolve(
      workspace,
      stringInput(get, 'output-dir', path.join(env.RUNNER_TEMP ?? workspace, 'provenant')),
    ),
    dryRun: booleanInput(get, 'dry-run', false),
    ...signingInputs(get, workspace),
    ...publishingInputs(get, env, event),
    githubToken: stringInput(get, 'github-token'),
    requestTimeoutMs: secondsInput(get, 'request-timeout', TIMEOUT_DEFAULTS.request),
    signingTimeoutMs: secondsInput(get, 'signing-timeout', TIMEOUT_DEFAULTS.signing),
    publishTimeoutMs: secondsInput(get, 'publish-timeout', TIMEOUT_DEFAULTS.publish),
  };
}

type SubjectInputs = Pick<
  ActionInputs,
  | 'subjectPatterns'
  | 'subjectChecksums'
  | 'subjectDigests'
  | 'baseDir'
  | 'ifNoFilesFound'
  | 'allowOutsideBase'
  | 'subjectReleaseAssets'
>;

function subjectInputs(get: RawInputs, workspace: string): SubjectInputs {
  const subjectName = stringInput(get, 'subject-name');
  const subjectDigest = stringInput(get, 'subject-digest');
  if ((subjectName === '') !== (subjectDigest === '')) {
    throw inputError(
      'INPUT_INVALID',
      `inputs subject-name and subject-digest go together: expected both or neither, got ${subjectName ? `subject-name ${quote(subjectName)} only` : `subject-digest ${quote(subjectDigest)} only`}.`,
    );
  }
  return {
    subjectPatterns: splitPatterns(multilineInput(get, 'subject-path')),
    subjectChecksums: multilineInput(get, 'subject-checksums').map((p) => path.resolve(workspace, p)),
    subjectDigests: subjectName ? [{ name: subjectName, digest: subjectDigest }] : [],
    baseDir: path.resolve(workspace, stringInput(get, 'base-dir', '.')),
    ifNoFilesFound: choiceInput(get, 'if-no-files-found', ['error', 'warn', 'ignore'] as const, 'error'),
    allowOutsideBase: booleanInput(get, 'allow-outside-base', false),
    subjectReleaseAssets: splitPatterns(multilineInput(get, 'subject-release-assets')),
  };
}

type SigningInputs = Pick<
  ActionInputs,
  | 'sigstore'
  | 'fulcioUrl'
  | 'rekorUrl'
  | 'tsaUrl'
  | 'trustedRoot'
  | 'signingConfig'
  | 'tufMirror'
  | 'tufRoot'
  | 'allowPublicLog'
  | 'verifyAfterSign'
  | 'bundleLayout'
  | 'bundleName'
  | 'subjectsPerStatement'
>;

function signingInputs(get: RawInputs, workspace: string): SigningInputs {
  return {
    sigstore: stringInput(get, 'sigstore'),
    fulcioUrl: stringInput(get, 'fulcio-url'),
    rekorUrl: stringInput(get, 'rekor-url'),
    tsaUrl: stringInput(get, 'tsa-url'),
    trustedRoot:
      stringInput(get, 'trusted-root') && path.resolve(workspace, stringInput(get, 'trusted-root')),
    signingConfig:
      stringInput(get, 'signing-config') && path.resolve(workspace, stringInput(get, 'signing-config')),
    tufMirror: stringInput(get, 'tuf-mirror'),
    tufRoot: stringInput(get, 'tuf-root') && path.resolve(workspace, stringInput(get, 'tuf-root')),
    allowPublicLog: booleanInput(get, 'allow-public-log', false),
    verifyAfterSign: booleanInput(get, 'verify-after-sign', true),
    // A re-sign attaches `<asset>.sigstore.json` beside each asset unless told otherwise.
    bundleLayout: choiceInput(
      get,
      'bundle-layout',
      ['single', 'per-subject'] as const,
      multilineInput(get, 'subject-release-assets').length > 0 ? 'per-subject' : 'single',
    ),
    bundleName: bundleFileName(
      stringInput(get, 'bundle-name', 'provenance.sigstore.json'),
      'input bundle-name',
    ),
    subjectsPerStatement: positiveIntInput(get, 'subjects-per-statement', 1024),
  };
}

type PublishingInputs = Pick<
  ActionInputs,
  | 'releaseTag'
  | 'attachToRelease'
  | 'overwrite'
  | 'uploadArtifact'
  | 'artifactName'
  | 'attestationStore'
  | 'requireAttestationStore'
>;

function publishingInputs(
  get: RawInputs,
  env: Record<string, string | undefined>,
  event: Record<string, unknown> | undefined,
): PublishingInputs {
  return {
    releaseTag: stringInput(get, 'release-tag', defaultReleaseTag(env, event)),
    attachToRelease: choiceInput(get, 'attach-to-release', ['auto', 'true', 'false'] as const, 'auto'),
    overwrite: booleanInput(get, 'overwrite', false),
    uploadArtifact: booleanInput(get, 'upload-artifact', false),
    artifactName: stringInput(
      get,
      'artifact-name',
      defaultArtifactName(env, () => randomBytes(8).toString('hex')),
    ),
    attestationStore: choiceInput(get, 'attestation-store', ['auto', 'true', 'false'] as const, 'auto'),
    requireAttestationStore: booleanInput(get, 'require-attestation-store', false),
  };
}

/** Inputs that are each valid but cannot go together. */
function checkCombination(inputs: ActionInputs): void {
  const subjectSources =
    inputs.subjectPatterns.length +
    inputs.subjectChecksums.length +
    inputs.subjectDigests.length +
    inputs.subjectOci.length;
  if (subjectSources + inputs.subjectReleaseAssets.length === 0) {
    throw inputError(
      'INPUT_INVALID',
      'no subjects given: expected subject-path (globs or directories), subject-checksums (sha256sum files), ' +
        'subject-name with subject-digest, subject-oci (container images), or subject-release-assets (to re-sign a ' +
        'release). Add, for example, ' +
        '`subject-path: dist/*`.',
    );
  }
  if (inputs.subjectReleaseAssets.length > 0 && !inputs.releaseTag) {
    throw inputError(
      'INPUT_INVALID',
      'subject-release-assets re-signs assets of a release: expected release-tag too, got none. Set release-tag ' +
        '(for a workflow_dispatch, from an input: `release-tag: ${{ inputs.tag }}`).',
    );
  }
  if (inputs.requireAttestationStore && inputs.attestationStore === 'false') {
    throw inputError(
      'INPUT_INVALID',
      'require-attestation-store: true contradicts attestation-store: false; expected one of them changed.',
    );
  }
}

function positiveIntInput(get: RawInputs, name: string, fallback: number): number {
  const v = stringInput(get, name);
  return v === '' ? fallback : subjectsPerStatement(v, `input ${name}`);
}

/** A duration in seconds (fractions allowed), at most six hours (a job's own limit); returned in ms. */
function secondsInput(get: RawInputs, name: string, fallback: number): number {
  const v = stringInput(get, name);
  if (v === '') return fallback * 1000;
  const seconds = Number(v);
  if (!/^\d+(\.\d+)?$/.test(v) || !(seconds > 0) || seconds > 21_600) {
    throw inputError(
      'INPUT_INVALID',
      `input ${name}: expected a number of seconds above 0 and at most 21600 (six hours), got ${quote(v)}.`,
    );
  }
  return Math.round(seconds * 1000);
}

/** The tag of a `release` event, or of a tag push; empty otherwise. */
export function defaultReleaseTag(
  env: Record<string, string | undefined>,
  event: Record<string, unknown> | undefined,
): string {
  const release = event?.release;
  if (env.GITHUB_EVENT_NAME === 'release' && release && typeof release === 'object') {
    const tag = (release as Record<string, unknown>).tag_name;
    if (typeof tag === 'string') return tag;
  }
  const ref = env.GITHUB_REF ?? '';
  return ref.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : '';
}
