/**
 * What `provenant layout check` warns about in a valid layout: rule lists that do not end in DISALLOW (in-toto ends
 * every list with an implicit ALLOW, so a tampered artifact passes them), MATCH rules naming no step of the layout,
 * identity patterns not anchored at the start, steps whose functionaries cannot tell the jobs of one workflow apart,
 * and an expiry that is near or past.
 */
import type { KeylessFunctionary } from './functionary.js';
import type { Layout } from './layout.js';

const DAY = 24 * 60 * 60 * 1000;

function ruleWarnings(layout: Layout): string[] {
  const names = new Set(layout.steps.map((s) => s.name));
  const out: string[] = [];
  for (const step of layout.steps) {
    for (const [list, rules] of [
      ['expected_materials', step.materials],
      ['expected_products', step.products],
    ] as const) {
      const last = rules[rules.length - 1];
      if (last?.kind !== 'DISALLOW')
        out.push(
          `step ${step.name}: ${list} does not end in DISALLOW, so any artifact the rules before did not consume passes (a tampered file too); end it with ["DISALLOW", "*"]`,
        );
      for (const rule of rules)
        if (rule.kind === 'MATCH' && !names.has(rule.destinationStep))
          out.push(
            `step ${step.name}: ${list} MATCHes FROM ${rule.destinationStep}, which is no step of this layout (the rule consumes nothing)`,
          );
    }
  }
  return out;
}

/** Two steps whose keyless functionaries accept the very same identity cannot tell apart which step a job signed. */
function identityWarnings(layout: Layout): string[] {
  const out: string[] = [];
  const keyless = [...layout.functionaries.values()].filter(
    (f): f is KeylessFunctionary => f.kind === 'keyless',
  );
  for (const f of keyless) {
    if (f.identityRegex && !f.identityRegex.anchoredAtStart)
      out.push(
        `functionary ${f.name}: identity_regex ${f.identityRegex.source} is searched for anywhere in the identity; anchor it with ^ (and $)`,
      );
  }
  const stepOf = (name: string) =>
    layout.steps.filter((s) => s.functionaries.includes(name)).map((s) => s.name);
  const key = (f: KeylessFunctionary) =>
    JSON.stringify([f.issuer, f.identity, f.identityRegex?.source, f.signerWorkflow, f.environment]);
  for (let i = 0; i < keyless.length; i++)
    for (const other of keyless.slice(i + 1)) {
      const a = keyless[i]!;
      if (key(a) === key(other) && stepOf(a.name).join() !== stepOf(other.name).join())
        out.push(
          `functionaries ${a.name} and ${other.name} accept the same identity: every job of one workflow gets the same certificate, so either could sign the other's step; give each step a protected environment (environment) or a reusable workflow (signer_workflow) of its own`,
        );
    }
  return out;
}

export function lintLayout(layout: Layout, now: Date): string[] {
  const out = [...ruleWarnings(layout), ...identityWarnings(layout)];
  const left = layout.expires.getTime() - now.getTime();
  if (left < 0)
    out.push(
      `the layout expired at ${layout.expires.toISOString()}: verification refuses it; sign a new one`,
    );
  else if (left < 30 * DAY)
    out.push(`the layout expires in ${Math.ceil(left / DAY)} day(s), at ${layout.expires.toISOString()}`);
  return out;
}
