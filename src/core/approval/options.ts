/**
 * The release-approval flags of `provenant verify` and the verify action's inputs (one name in both places), and the
 * policy they make: who may approve, and what an approval must say and when it must have been signed.
 */
import { inputError, ProvenantError } from '../errors.js';
import { buildPolicy } from '../policy/build.js';
import type { PolicyFlagReader } from '../policy/options.js';
import type { Policy } from '../policy/types.js';
import { parseDuration } from './duration.js';
import { VSA_V1 } from './predicate.js';
import { parseMinVersion, type Version } from './version.js';

export interface ReleaseOptions {
  requireApproval?: boolean;
  approverWorkflow?: string;
  approverEnvironment?: string;
  expectedTag?: string;
  maxAge?: string;
  minVersion?: string;
}

export interface ReleaseFlag {
  readonly name: string;
  readonly option: keyof ReleaseOptions;
  readonly type: 'string' | 'boolean';
  readonly argument?: string;
  readonly help: string;
}

/** In the order the CLI's usage lists them. */
export const RELEASE_FLAGS: readonly ReleaseFlag[] = [
  {
    name: 'require-approval',
    option: 'requireApproval',
    type: 'boolean',
    help: "fail unless an approval signature (approval.sigstore.json) authorizes the artifact's provenance",
  },
  {
    name: 'approver-workflow',
    option: 'approverWorkflow',
    type: 'string',
    argument: 'OWNER/REPO/PATH[@REF]',
    help: 'the workflow whose job signed the approval (as --signer-workflow); never the builder identity',
  },
  {
    name: 'approver-environment',
    option: 'approverEnvironment',
    type: 'string',
    argument: 'NAME',
    help: "the protected environment the approving job ran in, e.g. release (the certificate's .23)",
  },
  {
    name: 'expected-tag',
    option: 'expectedTag',
    type: 'string',
    argument: 'TAG',
    help: "the tag the release must be (default: the provenance's source ref, when it is a tag)",
  },
  {
    name: 'max-age',
    option: 'maxAge',
    type: 'string',
    argument: 'DURATION',
    help: 'refuse an approval logged longer ago than this, e.g. 30d or 12h (freeze protection)',
  },
  {
    name: 'min-version',
    option: 'minVersion',
    type: 'string',
    argument: 'VERSION',
    help: 'refuse a release whose tag is an older version than this (rollback protection)',
  },
];

export function readReleaseOptions(read: PolicyFlagReader): ReleaseOptions {
  const options: ReleaseOptions = {};
  for (const flag of RELEASE_FLAGS) {
    if (flag.type === 'boolean') {
      if (read.boolean(flag.name)) (options as Record<string, unknown>)[flag.option] = true;
      continue;
    }
    const given = read.string(flag.name);
    if (given !== undefined && given !== '') (options as Record<string, unknown>)[flag.option] = given;
  }
  return options;
}

/** What the release must satisfy besides its provenance; `approval` only with --require-approval. */
export interface ReleasePolicy {
  approval?: {
    /** The approver's identity and statement, checked by the same rules as provenance. */
    approver: Policy;
    maxAgeMs?: number;
  };
  expectedTag?: string;
  minVersion?: Version;
  warnings: string[];
}

function approverPolicy(options: ReleaseOptions, builder: Policy): Policy {
  if (!options.approverWorkflow)
    throw new ProvenantError(
      'POLICY_MISSING',
      'expected --approver-workflow OWNER/REPO/PATH with --require-approval, got none: without it, an approval signed ' +
        'by anyone would pass. Name the workflow whose job approves releases (e.g. your release workflow).',
    );
  const approver = buildPolicy({
    signerWorkflow: options.approverWorkflow,
    predicateType: VSA_V1,
    server: builder.server,
    ...(options.approverEnvironment ? { environment: options.approverEnvironment } : {}),
  });
  // The approver signs with the builder's OIDC issuer (one forge); an approval statement names no source to compare.
  const { issuer: _default, issuerPattern: _none, ...rest } = approver;
  return {
    ...rest,
    ...(builder.issuer !== undefined ? { issuer: builder.issuer } : {}),
    ...(builder.issuerPattern ? { issuerPattern: builder.issuerPattern } : {}),
    checkStatementSource: false,
  };
}

/** Turns the release flags into a policy, refusing the flags that only mean something with an approval. */
export function buildReleasePolicy(options: ReleaseOptions, builder: Policy): ReleasePolicy {
  const policy: ReleasePolicy = { warnings: [] };
  if (options.expectedTag) policy.expectedTag = options.expectedTag;
  if (options.minVersion) policy.minVersion = parseMinVersion(options.minVersion, '--min-version');
  const needsApproval = (['approverWorkflow', 'approverEnvironment', 'maxAge'] as const).filter(
    (k) => options[k] !== undefined,
  );
  if (!options.requireApproval) {
    if (needsApproval.length > 0)
      throw inputError(
        'USAGE',
        `expected --require-approval with ${needsApproval.map((k) => `--${RELEASE_FLAGS.find((f) => f.option === k)!.name}`).join(', ')}, got none: ` +
          'those constrain the approval signature, which is only checked when it is required.',
      );
    return policy;
  }
  const approver = approverPolicy(options, builder);
  policy.approval = {
    approver,
    ...(options.maxAge ? { maxAgeMs: parseDuration(options.maxAge, '--max-age') } : {}),
  };
  if (!options.approverEnvironment)
    policy.warnings.push(
      'no --approver-environment: any job of the approver workflow can sign an approval. The protected environment ' +
        '(its required reviewers) is what makes an approval more than a second build signature; name it.',
    );
  return policy;
}
