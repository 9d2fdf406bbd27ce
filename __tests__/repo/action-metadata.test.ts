import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../../test-support/action-runner.js';
import {
  actionFiles,
  loadYaml,
  markdownBlocks,
  markdownSection,
  tableKeys,
  workflowFiles,
} from './repo-files.js';

const OWN = 'provenant-org/provenant';

function keysOf(map: unknown): string[] {
  return map && typeof map === 'object' ? Object.keys(map).sort() : [];
}

/** The action file a `uses:` of Provenant itself (or `./`, or the reusable workflow's checkout) points at. */
function ownActionFile(uses: string): string | undefined {
  // `./.provenant` is where the reusable workflow checks out this repository at its own commit.
  if (uses === './' || uses === './.provenant') return 'action.yml';
  if (uses.startsWith('./.provenant/')) return `${uses.slice('./.provenant/'.length)}/action.yml`;
  if (uses.startsWith('./') && !uses.startsWith('./.github/'))
    return `${uses.slice(2).replace(/\/$/, '')}/action.yml`;
  const m = new RegExp(`^${OWN}(?:/([^@]+))?@`).exec(uses);
  if (!m || m[1]?.startsWith('.github/')) return undefined;
  return m[1] ? `${m[1]}/action.yml` : 'action.yml';
}

describe('action metadata', () => {
  it('includes the root action', () => {
    expect(actionFiles()).toContain('action.yml');
  });

  it.each(actionFiles())('%s is a Node 24 action whose inputs and outputs are all described', (file) => {
    const a = loadYaml(file).data;
    expect(typeof a.name).toBe('string');
    expect(a.name.length).toBeGreaterThan(0);
    expect(typeof a.description).toBe('string');
    expect(a.description.length).toBeGreaterThan(0);
    expect(a.runs?.using).toBe('node24');
    expect(typeof a.runs?.main).toBe('string');
    const main = path.posix.join(path.posix.dirname(file), a.runs.main);
    expect({ main, exists: existsSync(path.join(repoRoot, main)) }).toEqual({ main, exists: true });
    const undescribed = [
      ...Object.entries<any>(a.inputs ?? {})
        .filter(([, v]) => !v?.description)
        .map(([k]) => `input ${k}`),
      ...Object.entries<any>(a.outputs ?? {})
        .filter(([, v]) => !v?.description)
        .map(([k]) => `output ${k}`),
    ];
    expect(undescribed).toEqual([]);
    const badNames = [...keysOf(a.inputs), ...keysOf(a.outputs)].filter(
      (k) => !/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(k),
    );
    expect(badNames).toEqual([]);
    for (const [k, v] of Object.entries<any>(a.inputs ?? {})) {
      if (v && 'default' in v) expect([k, typeof v.default]).toEqual([k, 'string']);
    }
  });
});

describe('README usage matches the action metadata', () => {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const usage = markdownSection(readme, /^##\s+Usage\b/);

  /** Each yaml block of the Usage section that is a step using Provenant, with the table that follows it. */
  function usageBlocks() {
    if (!usage) return [];
    const text = usage.lines.join('\n');
    const blocks = markdownBlocks(text).filter((b) => /^ya?ml$/.test(b.lang));
    return blocks.flatMap((b, i) => {
      // The block may be a list of steps, one step, or a job fragment with `steps:`.
      const parsed = parse(b.body);
      const candidates: any[] = Array.isArray(parsed)
        ? parsed
        : Array.isArray(parsed?.steps)
          ? parsed.steps
          : [parsed];
      const actionOf = (st: any) =>
        typeof st?.uses === 'string' ? ownActionFile(st.uses.replace(/<[^>]+>/g, 'x')) : undefined;
      const step = candidates.find((st) => actionOf(st));
      const file = actionOf(step);
      if (!file) return [];
      const until = blocks[i + 1]?.start ?? usage.lines.length;
      const after = usage.lines.slice(b.start, until);
      return [{ file, with: keysOf(step.with), outputs: tableKeys(after, /^outputs?$/i) }];
    });
  }

  it('has a Usage section with a block for the root action', () => {
    expect(usage).toBeDefined();
    expect(usageBlocks().map((b) => b.file)).toContain('action.yml');
  });

  it('lists exactly the inputs of each action it shows', () => {
    for (const block of usageBlocks()) {
      const inputs = keysOf(loadYaml(block.file).data.inputs);
      expect({ file: block.file, missing: inputs.filter((k) => !block.with.includes(k)) }).toEqual({
        file: block.file,
        missing: [],
      });
      expect({ file: block.file, unknown: block.with.filter((k) => !inputs.includes(k)) }).toEqual({
        file: block.file,
        unknown: [],
      });
    }
  });

  it('lists exactly the outputs of each action it shows', () => {
    for (const block of usageBlocks()) {
      const outputs = keysOf(loadYaml(block.file).data.outputs);
      expect({ file: block.file, outputs: [...(block.outputs ?? [])].sort() }).toEqual({
        file: block.file,
        outputs,
      });
    }
  });
});

describe('workflows and examples use only inputs the actions define', () => {
  const steps = workflowFiles().flatMap((file) => {
    const w = loadYaml(file).data;
    return Object.entries<any>(w.jobs ?? {}).flatMap(([job, j]) =>
      (j.steps ?? []).map((s: any, i: number) => ({ where: `${file} ${job} step ${i + 1}`, step: s })),
    );
  });
  const own = steps
    .map((s) => ({ ...s, action: typeof s.step.uses === 'string' ? ownActionFile(s.step.uses) : undefined }))
    .filter((s) => s.action);

  it('finds steps that use Provenant', () => {
    expect(own.length).toBeGreaterThan(3);
  });

  it('passes no input an action does not declare', () => {
    const unknown = own.flatMap((s) => {
      if (!existsSync(path.join(repoRoot, s.action))) return [`${s.where}: ${s.action} does not exist (yet)`];
      const inputs = keysOf(loadYaml(s.action).data.inputs);
      return keysOf(s.step.with)
        .filter((k) => !inputs.includes(k))
        .map((k) => `${s.where}: ${k}`);
    });
    expect(unknown).toEqual([]);
  });

  it('reads no output an action does not declare', () => {
    const unknown: string[] = [];
    for (const file of workflowFiles()) {
      const w = loadYaml(file);
      for (const [job, j] of Object.entries<any>(w.data.jobs ?? {})) {
        const ids = new Map<string, string>();
        for (const s of j.steps ?? []) {
          const action = typeof s.uses === 'string' ? ownActionFile(s.uses) : undefined;
          if (s.id && action) ids.set(s.id, action);
        }
        const text = JSON.stringify(j);
        for (const m of text.matchAll(/steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g)) {
          const action = ids.get(m[1]!);
          if (!action || !existsSync(path.join(repoRoot, action))) continue;
          if (!keysOf(loadYaml(action).data.outputs).includes(m[2]!))
            unknown.push(`${file} ${job}: ${m[1]}.${m[2]}`);
        }
      }
    }
    expect(unknown).toEqual([]);
  });
});
