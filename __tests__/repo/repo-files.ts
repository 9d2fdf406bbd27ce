import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isPair, isScalar, parseDocument, visit, type Document } from 'yaml';
import { repoRoot } from '../../test-support/action-runner.js';

/** A YAML file of the repository, parsed, with its path relative to the repository root. */
export interface RepoYaml {
  file: string;
  text: string;
  data: any;
  doc: Document;
}

function yamlFilesIn(dir: string): string[] {
  const abs = path.join(repoRoot, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.posix.join(dir, f));
}

export function loadYaml(file: string): RepoYaml {
  const text = readFileSync(path.join(repoRoot, file), 'utf8');
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0)
    throw new Error(`${file} is not valid YAML: ${doc.errors.map(String).join('; ')}`);
  return { file, text, data: doc.toJS(), doc };
}

/** The project's workflows and the examples users copy: every one must pass the same rules. */
export function workflowFiles(): string[] {
  return [...yamlFilesIn('.github/workflows'), ...yamlFilesIn('examples')];
}

/** Action metadata files: the root action and any action in a direct subdirectory (e.g. verify/). */
export function actionFiles(): string[] {
  const skip = new Set(['node_modules', 'dist', '.git', '.tmp', 'coverage']);
  const found: string[] = [];
  for (const name of ['action.yml', 'action.yaml']) {
    if (existsSync(path.join(repoRoot, name))) found.push(name);
  }
  for (const entry of readdirSync(repoRoot, { withFileTypes: true })) {
    if (!entry.isDirectory() || skip.has(entry.name)) continue;
    for (const name of ['action.yml', 'action.yaml']) {
      if (existsSync(path.join(repoRoot, entry.name, name))) found.push(path.posix.join(entry.name, name));
    }
  }
  return found;
}

/** One `uses:` reference, with its trailing comment (where a version is written next to a SHA). */
export interface UsesRef {
  file: string;
  line: number;
  value: string;
  comment: string;
}

/** Every `uses:` in a parsed YAML file (jobs calling reusable workflows, steps, composite action steps). */
export function usesRefs(y: RepoYaml): UsesRef[] {
  const refs: UsesRef[] = [];
  const lineOf = (offset: number) => y.text.slice(0, offset).split('\n').length;
  visit(y.doc, {
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.key) || pair.key.value !== 'uses' || !isScalar(pair.value)) return;
      const comment = (pair.value.comment ?? '').trim();
      refs.push({
        file: y.file,
        line: lineOf(pair.value.range?.[0] ?? 0),
        value: String(pair.value.value),
        comment,
      });
    },
  });
  return refs;
}

const SHA = /^[0-9a-f]{40}$/;
const VERSION_COMMENT = /^v\d+(\.\d+){0,2}\b/;

/** Why a `uses:` reference breaks the pinning rule, or undefined when it is fine. */
export function pinningProblem(ref: Pick<UsesRef, 'value' | 'comment'>): string | undefined {
  if (ref.value.startsWith('./') || ref.value.startsWith('docker://')) return undefined;
  const at = ref.value.lastIndexOf('@');
  if (at < 0) return 'no @ref: pin it by full commit SHA';
  const name = ref.value.slice(0, at);
  const pin = ref.value.slice(at + 1);
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+(\/[^@\s]+)?$/.test(name))
    return `not an owner/repo[/path] reference: ${name}`;
  if (!SHA.test(pin)) return `pinned by ${JSON.stringify(pin)}, not a full 40-hex commit SHA`;
  if (!VERSION_COMMENT.test(ref.comment)) return 'no version comment after the SHA (e.g. `# v4.2.0`)';
  return undefined;
}

/** `uses:` lines inside fenced YAML blocks of a Markdown file (docs show workflow snippets too). */
export function markdownUsesRefs(file: string): UsesRef[] {
  const text = readFileSync(path.join(repoRoot, file), 'utf8');
  const refs: UsesRef[] = [];
  let inYaml = false;
  text.split('\n').forEach((raw, i) => {
    if (/^\s*```/.test(raw)) {
      inYaml = !inYaml && /^\s*```ya?ml\s*$/.test(raw);
      return;
    }
    const m = inYaml ? /^\s*(?:-\s+)?uses:\s*(\S+)\s*(?:#\s*(.*))?$/.exec(raw) : null;
    if (m) refs.push({ file, line: i + 1, value: m[1]!, comment: (m[2] ?? '').trim() });
  });
  return refs;
}

/** The trigger names of a workflow's `on:` (a string, a list or a map). */
export function triggers(data: any): string[] {
  const on = data?.on ?? data?.true; // YAML 1.1 readers turn a bare `on` key into true; ours does not, but be safe
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.map(String);
  if (on && typeof on === 'object') return Object.keys(on);
  return [];
}

/** A fenced block of a Markdown text. */
export interface MarkdownBlock {
  lang: string;
  body: string;
  /** Line index (0-based) of the opening fence. */
  start: number;
}

export function markdownBlocks(text: string): MarkdownBlock[] {
  const lines = text.split('\n');
  const blocks: MarkdownBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !/^```\s*$/.test(lines[j]!); j++) body.push(lines[j]!);
    blocks.push({ lang: open[1] ?? '', body: body.join('\n'), start: i });
    i = j;
  }
  return blocks;
}

/** The lines of a Markdown section: from a `## Title` heading up to the next heading of the same or higher level. */
export function markdownSection(
  text: string,
  heading: RegExp,
): { lines: string[]; offset: number } | undefined {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => heading.test(l));
  if (start < 0) return undefined;
  const level = /^(#+)/.exec(lines[start]!)![1]!.length;
  let end = start + 1;
  let fenced = false;
  for (; end < lines.length; end++) {
    if (/^```/.test(lines[end]!)) fenced = !fenced;
    const h = fenced ? null : /^(#+)\s/.exec(lines[end]!);
    if (h && h[1]!.length <= level) break;
  }
  return { lines: lines.slice(start, end), offset: start };
}

/** The first-column values (inside backticks) of the Markdown table whose header's first cell matches. */
export function tableKeys(lines: string[], firstHeader: RegExp): string[] | undefined {
  const head = lines.findIndex((l) => /^\s*\|/.test(l) && firstHeader.test(l.split('|')[1]?.trim() ?? ''));
  if (head < 0) return undefined;
  const keys: string[] = [];
  for (let i = head + 2; i < lines.length && /^\s*\|/.test(lines[i]!); i++) {
    const cell = lines[i]!.split('|')[1]!.trim();
    const m = /^`([^`]+)`$/.exec(cell);
    keys.push(m ? m[1]! : cell);
  }
  return keys;
}
