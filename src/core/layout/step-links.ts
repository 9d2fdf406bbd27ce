/**
 * One layout step's links, as in-toto decides them: the attestations that claim the step, those signed by one of the
 * step's functionaries, the threshold (that many distinct functionaries), and agreement (every accepted link names
 * exactly the same materials and products). A step attested by SLSA provenance takes each signer's bundles of one run
 * together as one link, since Provenant shards a release's subjects over several statements.
 */
import type { ErrorCode } from '../errors.js';
import type { StatementView } from '../policy/statement-view.js';
import { functionaryMismatch, signerName, type Functionary, type StepSigner } from './functionary.js';
import type { LayoutStep } from './layout.js';
import { LINK_PREDICATE_V03, readLink, readProvenanceAsLink, type LinkView } from './link.js';
import { sameDigests, type ArtifactDigests, type Artifacts } from './rule-engine.js';

export interface StepAttestation {
  /** Where it came from: a file name, with `:LINE` in a .jsonl. */
  source: string;
  signer: StepSigner;
  statement: StatementView;
}

export interface PipelineFailure {
  code: ErrorCode;
  message: string;
  step?: string;
  rule?: string;
  artifact?: string;
}

export interface StepReport {
  name: string;
  verified: boolean;
  predicateType: string;
  /** Who signed the accepted links, and which functionary each is. */
  signers: { functionary: string; signer: string }[];
  links: string[];
  /** Attestations for this step whose signer is none of its functionaries, and why. */
  refused: { source: string; signer: string; reason: string }[];
  failure?: PipelineFailure;
  warnings: string[];
}

interface Accepted {
  functionary: string;
  attestation: StepAttestation;
  link: LinkView;
}

function linkOf(step: LayoutStep, statement: StatementView): LinkView | undefined {
  if (step.predicateType === LINK_PREDICATE_V03) {
    const link = readLink(statement);
    return link?.name === step.name ? link : undefined;
  }
  return readProvenanceAsLink(statement, step.name);
}

/** Sorts the step's attestations into accepted (first functionary of the step that matches) and refused. */
function sortOut(
  step: LayoutStep,
  attestations: readonly StepAttestation[],
  functionaries: ReadonlyMap<string, Functionary>,
  report: StepReport,
): Accepted[] {
  const accepted: Accepted[] = [];
  for (const attestation of attestations) {
    const link = linkOf(step, attestation.statement);
    if (!link) continue;
    const reasons: string[] = [];
    const match = step.functionaries.find((name) => {
      const why = functionaryMismatch(functionaries.get(name)!, attestation.signer);
      if (why) reasons.push(`${name}: ${why}`);
      return why === undefined;
    });
    if (match) accepted.push({ functionary: match, attestation, link });
    else
      report.refused.push({
        source: attestation.source,
        signer: signerName(attestation.signer),
        reason: reasons.join('; '),
      });
  }
  return accepted;
}

function merge(into: Map<string, ArtifactDigests>, from: Artifacts): boolean {
  for (const [name, digest] of from) {
    const had = into.get(name);
    if (had && !sameDigests(had, digest)) return false;
    into.set(name, digest);
  }
  return true;
}

/** SLSA bundles of one signer and run as one link; a name with two digests among them is a disagreement. */
function grouped(step: LayoutStep, accepted: Accepted[]): { links: Accepted[]; conflict?: string } {
  if (step.predicateType === LINK_PREDICATE_V03) return { links: accepted };
  const groups = new Map<
    string,
    { first: Accepted; materials: Map<string, ArtifactDigests>; products: Map<string, ArtifactDigests> }
  >();
  for (const a of accepted) {
    const s = a.attestation.signer;
    const run =
      s.kind === 'certificate' ? `${s.claims.subjectAlternativeName}|${s.claims.runInvocationURI}` : '';
    const key = `${a.functionary}|${run}`;
    const g = groups.get(key) ?? {
      first: a,
      materials: new Map<string, ArtifactDigests>(),
      products: new Map<string, ArtifactDigests>(),
    };
    groups.set(key, g);
    if (!merge(g.materials, a.link.materials) || !merge(g.products, a.link.products))
      return { links: [], conflict: a.attestation.source };
  }
  return {
    links: [...groups.values()].map((g) => ({
      ...g.first,
      link: { ...g.first.link, materials: g.materials, products: g.products },
    })),
  };
}

function firstDifference(a: LinkView, b: LinkView): string | undefined {
  for (const list of ['materials', 'products'] as const) {
    for (const name of new Set([...a[list].keys(), ...b[list].keys()]))
      if (!sameDigests(a[list].get(name), b[list].get(name))) return `${list.slice(0, -1)} ${name}`;
  }
  return undefined;
}

function fail(report: StepReport, code: ErrorCode, message: string): StepReport {
  report.verified = false;
  report.failure = { code, message: `step ${report.name}: ${message}`, step: report.name };
  return report;
}

function thresholdFailure(step: LayoutStep, report: StepReport, distinct: number): StepReport {
  const who = `${step.threshold} of ${step.functionaries.join(', ')}`;
  if (report.refused.length > 0 && distinct === 0)
    return fail(
      report,
      'STEP_FUNCTIONARY_MISMATCH',
      `expected a link signed by ${who}, got only links by others: ${report.refused.map((r) => `${r.source} signed by ${r.signer} (${r.reason})`).join('; ')}`,
    );
  if (distinct === 0)
    return fail(report, 'STEP_MISSING', `expected a link signed by ${who}, got none among the attestations`);
  return fail(
    report,
    'STEP_THRESHOLD_NOT_MET',
    `expected links by ${step.threshold} distinct functionaries (threshold), got ${distinct}: ${report.signers.map((s) => s.functionary).join(', ')}`,
  );
}

/** Decides one step; on success also returns the link the rules read. */
export function decideStep(
  step: LayoutStep,
  attestations: readonly StepAttestation[],
  functionaries: ReadonlyMap<string, Functionary>,
): { report: StepReport; link?: LinkView } {
  const report: StepReport = {
    name: step.name,
    verified: false,
    predicateType: step.predicateType,
    signers: [],
    links: [],
    refused: [],
    warnings: [],
  };
  const { links, conflict } = grouped(step, sortOut(step, attestations, functionaries, report));
  if (conflict)
    return {
      report: fail(
        report,
        'STEP_LINKS_DISAGREE',
        `${conflict} gives an artifact another digest than the same signer's other bundles`,
      ),
    };
  report.links = links.map((l) => l.attestation.source);
  report.signers = links.map((l) => ({
    functionary: l.functionary,
    signer: signerName(l.attestation.signer),
  }));
  const distinct = new Set(links.map((l) => l.functionary)).size;
  if (distinct < step.threshold) return { report: thresholdFailure(step, report, distinct) };
  const reference = links[0]!;
  for (const other of links.slice(1)) {
    const diff = firstDifference(reference.link, other.link);
    if (diff)
      return {
        report: fail(
          report,
          'STEP_LINKS_DISAGREE',
          `links ${reference.attestation.source} and ${other.attestation.source} disagree on ${diff}; every link of a step must name the same materials and products`,
        ),
      };
  }
  const command = reference.link.command;
  if (
    step.expectedCommand.length > 0 &&
    step.predicateType === LINK_PREDICATE_V03 &&
    command.join(' ') !== step.expectedCommand.join(' ')
  )
    report.warnings.push(
      `step ${step.name}: ran ${JSON.stringify(command)}, the layout expects ${JSON.stringify(step.expectedCommand)} (a warning, as in in-toto)`,
    );
  report.verified = true;
  return { report, link: reference.link };
}
