/**
 * The attest-step use case: hash the step's materials, run its command (when it runs here), hash its products, and
 * sign an in-toto link v0.3 statement for it, written to disk before anything else happens to it. A command that
 * fails still gets its link (with its exit code): the caller then fails the step.
 */
import {
  contextFromClaims,
  contextFromEnv,
  runnerFromEnv,
  type BuildContext,
} from '../core/build-context.js';
import { inputError, quote } from '../core/errors.js';
import { linkEnvironment, linkStatement, type CommandByproducts } from '../core/layout/link.js';
import type { Statement } from '../core/statement.js';
import type { Subject } from '../core/subject.js';
import { withRunFacts } from './build-statement.js';
import { collectSubjects } from './collect-subjects.js';
import type {
  FileSystemPort,
  IdentityPort,
  Logged,
  SignedBundle,
  SigningSession,
  SubjectRequest,
} from './ports.js';

/** How a step's command ended. */
export interface CommandRun extends CommandByproducts {
  /** Why it did not run to an exit code (could not start, killed), for the log. */
  detail?: string;
}

export interface StepCommandPort {
  run(command: readonly string[]): Promise<CommandRun>;
}

/** Opens a signing session when the link is ready: keyless (claims of the token) or with a key (no claims). */
export interface StepSigningPort {
  open(): Promise<{ session: SigningSession; claims?: Readonly<Record<string, unknown>> }>;
}

export interface AttestStepRequest {
  name: string;
  /** Empty: the step ran elsewhere, and only its materials and products are recorded. */
  command: readonly string[];
  materials: SubjectRequest | undefined;
  products: SubjectRequest | undefined;
  outputDir: string;
  bundleName: string;
  env: Record<string, string | undefined>;
  event?: Record<string, unknown>;
}

export interface AttestStepPorts extends Logged {
  fs: FileSystemPort;
  command: StepCommandPort;
  signing: StepSigningPort;
  writeFile(path: string, data: string): Promise<string>;
  /** Told the bundle's name and the signer's claims before anything is signed: a refusal stops the run there. */
  beforeSigning?(bundleName: string, claims: Readonly<Record<string, unknown>>): Promise<void>;
}

export interface AttestStepResult {
  statement: Statement;
  bundle: SignedBundle;
  /** How the command ended; undefined when none ran here. */
  run?: CommandRun;
  /** The signer's token claims (keyless), for publishing decisions. */
  claims?: Readonly<Record<string, unknown>>;
  /** Checks a bundle as the fresh one was checked (for an earlier run's bundle found on the release). */
  verifyBundle?: (bundle: unknown) => Promise<void>;
}

/** Step names become file names and MATCH targets: one word of safe characters. */
const STEP_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function checkStepName(name: string, where: string): string {
  if (!STEP_NAME.test(name)) {
    throw inputError(
      'INPUT_INVALID',
      `${where}: expected a step name of letters, digits, '.', '_' and '-' (1 to 64, starting with a letter or digit), got ${quote(name)}.`,
    );
  }
  return name;
}

async function hashed(
  request: SubjectRequest | undefined,
  ports: AttestStepPorts,
  outputDir: string,
): Promise<Subject[]> {
  if (!request || request.patterns.length + request.checksumFiles.length + request.digests.length === 0)
    return [];
  return collectSubjects({ ...request, outputDir }, { fs: ports.fs, log: ports.log });
}

/** Who ran the step: the certified token when signing keylessly, else what the environment says (if anything). */
function contextFor(
  request: AttestStepRequest,
  claims: Readonly<Record<string, unknown>> | undefined,
): BuildContext | undefined {
  const extras = withRunFacts({ runner: runnerFromEnv(request.env) });
  if (claims)
    return contextFromClaims({ ...claims }, request.env.GITHUB_SERVER_URL ?? 'https://github.com', extras);
  if (!request.env.GITHUB_REPOSITORY) return undefined;
  return contextFromEnv(request.env, request.event, extras);
}

export async function attestStep(
  request: AttestStepRequest,
  ports: AttestStepPorts,
): Promise<AttestStepResult> {
  const { log } = ports;
  checkStepName(request.name, 'step name');
  const materials = await hashed(request.materials, ports, request.outputDir);
  let run: CommandRun | undefined;
  if (request.command.length > 0) {
    log.info(`Running step ${request.name}: ${request.command.join(' ')}`);
    run = await ports.command.run(request.command);
    if (run.exitCode !== 0)
      log.warn(
        `step ${request.name}: the command exited with ${run.exitCode}${run.detail ? ` (${run.detail})` : ''}`,
      );
  }
  const products = await hashed(request.products, ports, request.outputDir);
  const { session, claims } = await ports.signing.open();
  await ports.beforeSigning?.(request.bundleName, claims ?? {});
  const context = contextFor(request, claims);
  const statement = linkStatement({
    name: request.name,
    command: request.command,
    materials,
    products,
    ...(run ? { byproducts: run } : {}),
    environment: context ? linkEnvironment(context) : {},
  });
  const signed = await session.sign(statement);
  const path = await ports.writeFile(`${request.outputDir}/${request.bundleName}`, signed.bundleJson);
  log.info(`Link for step ${request.name} written to ${path}`);
  if (session.verifyAfterSign) await session.verifyAfterSign(signed.bundle);
  return {
    statement,
    bundle: { path, name: request.bundleName, subjects: products, facts: signed.facts },
    ...(run ? { run } : {}),
    ...(claims ? { claims } : {}),
    ...(session.verifyAfterSign ? { verifyBundle: (b: unknown) => session.verifyAfterSign!(b) } : {}),
  };
}

/**
 * Keyless signing for a step: the token's claims name the workflow, and the fresh certificate must name it too (as
 * for provenance).
 */
export function keylessStepSigning(identities: IdentityPort, serverUrl: string): StepSigningPort {
  return {
    open: async () => {
      const identity = await identities.identity();
      const context = contextFromClaims({ ...identity.claims }, serverUrl, {});
      const session = await identities.session(identity, {
        identity: `${context.serverUrl}/${context.jobWorkflowRef}`,
      });
      return { session, claims: identity.claims };
    },
  };
}
