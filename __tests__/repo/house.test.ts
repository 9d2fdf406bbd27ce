import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { repoRoot } from '../../test-support/action-runner.js';

// Small rooms: a file or a function that grows past these is doing more than one job.
const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 60;

function sourceFiles(dir = 'src'): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(repoRoot, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (entry.name.endsWith('.ts')) out.push(rel);
  }
  return out.sort();
}

interface Measured {
  file: string;
  name: string;
  lines: number;
}

function functionName(node: ts.Node, source: ts.SourceFile): string {
  const named = node as { name?: ts.Node };
  if (named.name) return named.name.getText(source);
  const parent = node.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)))
    return parent.name.getText(source);
  return '(anonymous)';
}

/** Every function-like node with its span in lines, from its first line to its last. */
export function measureFunctions(file: string, text: string): Measured[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: Measured[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && (node as { body?: ts.Node }).body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      out.push({ file, name: functionName(node, source), lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** The relative imports of a source file, resolved to paths under src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(repoRoot, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
    out.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]!)));
  }
  return out;
}

describe('the house rules for src/', () => {
  const files = sourceFiles();

  it('measures what it checks', () => {
    expect(files.length).toBeGreaterThan(50);
    const measured = measureFunctions('x.ts', 'function a() {\n  return 1;\n}\nconst b = () =>\n  2;\n');
    expect(measured).toEqual([
      { file: 'x.ts', name: 'a', lines: 3 },
      { file: 'x.ts', name: 'b', lines: 2 },
    ]);
  });

  it('points its dependencies inward: core imports nothing outside core, app only core and app', () => {
    const wrong = files.flatMap((file) => {
      const allowed = file.startsWith('src/core/')
        ? ['src/core/']
        : file.startsWith('src/app/')
          ? ['src/core/', 'src/app/', 'src/version.ts', 'src/version.js']
          : undefined;
      if (!allowed) return [];
      return importsOf(file)
        .filter((target) => !allowed.some((a) => target.startsWith(a)))
        .map((target) => `${file} -> ${target}`);
    });
    expect(wrong).toEqual([]);
  });

  it(`has no file over ${MAX_FILE_LINES} lines`, () => {
    const long = files
      .map((file) => ({
        file,
        lines: readFileSync(path.join(repoRoot, file), 'utf8').split('\n').length - 1,
      }))
      .filter((f) => f.lines > MAX_FILE_LINES);
    expect(long).toEqual([]);
  });

  it(`has no function over ${MAX_FUNCTION_LINES} lines`, () => {
    const long = files
      .flatMap((file) => measureFunctions(file, readFileSync(path.join(repoRoot, file), 'utf8')))
      .filter((f) => f.lines > MAX_FUNCTION_LINES);
    expect(long).toEqual([]);
  });
});
