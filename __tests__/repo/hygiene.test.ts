import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../test-support/action-runner.js';
import {
  actionFiles,
  loadYaml,
  markdownUsesRefs,
  pinningProblem,
  triggers,
  usesRefs,
  workflowFiles,
  type UsesRef,
} from './repo-files.js';

function markdownFiles(): string[] {
  const files = ['README.md', 'RELEASE.md', 'SECURITY.md'].filter((f) => existsSync(path.join(repoRoot, f)));
  const docs = path.join(repoRoot, 'docs');
  if (existsSync(docs)) {
    for (const f of readdirSync(docs).sort()) if (f.endsWith('.md')) files.push(`docs/${f}`);
  }
  return files;
}

function allUses(): UsesRef[] {
  return [...workflowFiles(), ...actionFiles()].flatMap((f) => usesRefs(loadYaml(f)));
}

describe('every uses: is pinned by a full commit SHA with a version comment', () => {
  it('knows what is and is not pinned', () => {
    expect(
      pinningProblem({ value: 'actions/checkout@' + 'a'.repeat(40), comment: 'v6.0.2' }),
    ).toBeUndefined();
    expect(
      pinningProblem({ value: 'github/codeql-action/init@' + 'b'.repeat(40), comment: 'v4.36.2' }),
    ).toBeUndefined();
    expect(pinningProblem({ value: './', comment: '' })).toBeUndefined();
    expect(pinningProblem({ value: './.github/workflows/check-dist.yml', comment: '' })).toBeUndefined();
    expect(pinningProblem({ value: 'docker://alpine:3.20', comment: '' })).toBeUndefined();
    expect(pinningProblem({ value: 'actions/checkout@v6', comment: '' })).toMatch(/not a full 40-hex/);
    expect(pinningProblem({ value: 'actions/checkout@' + 'a'.repeat(39), comment: 'v1' })).toMatch(/40-hex/);
    expect(pinningProblem({ value: 'actions/checkout@' + 'A'.repeat(40), comment: 'v1' })).toMatch(/40-hex/);
    expect(pinningProblem({ value: 'actions/checkout@' + 'a'.repeat(40), comment: '' })).toMatch(
      /version comment/,
    );
    expect(pinningProblem({ value: 'actions/checkout', comment: '' })).toMatch(/no @ref/);
  });

  it('finds the references it checks', () => {
    const refs = allUses();
    expect(refs.length).toBeGreaterThan(20);
    expect(refs.some((r) => r.value === './')).toBe(true);
    expect(
      refs.some((r) => r.value.startsWith('provenant-org/provenant/.github/workflows/provenance.yml@')),
    ).toBe(true);
  });

  it('in workflows, examples and action files', () => {
    const problems = allUses()
      .map((r) => ({ r, why: pinningProblem(r) }))
      .filter((p) => p.why)
      .map(({ r, why }) => `${r.file}:${r.line} ${r.value}: ${why}`);
    expect(problems).toEqual([]);
  });

  it('in the YAML snippets of the docs (placeholders like <sha> aside in the README usage block)', () => {
    const problems = markdownFiles()
      .flatMap((f) => markdownUsesRefs(f))
      .filter((r) => !/<[^>]+>/.test(r.value))
      .map((r) => ({ r, why: pinningProblem(r) }))
      .filter((p) => p.why)
      .map(({ r, why }) => `${r.file}:${r.line} ${r.value}: ${why}`);
    expect(problems).toEqual([]);
  });

  it('examples and docs refer to Provenant itself by one commit SHA and version, to update together', () => {
    const own = [...allUses(), ...markdownFiles().flatMap((f) => markdownUsesRefs(f))].filter(
      (r) => r.value.startsWith('provenant-org/provenant') && !/<[^>]+>/.test(r.value),
    );
    expect(own.length).toBeGreaterThan(0);
    const pins = new Set(own.map((r) => `${r.value.slice(r.value.lastIndexOf('@') + 1)} ${r.comment}`));
    expect([...pins]).toHaveLength(1);
  });

  it('pins each third-party action to one commit everywhere', () => {
    const byAction = new Map<string, Set<string>>();
    for (const r of allUses()) {
      if (r.value.startsWith('./') || r.value.startsWith('docker://') || r.value.startsWith('provenant-org/'))
        continue;
      const [name, pin] = [
        r.value.slice(0, r.value.lastIndexOf('@')),
        r.value.slice(r.value.lastIndexOf('@') + 1),
      ];
      const repo = name.split('/').slice(0, 2).join('/');
      byAction.set(repo, (byAction.get(repo) ?? new Set()).add(`${pin} # ${r.comment}`));
    }
    const split = [...byAction]
      .filter(([, pins]) => pins.size > 1)
      .map(([repo, pins]) => `${repo}: ${[...pins].join(', ')}`);
    expect(split).toEqual([]);
  });
});

