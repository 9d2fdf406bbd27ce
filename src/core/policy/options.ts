import { DIGEST_ALGORITHMS, type DigestAlgorithm } from '../digest.js';
import { inputError } from '../errors.js';

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
  certOidcIssuerRegex?: string;
  sourceRef?: string;
  sourceDigest?: string;
  predicateType?: string;
  denySelfHostedRunners?: boolean;
  /** Defaults to https://github.com; a GHES host for enterprise servers. */
  server?: string;
  /** The certificate's Deployment Environment (.23): the protected environment the signing job ran in. */
  environment?: string;
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
  /** Other names the CLI accepts for it: cosign's, so its commands can be copied (not action inputs). */
  readonly aliases?: readonly string[];
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
    help: 'the workflow that signed, matched as gh does (a pattern from https://HOST/ on; @main is @refs/heads/main)',
  },
  {
    name: 'signer-repo',
    option: 'signerRepo',
    type: 'string',
    argument: 'OWNER/REPO',
    help: 'the repository whose workflow signed (a pattern, as gh reads it)',
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
    aliases: ['certificate-identity'],
  },
  {
    name: 'cert-identity-regex',
    option: 'certIdentityRegex',
    type: 'string',
    argument: 'RE',
    help: 'certificate identity pattern, searched for as gh and cosign do: anchor it with ^…$',
    aliases: ['certificate-identity-regexp'],
  },
  {
    name: 'cert-oidc-issuer',
    option: 'certOidcIssuer',
    type: 'string',
    argument: 'URL',
    help: 'default https://token.actions.githubusercontent.com',
    aliases: ['certificate-oidc-issuer'],
  },
  {
    name: 'cert-oidc-issuer-regex',
    option: 'certOidcIssuerRegex',
    type: 'string',
    argument: 'RE',
    help: 'OIDC issuer pattern, searched for as cosign does (instead of --cert-oidc-issuer)',
    aliases: ['certificate-oidc-issuer-regexp'],
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
    argument: 'URI|NAME',
    help: 'default https://slsa.dev/provenance/v1; or a cosign name such as slsaprovenance1 or spdxjson',
    aliases: ['type'],
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
  {
    name: 'environment',
    option: 'environment',
    type: 'string',
    argument: 'NAME',
    help: "the job's protected environment, as the certificate names it (Deployment Environment); none fails",
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

/** gh's `--digest-alg`: the algorithm artifacts are hashed with (default: what each bundle names). */
export function digestAlgorithm(value: string | undefined): DigestAlgorithm | undefined {
  if (value === undefined || value === '') return undefined;
  if (!Object.hasOwn(DIGEST_ALGORITHMS, value))
    throw inputError(
      'INPUT_INVALID',
      `--digest-alg: expected one of ${Object.keys(DIGEST_ALGORITHMS).join(', ')}, got ${JSON.stringify(value)}.`,
    );
  return value as DigestAlgorithm;
}
