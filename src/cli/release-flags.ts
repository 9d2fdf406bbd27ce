/**
 * The release-approval flags of `provenant verify` (the verify action reads the same table): --require-approval and
 * what an approval must satisfy, --approval-bundle where it is, and the tag rules that hold with or without one.
 */
import {
  buildReleasePolicy,
  readReleaseOptions,
  RELEASE_FLAGS,
  type ReleasePolicy,
} from '../core/approval/options.js';
import type { Policy } from '../core/policy/types.js';

type Values = Record<string, unknown>;

export const RELEASE_OPTIONS = {
  ...Object.fromEntries(RELEASE_FLAGS.map((f) => [f.name, { type: f.type }])),
  'approval-bundle': { type: 'string' },
} as { [name: string]: { type: 'string' | 'boolean' } };

const HELP_COLUMN = 31;
const line = (head: string, help: string) =>
  head.length <= HELP_COLUMN - 2
    ? `${head.padEnd(HELP_COLUMN)}${help}`
    : `${head}\n${' '.repeat(HELP_COLUMN)}${help}`;

export const RELEASE_USAGE = [
  'Release approval (docs/release-approval.md): the provenance says what built the artifact, an approval signed from a',
  'protected environment says the maintainers released it. Without --approval-bundle, approval.sigstore.json is',
  'looked up beside the provenance bundle and in --bundle-dir:',
  ...RELEASE_FLAGS.map((f) => line(`  --${f.name}${f.argument ? ` ${f.argument}` : ''}`, f.help)),
  line('  --approval-bundle FILE', 'the approval signature for every artifact'),
].join('\n');

/** The release policy the flags ask for, or undefined when none of them was given. */
export function releaseFrom(
  values: Values,
  builder: Policy,
): { release?: ReleasePolicy; approvalBundle?: string } {
  const options = readReleaseOptions({
    string: (name) => (typeof values[name] === 'string' ? values[name] : undefined),
    boolean: (name) => values[name] === true,
  });
  const approvalBundle =
    typeof values['approval-bundle'] === 'string' ? values['approval-bundle'] : undefined;
  if (Object.keys(options).length === 0 && approvalBundle === undefined) return {};
  const release = buildReleasePolicy(options, builder);
  if (approvalBundle !== undefined && !release.approval)
    release.warnings.push('--approval-bundle is read only with --require-approval.');
  return { release, ...(approvalBundle !== undefined ? { approvalBundle } : {}) };
}