describe('workflow safety rules', () => {
  const workflows = workflowFiles().map(loadYaml);

  it.each(workflows.map((w) => ({ file: w.file, w })))(
    '$file declares permissions at the top, and per job when they are empty',
    ({ w }) => {
      expect(w.data).toHaveProperty('permissions');
      const top = w.data.permissions;
      if (top && typeof top === 'object' && Object.keys(top).length === 0) {
        const bare = Object.entries(w.data.jobs ?? {})
          .filter(([, job]: [string, any]) => !('permissions' in job))
          .map(([id]) => id);
        expect(bare).toEqual([]);
      } else {
        // Anything wider than read at the top applies to every job: keep write scopes in the jobs that need them.
        const writes = Object.entries(top ?? {}).filter(([, v]) => v === 'write');
        expect(top === 'read-all' || (typeof top === 'object' && writes.length === 0)).toBe(true);
      }
    },
  );

  it.each(workflows.map((w) => ({ file: w.file, w })))(
    '$file has no pull_request_target trigger',
    ({ w }) => {
      expect(triggers(w.data)).not.toContain('pull_request_target');
      expect(w.text).not.toMatch(/pull_request_target/);
    },
  );

  it.each(workflows.map((w) => ({ file: w.file, w })))(
    '$file checks out with persist-credentials: false',
    ({ w }) => {
      const offenders: string[] = [];
      for (const [id, job] of Object.entries<any>(w.data.jobs ?? {})) {
        for (const [i, step] of (job.steps ?? []).entries()) {
          if (typeof step.uses === 'string' && step.uses.startsWith('actions/checkout@')) {
            const v = step.with?.['persist-credentials'];
            if (v !== false && v !== 'false') offenders.push(`${id} step ${i + 1}`);
          }
        }
      }
      expect(offenders).toEqual([]);
    },
  );

  it.each(workflows.map((w) => ({ file: w.file, w })))(
    '$file puts no ${{ }} expression inside run: (values go through env)',
    ({ w }) => {
      const offenders: string[] = [];
      for (const [id, job] of Object.entries<any>(w.data.jobs ?? {})) {
        for (const [i, step] of (job.steps ?? []).entries()) {
          if (typeof step.run === 'string' && step.run.includes('${{')) offenders.push(`${id} step ${i + 1}`);
        }
      }
      expect(offenders).toEqual([]);
    },
  );

  it('composite actions follow the same checkout and run rules', () => {
    const offenders: string[] = [];
    for (const file of actionFiles()) {
      const a = loadYaml(file).data;
      for (const [i, step] of (a?.runs?.steps ?? []).entries()) {
        if (typeof step.run === 'string' && step.run.includes('${{'))
          offenders.push(`${file} step ${i + 1}: run`);
        if (typeof step.uses === 'string' && step.uses.startsWith('actions/checkout@')) {
          const v = step.with?.['persist-credentials'];
          if (v !== false && v !== 'false') offenders.push(`${file} step ${i + 1}: checkout`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('Dependabot watches npm and the workflows, grouped, with a cooldown', () => {
    const cfg = loadYaml('.github/dependabot.yml').data;
    expect(cfg.version).toBe(2);
    const ecosystems = cfg.updates.map((u: any) => u['package-ecosystem']);
    expect(ecosystems).toEqual(expect.arrayContaining(['npm', 'github-actions']));
    for (const u of cfg.updates) {
      expect(u.schedule?.interval).toEqual(expect.any(String));
      expect(u.cooldown?.['default-days']).toBeGreaterThan(0);
      expect(Object.keys(u.groups ?? {}).length).toBeGreaterThan(0);
    }
  });

  it('has the repository policy files', () => {
    for (const f of ['SECURITY.md', 'RELEASE.md', '.github/CODEOWNERS']) {
      expect(existsSync(path.join(repoRoot, f))).toBe(true);
    }
  });
});
