/**
 * The names bundles are written and published under. One rule for every entry point, checked before anything is
 * signed: a plain file name (release assets have no folders), and an extension verifiers recognise.
 */
import { inputError, quote } from './errors.js';

export const BUNDLE_SUFFIX = '.sigstore.json';

/** Names kept as given: Sigstore's `.sigstore.json`, any `.json`, and JSON Lines (`.intoto.jsonl`, which OpenSSF Scorecard counts as provenance). */
const KEPT_EXTENSIONS = /\.(json|jsonl)$/;

/** `label` is how the user gave it: `input bundle-name` in the action, `--bundle-name` in the CLI. */
export function bundleFileName(name: string, label: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._+-]*$/.test(name) || name.length > 200 || name.includes('..')) {
    throw inputError(
      'INPUT_INVALID',
      `${label}: expected a plain file name (letters, digits, ".", "_", "+", "-"; no folders, no ".."), got ${quote(name)}. ` +
        'Release asset names cannot hold folders.',
    );
  }
  return KEPT_EXTENSIONS.test(name) ? name : `${name}${BUNDLE_SUFFIX}`;
}

/** JSON Lines hold one bundle per line; every other name gets the bundle pretty-printed. */
export const isJsonLines = (name: string): boolean => name.endsWith('.jsonl');

/** The name of shard `n` (from 2) of a bundle: the number goes before the extension. */
export function shardName(name: string, n: number): string {
  return name.replace(/(\.sigstore\.json|\.intoto\.jsonl|\.jsonl|\.json)?$/, (ext) => `-${n}${ext || ''}`);
}

/** `subjects-per-statement`: a whole number from 1 to 9,999,999, written in digits. */
export function subjectsPerStatement(value: string, label: string): number {
  if (!/^[1-9][0-9]{0,6}$/.test(value)) {
    throw inputError(
      'INPUT_INVALID',
      `${label}: expected a whole number from 1 to 9999999, got ${quote(value)}.`,
    );
  }
  return Number(value);
}

export const STATEMENT_FILE = 'provenance.statement.json';

/** The subjects as `sha256sum` lines, beside the statement: what the `subjects` output says, at any size. */
export const SUBJECTS_FILE = 'subjects.sha256sum';

/** Files Provenant writes into its output directory: the statement and subjects for people to read, and bundles. */
export function isProvenantOutput(fileName: string): boolean {
  return (
    fileName === STATEMENT_FILE ||
    fileName === SUBJECTS_FILE ||
    fileName.endsWith(BUNDLE_SUFFIX) ||
    /\.(intoto\.)?jsonl$/.test(fileName)
  );
}

/** A release asset that is a signature or provenance (Sigstore bundles, in-toto JSON Lines), never an artifact. */
export function isSignatureAsset(name: string): boolean {
  return name.endsWith(BUNDLE_SUFFIX) || name.endsWith('.sigstore') || name.endsWith('.intoto.jsonl');
}

/**
 * Statements signed at once. Each waits seconds on the services (Rekor v2 writes, TSAs): enough in flight that a
 * sharded release is not the sum of its round trips, few enough that a release of thousands does not flood Fulcio.
 */
export const SIGNING_CONCURRENCY = 16;
