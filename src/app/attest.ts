import {
  type BuildContext,
  type BuildExtras,
  contextFromClaims,
  contextFromEnv,
  runnerFromEnv,
  workflowInputs,
} from '../core/build-context.js';
import { STATEMENT_FILE } from '../core/bundle-name.js';
import { inputError, quote } from '../core/errors.js';
import { extraBundleName, type ExtraPredicate } from '../core/predicate.js';
import type { ProvenanceOptions } from '../core/provenance.js';
import type { Statement } from '../core/statement.js';
import { mergeSubjects, type Subject } from '../core/subject.js';
import { provenanceStatement, withRunFacts } from './build-statement.js';
import { collectSubjects } from './collect-subjects.js';
import type { RegistryPort, ResolvedImage } from './oci-ports.js';
import { imageSubjects, type ImageRequest } from './oci-subjects.js';
import type {
  FileSystemPort,
  IdentityPort,
  Logged,
  Logger,
  SignedBundle,
  SigningSession,
  SigstoreInstance,
  SubjectRequest,
} from './ports.js';
import { planBundles, signStatements, type SignRequest } from './sign-statements.js';

export interface AttestRequest {
  subjects: SubjectRequest;
  outputDir: string;
  dryRun: boolean;
  env: Record<string, string | undefined>;
  event: Record<string, unknown> | undefined;
  extras: BuildExtras;
  provenance?: ProvenanceOptions;
  bundles: Pick<SignRequest, 'layout' | 'bundleName' | 'subjectsPerStatement' | 'concurrency'>;
  /** Subjects already hashed elsewhere (a re-sign's downloaded release assets). */
  presetSubjects?: Subject[];
  /** Container images, resolved to their digests through `ports.registry`. */
  images?: ImageRequest;
  /** Attestations signed beside the provenance, over the same subjects (an SBOM, any predicate). */
  predicates?: readonly ExtraPredicate[];
}

export interface AttestPorts extends Logged {
  fs: FileSystemPort;
  writeFile(path: string, data: string): Promise<string>;
  signing: IdentityPort;
  /**
   * Checks, once the bundles and the signer's claims are known and before anything is signed, that the bundles can be
   * published (plans it); a refusal stops the run with nothing signed.
   */
  beforeSigning?(
    bundles: { name: string; subjects: Subject[] }[],
    claims: Readonly<Record<string, unknown>>,
  ): Promise<void>;
  /** Told of each bundle as soon as it is on disk and verified. */
  written?(bundle: SignedBundle): void;
  /** Needed when the request names images. */
  registry?: RegistryPort;
}

export interface AttestResult {
  subjects: Subject[];
  /** The images among the subjects, as the registry has them (for attaching the bundles to). */
  images?: ResolvedImage[];
  context: BuildContext;
  /** The statement written for inspection (when signing: the first bundle's). */
  statement: Statement;
  statementPath: string;
  bundles: SignedBundle[];
  /** The identity token's claims when signing (visibility, ids), for publishing decisions. */
  claims?: Readonly<Record<string, unknown>>;
  /** The Sigstore instance the bundles were signed with. */
  instance?: SigstoreInstance;
  /** Checks a bundle as the fresh ones were checked (for an earlier run's bundle found on the release). */
  verifyBundle?: (bundle: unknown) => Promise<void>;
}

/**
 * The attest use case: subjects → SLSA statement → (unless a dry run) keyless signature, each bundle written to disk
 * and verified before the caller publishes anything.
 */
export async function attest(request: AttestRequest, ports: AttestPorts): Promise<AttestResult> {
  const { subjects, images } = await attestedSubjects(request, ports);
  // Checked before the identity token is asked for: a plan that cannot work spends nothing.
  const plan = request.dryRun ? undefined : planAll(subjects, request);
  const signing = request.dryRun ? undefined : await openSession(request, ports);
  if (signing && plan && ports.beforeSigning) await ports.beforeSigning(plan, signing.claims);
  const context =
    signing?.context ?? contextFromEnv(request.env, request.event, withRunFacts(request.extras));

  // The file is for people to read: when signing, the first bundle's statement (the whole one unless sharded), so a
  // release of 100,000 subjects does not build a statement nobody signs.
  const shown = signing ? planBundles({ subjects, ...request.bundles })[0]!.subjects : subjects;
  const statement = provenanceStatement(shown, context, request.provenance);
  const statementPath = await ports.writeFile(
    `${request.outputDir}/${STATEMENT_FILE}`,
    `${JSON.stringify(statement, null, 2)}\n`,
  );
  ports.log.info(`Statement written to ${statementPath}`);
  const shownImages = images.length > 0 ? { images } : {};
  if (!signing) return { subjects, ...shownImages, context, statement, statementPath, bundles: [] };

  const signingPorts = {
    session: signing.session,
    writeFile: (p: string, d: string) => ports.writeFile(p, d),
    ...(ports.written ? { written: (b: SignedBundle) => ports.written!(b) } : {}),
    log: ports.log,
  };
  const base = { subjects, context, outputDir: request.outputDir, ...request.bundles };
  const bundles = await signStatements(
    { ...base, ...(request.provenance ? { provenance: request.provenance } : {}) },
    signingPorts,
  );
  for (const p of request.predicates ?? []) {
    ports.log.info(`Signing ${p.origin} (${p.type}) over the same subjects`);
    const predicate = { type: p.type, body: p.body };
    bundles.push(
      ...(await signStatements(
        { ...base, layout: 'single', bundleName: extraBundleName(base.bundleName, p.kind), predicate },
        signingPorts,
      )),
    );
  }
  const { claims, session } = signing;
  return {
    subjects,
    ...shownImages,
    context,
    statement,
    statementPath,
    bundles,
    claims,
    instance: session.instance,
    ...(session.verifyAfterSign ? { verifyBundle: (b: unknown) => session.verifyAfterSign!(b) } : {}),
  };
}

