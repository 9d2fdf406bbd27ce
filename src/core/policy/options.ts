/** The verify command's policy flags, as given (the CLI and the verify action both fill this; buildPolicy checks it). */
export interface PolicyOptions {
  owner?: string;
  repo?: string;
  signerWorkflow?: string;
  signerRepo?: string;
  signerDigest?: string;
  certIdentity?: string;
  certIdentityRegex?: string;
  certOidcIssuer?: string;
  sourceRef?: string;
  sourceDigest?: string;
  predicateType?: string;
  denySelfHostedRunners?: boolean;
  /** Defaults to https://github.com; a GHES host for enterprise servers. */
  server?: string;
}

type BooleanOption = {
  [K in keyof PolicyOptions]-?: NonNullable<PolicyOptions[K]> extends boolean ? K : never;
}[keyof PolicyOptions];
type StringOption = Exclude<keyof PolicyOptions, BooleanOption>;

interface FlagBase {
  /** The CLI flag (`--NAME`) and the verify action's input (`NAME`): one name in both places. */
  readonly name: string;
  /** One line for the CLI's usage. */
  readonly help: string;
}

export type PolicyFlag =
  | (FlagBase & {
      readonly type: 'string';
      readonly option: StringOption;
      /** The flag's argument in the usage, e.g. OWNER/REPO. */
      readonly argument: string;
      /** Turns the value as given into the option's form (a host name into a server URL). */
      readonly toOption?: (given: string) => string;
    })
  | (FlagBase & { readonly type: 'boolean'; readonly option: BooleanOption });

/** Every policy flag, in the order the CLI's usage lists them. */
export const POLICY_FLAGS: readonly PolicyFlag[] = [
  {
    name: 'owner',
    option: 'owner',
    type: 'string',
    argument: 'OWNER',
    help: "source repository owner; also the signer's owner unless a signer flag is given",
  },
  {
    name: 'repo',
    option: 'repo',
    type: 'string',
    argument: 'OWNER/REPO',
    help: "source repository; also the signer's repository unless a signer flag is given",
  },
  {
    name: 'signer-workflow',
    option: 'signerWorkflow',
    type: 'string',
    argument: 'OWNER/REPO/PATH[@REF]',
    help: 'the workflow that signed (a reusable workflow, or your release workflow)',
  },
  {
    name: 'signer-repo',
    option: 'signerRepo',
    type: 'string',
    argument: 'OWNER/REPO',
    help: 'the repository whose workflow signed',
  },
  {
    name: 'signer-digest',
    option: 'signerDigest',
    type: 'string',
    argument: 'SHA',
    help: 'commit of the signing workflow (pins a reusable workflow)',
  },
  {
    name: 'cert-identity',
    option: 'certIdentity',
    type: 'string',
    argument: 'URI',
    help: 'exact certificate identity (SAN)',
  },
  {
    name: 'cert-identity-regex',
    option: 'certIdentityRegex',
    type: 'string',
    argument: 'RE',
    help: 'certificate identity pattern, always anchored (^…$)',
  },
  {
    name: 'cert-oidc-issuer',
    option: 'certOidcIssuer',
    type: 'string',
    argument: 'URL',
    help: 'default https://token.actions.githubusercontent.com',
  },
  { name: 'source-ref', option: 'sourceRef', type: 'string', argument: 'REF', help: 'e.g. refs/tags/v1.2.3' },
  {
    name: 'source-digest',
    option: 'sourceDigest',
    type: 'string',
    argument: 'SHA',
    help: 'the commit that was built',
  },
  {
    name: 'predicate-type',
    option: 'predicateType',
    type: 'string',
    argument: 'URI',
    help: 'default https://slsa.dev/provenance/v1',
  },
  {
    name: 'deny-self-hosted-runners',
    option: 'denySelfHostedRunners',
    type: 'boolean',
    help: 'fail unless the build ran on a GitHub-hosted runner',
  },
  {
    name: 'hostname',
    option: 'server',
    type: 'string',
    argument: 'HOST',
    help: 'GitHub host for OWNER/REPO (default github.com)',
    toOption: (host) => `https://${host}`,
  },
];

/** How an entry point reads one flag or input: a string (undefined or '' when not given), or a switch. */
export interface PolicyFlagReader {
  string(name: string): string | undefined;
  boolean(name: string): boolean;
}

/** Fills the policy options from the CLI's flags or the action's inputs, through the one table above. */
export function readPolicyOptions(read: PolicyFlagReader): PolicyOptions {
  const options: PolicyOptions = {};
  for (const flag of POLICY_FLAGS) {
    if (flag.type === 'boolean') {
      options[flag.option] = read.boolean(flag.name);
      continue;
    }
    const given = read.string(flag.name);
    if (given !== undefined && given !== '') options[flag.option] = flag.toOption?.(given) ?? given;
  }
  return options;
}
