/**
 * A whole pipeline against its layout, in in-toto's order: the layout's expiry, every step's links (functionaries,
 * threshold, agreement), then every step's artifact rules, then that each artifact given is a product of the final
 * step. The layout's own signature is checked before this (its bundle names who signed it).
 */
import type { DigestSet } from '../digest.js';
import type { Layout } from './layout.js';
import type { LinkView } from './link.js';
import { applyAllRules } from './rule-engine.js';
import { decideStep, type PipelineFailure, type StepAttestation, type StepReport } from './step-links.js';

export interface PipelineArtifact {
  name: string;
  digest: DigestSet;
  /** Given as `sha256:<hex>`: it has no file name to compare. */
  byDigest?: boolean;
}

export interface ArtifactVerdict {
  artifact: string;
  digest: DigestSet;
  verified: boolean;
  /** The final step's product it is. */
  product?: string;
  failure?: PipelineFailure;
}

export interface PipelineReport {
  verified: boolean;
  expires: string;
  /** Who signed the layout, when its signature was checked. */
  layout?: { source: string; signedBy: string };
  steps: StepReport[];
  artifacts: ArtifactVerdict[];
  failures: PipelineFailure[];
  warnings: string[];
}

const basename = (name: string) => name.slice(name.lastIndexOf('/') + 1);

/** A product of the final step with the artifact's digest and file name (names are relative paths there). */
function asProduct(artifact: PipelineArtifact, final: LinkView, step: string): ArtifactVerdict {
  const verdict: ArtifactVerdict = { artifact: artifact.name, digest: artifact.digest, verified: false };
  const algorithms = Object.keys(artifact.digest) as (keyof DigestSet)[];
  const wanted = basename(artifact.name);
  for (const [name, digest] of final.products) {
    const sameFile =
      algorithms.length > 0 &&
      algorithms.every((a) => digest[a] === undefined || digest[a] === artifact.digest[a]) &&
      algorithms.some((a) => digest[a] !== undefined);
    if (sameFile && (artifact.byDigest === true || basename(name) === wanted)) {
      verdict.verified = true;
      verdict.product = name;
      return verdict;
    }
  }
  const named = [...final.products.keys()].find((n) => basename(n) === wanted);
  verdict.failure = {
    code: 'ARTIFACT_NOT_PRODUCED',
    step,
    artifact: artifact.name,
    message: named
      ? `${artifact.name}: expected the digest step ${step} recorded for its product ${named}, got another: the file changed after the step`
      : `${artifact.name}: expected a product of the final step ${step}, got none with its name and digest`,
  };
  return verdict;
}

export function verifyPipeline(
  layout: Layout,
  attestations: readonly StepAttestation[],
  artifacts: readonly PipelineArtifact[],
  now: Date,
): PipelineReport {
  const report: PipelineReport = {
    verified: false,
    expires: layout.expires.toISOString(),
    steps: [],
    artifacts: [],
    failures: [],
    warnings: [],
  };
  if (now.getTime() > layout.expires.getTime()) {
    report.failures.push({
      code: 'LAYOUT_EXPIRED',
      message: `layout: expected it to be valid now (${now.toISOString()}), got one that expired at ${report.expires}; the project must sign a new layout`,
    });
    return report;
  }
  const links = new Map<string, LinkView>();
  for (const step of layout.steps) {
    const { report: s, link } = decideStep(step, attestations, layout.functionaries);
    report.steps.push(s);
    report.warnings.push(...s.warnings);
    if (s.failure) report.failures.push(s.failure);
    if (link) links.set(step.name, link);
  }
  if (report.failures.length > 0) return report;
  const rules = applyAllRules(layout.steps, links);
  if (rules) {
    report.failures.push({
      code: 'ARTIFACT_RULE_FAILED',
      message: rules.message,
      step: rules.step,
      rule: rules.rule,
      ...(rules.artifacts[0] ? { artifact: rules.artifacts[0] } : {}),
    });
    const step = report.steps.find((s) => s.name === rules.step)!;
    step.verified = false;
    step.failure = report.failures[0]!;
    return report;
  }
  const final = layout.steps[layout.steps.length - 1]!.name;
  report.artifacts = artifacts.map((a) => asProduct(a, links.get(final)!, final));
  for (const a of report.artifacts) if (a.failure) report.failures.push(a.failure);
  report.verified = report.failures.length === 0 && report.artifacts.length > 0;
  return report;
}