async function attestedSubjects(
  request: AttestRequest,
  ports: AttestPorts,
): Promise<{ subjects: Subject[]; images: ResolvedImage[] }> {
  const s = request.subjects;
  const hasSources = s.patterns.length + s.checksumFiles.length + s.digests.length > 0;
  const collected = hasSources
    ? await collectSubjects({ ...s, outputDir: request.outputDir }, { fs: ports.fs, log: ports.log })
    : [];
  const oci = request.images?.refs.length
    ? await imageSubjects(request.images, { registry: ports.registry!, log: ports.log })
    : { subjects: [], images: [] };
  if (!request.presetSubjects?.length && oci.subjects.length === 0)
    return { subjects: collected, images: [] };
  const subjects = mergeSubjects([
    { subjects: collected },
    { origin: request.images?.inputName ?? 'the images', subjects: oci.subjects },
    { origin: 'the re-signed assets', subjects: request.presetSubjects ?? [] },
  ]);
  return { subjects, images: oci.images };
}

/** Every bundle the run will sign: the provenance's, then each extra predicate's (one statement, or shards). */
function planAll(subjects: Subject[], request: AttestRequest): { name: string; subjects: Subject[] }[] {
  const plan = planBundles({ subjects, ...request.bundles });
  for (const p of request.predicates ?? []) {
    const bundleName = extraBundleName(request.bundles.bundleName, p.kind);
    const extra = planBundles({ ...request.bundles, subjects, layout: 'single', bundleName });
    const clash = extra.find((e) => plan.some((b) => b.name === e.name));
    if (clash) {
      throw inputError(
        'INPUT_INVALID',
        `the ${p.origin} bundle and a provenance bundle would both be named ${quote(clash.name)}: expected distinct names. Change bundle-name.`,
      );
    }
    plan.push(...extra);
  }
  return plan;
}

/**
 * When signing, the certified token is the source of truth for who built what; the environment only adds the facts
 * the token does not carry (runner details, dispatch inputs).
 */
async function openSession(
  request: AttestRequest,
  ports: AttestPorts,
): Promise<{ context: BuildContext; claims: Readonly<Record<string, unknown>>; session: SigningSession }> {
  const identity = await ports.signing.identity();
  const { claims } = identity;
  const inputs = workflowInputs(
    typeof claims.event_name === 'string' ? claims.event_name : '',
    request.event,
  );
  const context = contextFromClaims({ ...claims }, request.env.GITHUB_SERVER_URL ?? 'https://github.com', {
    ...withRunFacts(request.extras),
    ...(inputs ? { workflowInputs: inputs } : {}),
    runner: runnerFromEnv(request.env),
  });
  warnOnDisagreement(request.env, claims, ports.log);
  const session = await ports.signing.session(identity, {
    identity: `${context.serverUrl}/${context.jobWorkflowRef}`,
  });
  return { context, claims, session };
}

/** A token for another repository or commit than the environment says is worth a visible note, not a failure. */
function warnOnDisagreement(
  env: Record<string, string | undefined>,
  claims: Readonly<Record<string, unknown>>,
  log: Logger,
): void {
  for (const [claim, name] of [
    ['repository', 'GITHUB_REPOSITORY'],
    ['sha', 'GITHUB_SHA'],
  ] as const) {
    const fromEnv = env[name];
    if (fromEnv && typeof claims[claim] === 'string' && claims[claim] !== fromEnv) {
      log.warn(
        `the identity token says ${claim} ${String(claims[claim])} but ${name} is ${fromEnv}; the provenance follows the token.`,
      );
    }
  }
}
