/**
 * Workflow-command injection: the Actions runner executes any line of a step's output that starts with `::` (after
 * leading spaces). An input with a line break, or a file name printed in a log, must never become such a line.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  guardLogMessage,
  refuseControlCharacters,
  showControlCharacters,
} from '../../src/core/control-characters.js';
import { repoRoot, runAction, runCliProcess } from '../../test-support/action-runner.js';

/** The commands the runner would execute from this output, honouring `stop-commands` fences as it does. */
export function runnerCommands(output: string): string[] {
  const commands: string[] = [];
  let stoppedBy: string | undefined;
  for (const raw of output.split(/\r?\n/)) {
    const line = raw.trimStart();
    if (stoppedBy !== undefined) {
      if (line === `::${stoppedBy}::`) stoppedBy = undefined;
      continue;
    }
    const stop = /^::stop-commands::(.+)$/.exec(line);
    if (stop) stoppedBy = stop[1];
    else if (line.startsWith('::') || line.startsWith('##[')) commands.push(line);
  }
  return commands;
}

const INJECTED = '::warning title=pwned::injected';

let ws: string;
beforeAll(async () => {
  ws = await mkdtemp(path.join(tmpdir(), 'provenant-commands-'));
  await mkdir(path.join(ws, 'dist'), { recursive: true });
  await writeFile(path.join(ws, 'dist', 'app.tgz'), 'app');
  // Legal file names on Linux: a line break, then what looks like a command; and a terminal escape.
  await mkdir(path.join(ws, 'broken'), { recursive: true });
  await writeFile(path.join(ws, 'broken', `evil\n${INJECTED}`), 'evil');
  await writeFile(path.join(ws, 'dist', 'red\u001b[31m.tgz'), 'red');
});
afterAll(async () => {
  await rm(ws, { recursive: true, force: true });
});

describe('inputs with control characters are refused, naming the input, not echoing it', () => {
  it.each([
    ['output-dir', { 'subject-path': 'dist/app.tgz', 'output-dir': `out\n${INJECTED}` }],
    ['base-dir', { 'subject-path': 'dist/app.tgz', 'base-dir': `.\n${INJECTED}` }],
    ['bundle-name', { 'subject-path': 'dist/app.tgz', 'bundle-name': `b\r${INJECTED}` }],
    ['subject-path', { 'subject-path': `dist/app.tgz\u001b[2K` }],
  ])('the action refuses %s', async (input, inputs) => {
    const run = await runAction({ workspace: ws, inputs: { 'dry-run': 'true', ...inputs } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`::error::[INPUT_INVALID] input ${input}`);
    expect(run.stdout).toContain('expected no control characters');
    expect(runnerCommands(run.stdout).filter((c) => c.startsWith('::warning title=pwned'))).toEqual([]);
  });

  it.each([
    ['cert-identity-regex', `^https://github.com/\n${INJECTED}`],
    ['signer-workflow', `octo-org/x\n${INJECTED}`],
    ['bundle-dir', `b\n${INJECTED}`],
  ])('the verify action refuses %s', async (input, value) => {
    const run = await runAction({
      workspace: ws,
      entry: path.join(repoRoot, 'dist', 'verify.js'),
      inputs: {
        artifacts: 'dist/app.tgz',
        repo: 'octo-org/octo-repo',
        'trusted-root': path.join(repoRoot, '__tests__/fixtures/trust/public-good-trusted-root.json'),
        [input]: value,
      },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`input ${input}`);
    expect(runnerCommands(run.stdout).filter((c) => c.startsWith('::warning title=pwned'))).toEqual([]);
  });

  it('the CLI refuses an argument with a line break', async () => {
    const r = await runCliProcess(['hash', `dist/app.tgz\n${INJECTED}`], { cwd: ws });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /error \[INPUT_INVALID\]: argument 1: expected no control characters .*U\+000A at character 13/,
    );
    expect(runnerCommands(r.stderr)).toEqual([]);
  });
});

describe('names found on disk never become commands or terminal escapes', () => {
  it('a file whose name holds a line break is refused, the name shown escaped', async () => {
    const run = await runAction({ workspace: ws, inputs: { 'dry-run': 'true', 'subject-path': 'broken' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('[SUBJECT_NAME_INVALID]');
    expect(runnerCommands(run.stdout).filter((c) => c.startsWith('::warning title=pwned'))).toEqual([]);
  });

  it('a file whose name holds a terminal escape is logged with the escape shown, not sent', async () => {
    const run = await runAction({ workspace: ws, inputs: { 'dry-run': 'true', 'subject-path': 'dist' } });
    expect(run.code).toBe(0);
    expect(run.outputs['subject-count']).toBe('2');
    expect(run.stdout).not.toContain('\u001b');
    expect(run.stdout).toContain('red\\u{1b}[31m.tgz');
  });
});

describe('the log guard', () => {
  it('passes ordinary text through, one line for one message', () => {
    expect(guardLogMessage('Hashing 2 files\nunder /w', () => 't')).toEqual(['Hashing 2 files\nunder /w']);
  });

  it('fences text that would pass for a command, with a fresh token', () => {
    const lines = guardLogMessage(`Bundle written to out\n  ${INJECTED}`, () => 'f00d');
    expect(lines).toEqual(['::stop-commands::f00d', `Bundle written to out\n  ${INJECTED}`, '::f00d::']);
    expect(runnerCommands(lines.join('\n'))).toEqual([]);
  });

  it('shows other control characters escaped', () => {
    expect(showControlCharacters('a\rb\u001b[31mc\u2028d')).toBe('a\\u{d}b\\u{1b}[31mc\\u{2028}d');
    expect(guardLogMessage('VERIFIED\rFAILED', () => 't')).toEqual(['VERIFIED\\u{d}FAILED']);
  });

  it('refuses without quoting the value', () => {
    expect(() => refuseControlCharacters('ghs_secret\nx', 'input github-token')).toThrow(
      /^input github-token: expected no control characters \(line breaks, tabs, escapes\), got U\+000A at character 11/,
    );
    expect(() => refuseControlCharacters('ghs_secret\nx', 'input github-token')).not.toThrow(/ghs_secret/);
  });
});
