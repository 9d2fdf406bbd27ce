/**
 * Every failure a user can meet carries a stable `code` (for scripts, tests and docs) and a message that says
 * what was expected, what was found, and how to fix it. Entry points map `exitCode` to the process status.
 */
export type ErrorCode =
  // input and usage
  | 'INPUT_INVALID'
  | 'USAGE'
  | 'NO_FILES_FOUND'
  | 'PATH_OUTSIDE_BASE'
  | 'NOT_REGULAR_FILE'
  | 'FILE_UNREADABLE'
  | 'FILE_NOT_FOUND'
  | 'SUBJECT_CONFLICT'
  | 'CHECKSUM_LINE_INVALID'
  | 'DIGEST_ALGORITHM_UNKNOWN'
  | 'DIGEST_INVALID'
  | 'SUBJECT_NAME_INVALID'
  | 'CONTEXT_INVALID'
  // signing
  | 'OIDC_PERMISSION_MISSING'
  | 'OIDC_TOKEN_INVALID'
  | 'OIDC_TOKEN_REQUEST_FAILED'
  | 'SIGSTORE_CONFIG_INVALID'
  | 'PRIVATE_REPO_PUBLIC_LOG'
  | 'SIGNING_FAILED'
  | 'SERVICE_UNAVAILABLE'
  | 'VERIFY_AFTER_SIGN_FAILED'
  // verification
  | 'BUNDLE_INVALID'
  | 'BUNDLE_TOO_LARGE'
  | 'BUNDLE_VERSION_UNSUPPORTED'
  | 'BUNDLE_NOT_FOUND'
  | 'TRUST_ROOT_INVALID'
  | 'SIGNATURE_INVALID'
  | 'SUBJECT_MISMATCH'
  | 'PREDICATE_TYPE_MISMATCH'
  | 'CERT_ISSUER_MISMATCH'
  | 'CERT_IDENTITY_MISMATCH'
  | 'SIGNER_WORKFLOW_MISMATCH'
  | 'SIGNER_REPO_MISMATCH'
  | 'SIGNER_DIGEST_MISMATCH'
  | 'SOURCE_REPO_MISMATCH'
  | 'SOURCE_OWNER_MISMATCH'
  | 'SOURCE_REF_MISMATCH'
  | 'SOURCE_DIGEST_MISMATCH'
  | 'SELF_HOSTED_RUNNER_DENIED'
  | 'STATEMENT_CERT_MISMATCH'
  | 'POLICY_MISSING'
  | 'ENVIRONMENT_MISMATCH'
  // release approval
  | 'APPROVAL_MISSING'
  | 'APPROVAL_INVALID'
  | 'APPROVAL_SIGNER_MISMATCH'
  | 'APPROVAL_ENVIRONMENT_MISMATCH'
  | 'APPROVAL_SAME_IDENTITY'
  | 'APPROVAL_SUBJECT_MISMATCH'
  | 'APPROVAL_PROVENANCE_MISMATCH'
  | 'APPROVAL_TAG_MISMATCH'
  | 'APPROVAL_BEFORE_PROVENANCE'
  | 'APPROVAL_TOO_OLD'
  | 'VERSION_BELOW_MINIMUM'
  | 'PROVENANCE_NOT_VERIFIED'
  // layouts and step attestations
  | 'LAYOUT_INVALID'
  | 'LAYOUT_EXPIRED'
  | 'LAYOUT_SIGNER_MISMATCH'
  | 'STEP_MISSING'
  | 'STEP_FUNCTIONARY_MISMATCH'
  | 'STEP_THRESHOLD_NOT_MET'
  | 'STEP_LINKS_DISAGREE'
  | 'ARTIFACT_RULE_FAILED'
  | 'ARTIFACT_NOT_PRODUCED'
  | 'STEP_COMMAND_FAILED'
  // publishing
  | 'GITHUB_PERMISSION_MISSING'
  | 'RELEASE_NOT_FOUND'
  | 'RELEASE_IMMUTABLE'
  | 'ASSET_CONFLICT'
  | 'ASSET_NAME_INVALID'
  | 'ASSET_DOWNLOAD_FAILED'
  | 'UPLOAD_FAILED'
  | 'ATTESTATION_STORE_FAILED'
  | 'PUBLISH_LIMIT_EXCEEDED'
  // container registries and predicates
  | 'IMAGE_REFERENCE_INVALID'
  | 'IMAGE_NOT_FOUND'
  | 'REGISTRY_AUTH_FAILED'
  | 'REGISTRY_FAILED'
  | 'PREDICATE_INVALID'
  | 'PREDICATE_TOO_LARGE'
  // encryption and the key broker
  | 'CIPHERTEXT_INVALID'
  | 'PLAINTEXT_MISMATCH'
  | 'BROKER_POLICY_INVALID'
  | 'BROKER_CONFIG_INVALID'
  | 'BROKER_UNAVAILABLE'
  | 'KEY_REQUEST_INVALID'
  | 'KEY_NOT_FOUND'
  | 'KEY_EXISTS'
  | 'IDENTITY_NOT_ALLOWED'
  | 'NONCE_UNKNOWN'
  | 'NONCE_REPLAYED'
  | 'NONCE_STALE'
  | 'INTERNAL';

