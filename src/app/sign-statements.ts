import type { BuildContext } from '../core/build-context.js';
import { BUNDLE_SUFFIX, isJsonLines, shardName } from '../core/bundle-name.js';
import { ProvenantError } from '../core/errors.js';
import type { ProvenanceOptions } from '../core/provenance.js';
import { buildStatement } from '../core/statement.js';
import type { Subject } from '../core/subject.js';
import { provenanceStatement } from './build-statement.js';
import type { SignedBundle, SigningPorts } from './ports.js';

export interface SignRequest {
  subjects: readonly Subject[];
  context: BuildContext;
  provenance?: ProvenanceOptions;
  outputDir: string;
  /** `single`: one bundle for all subjects (split into shards past `subjectsPerStatement`); `per-subject`: one each. */
  layout: 'single' | 'per-subject';
  /** Name of the bundle for the `single` layout; shards get `-2`, `-3`… before the extension. */
  bundleName: string;
  subjectsPerStatement: number;
  /** Bundles signed at once: bounded so a release of thousands of artifacts does not flood Fulcio. */
  concurrency: number;
  /** Another predicate than the SLSA provenance (an SBOM, the user's own) over the same subjects. */
  predicate?: { type: string; body: unknown };
}

/**
 * Signs provenance for the subjects: builds each statement, signs it, writes the bundle to disk immediately (so a
 * later failure never loses a signature), then verifies it before anyone can publish it. The first failure stops
 * every worker from starting another signature (each would be one more entry in a public log for a run that has
 * failed); the signatures already under way are finished and written, and each written bundle is reported to
 * `ports.written` as it lands, so a failure can name every one of them.
 */
export async function signStatements(request: SignRequest, ports: SigningPorts): Promise<SignedBundle[]> {
  const groups = planBundles(request);
  const { log } = ports;
  log.info(
    `Signing ${groups.length} statement${groups.length === 1 ? '' : 's'} for ${request.subjects.length} subject${request.subjects.length === 1 ? '' : 's'}`,
  );
  const out = new Array<SignedBundle>(groups.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < groups.length) {
      const i = next++;
      try {
        out[i] = await signOne(request, groups[i]!, ports);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(request.concurrency, groups.length)) }, worker),
  );
  if (failure) {
    const done = out.filter(Boolean).length;
    if (groups.length > 1)
      log.warn(`Signing stopped after a failure: ${done} of ${groups.length} statements were signed`);
    throw failure.error;
  }
  return out;
}

async function signOne(
  request: SignRequest,
  group: { name: string; subjects: Subject[] },
  ports: SigningPorts,
): Promise<SignedBundle> {
  const { session, log } = ports;
  const statement = request.predicate
    ? buildStatement(group.subjects, request.predicate.type, request.predicate.body)
    : provenanceStatement(group.subjects, request.context, request.provenance);
  const signed = await session.sign(statement);
  // JSON Lines hold one bundle per line: the same bundle, without the pretty-printing.
  const data = isJsonLines(group.name)
    ? `${JSON.stringify(JSON.parse(signed.bundleJson))}\n`
    : signed.bundleJson;
  const written = await ports.writeFile(`${request.outputDir}/${group.name}`, data);
  log.info(`Bundle written to ${written}`);
  if (session.verifyAfterSign) await session.verifyAfterSign(signed.bundle);
  const bundle = {
    path: written,
    name: group.name,
    subjects: group.subjects,
    facts: signed.facts,
    predicateType: statement.predicateType,
  };
  ports.written?.(bundle);
  return bundle;
}

/** Which subjects go into which bundle, and the bundle's file name. Pure, so the naming rules are testable. */
export function planBundles(
  request: Pick<SignRequest, 'subjects' | 'layout' | 'bundleName' | 'subjectsPerStatement'>,
): { name: string; subjects: Subject[] }[] {
  if (request.subjects.length === 0) {
    throw new ProvenantError('NO_FILES_FOUND', 'expected at least one subject to sign, got none.');
  }
  if (request.layout === 'per-subject') {
    const seen = new Set<string>();
    return request.subjects.map((s) => {
      const name = `${s.name.split('/').pop()!}${BUNDLE_SUFFIX}`;
      if (seen.has(name)) {
        throw new ProvenantError(
          'INPUT_INVALID',
          `bundle-layout per-subject: two subjects would both get the bundle name "${name}" (release assets have no folders). ` +
            'Expected unique file names: rename one, or use bundle-layout: single.',
        );
      }
      seen.add(name);
      return { name, subjects: [s] };
    });
  }
  const size = Math.max(1, request.subjectsPerStatement);
  const groups: { name: string; subjects: Subject[] }[] = [];
  for (let i = 0; i < request.subjects.length; i += size) {
    const n = groups.length + 1;
    const name = n === 1 ? request.bundleName : shardName(request.bundleName, n);
    groups.push({ name, subjects: request.subjects.slice(i, i + size) });
  }
  return groups;
}