/**
 * Marks Provenant's errors. The CLI's hash command is bundled on its own (scripts/build.mjs), with its own copy of this
 * class, so `instanceof` would not recognise its errors: the mark is the same in every copy.
 */
const PROVENANT_ERROR = Symbol.for('provenant.error');

/**
 * The codes whose fix is to change what was asked (a flag, an input, a path, a file given): exit code 2. Every other
 * code is a check that failed or an operation that could not complete: exit code 1. One exit code per error code, so
 * a script can rely on either.
 */
export const USAGE_ERROR_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'INPUT_INVALID',
  'USAGE',
  'PATH_OUTSIDE_BASE',
  'NOT_REGULAR_FILE',
  'FILE_NOT_FOUND',
  'SUBJECT_CONFLICT',
  'CHECKSUM_LINE_INVALID',
  'DIGEST_ALGORITHM_UNKNOWN',
  'DIGEST_INVALID',
  'SUBJECT_NAME_INVALID',
  'CONTEXT_INVALID',
  'SIGSTORE_CONFIG_INVALID',
  'PRIVATE_REPO_PUBLIC_LOG',
  'POLICY_MISSING',
  'ASSET_NAME_INVALID',
  'IMAGE_REFERENCE_INVALID',
  'PREDICATE_INVALID',
  'PREDICATE_TOO_LARGE',
  'BROKER_POLICY_INVALID',
  'BROKER_CONFIG_INVALID',
  'LAYOUT_INVALID',
]);

export const exitCodeOf = (code: ErrorCode): 1 | 2 => (USAGE_ERROR_CODES.has(code) ? 2 : 1);

export class ProvenantError extends Error {
  readonly [PROVENANT_ERROR] = true;
  readonly code: ErrorCode;
  /** 1: a check failed or an operation could not complete; 2: the user asked for something malformed. */
  readonly exitCode: 1 | 2;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ProvenantError';
    this.code = code;
    this.exitCode = exitCodeOf(code);
  }
}

/** A malformed input. The name says so at the throw site; the exit code follows from the code, as for every error. */
export function inputError(code: ErrorCode, message: string, cause?: unknown): ProvenantError {
  return new ProvenantError(code, message, { cause });
}

export function isProvenantError(e: unknown): e is ProvenantError {
  return e instanceof Error && (e as { [PROVENANT_ERROR]?: unknown })[PROVENANT_ERROR] === true;
}

/** Shortens a value for an error message so a pasted megabyte never floods a log. */
export function quote(value: string, max = 120): string {
  const shown = value.length > max ? `${value.slice(0, max)}…` : value;
  return JSON.stringify(shown);
}
