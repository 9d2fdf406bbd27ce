/**
 * Control characters have no place in a path, a pattern, a URL or a name given to Provenant, and in a log they are
 * how text pretends to be something else: a line break followed by `::warning::` is a command to the Actions runner,
 * a carriage return overwrites what a terminal shows. Inputs refuse them; logs show them escaped.
 */
import { inputError } from './errors.js';

// C0 controls, DEL and C1 controls; the line separators U+2028/U+2029 break lines in some viewers too. Matching
// control characters is the point here.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

const codePoint = (c: string): string => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Refuses a value with a control character. The value itself is not quoted (it may be a secret, or the very text
 * that should not reach a log): the message names the character and where it is.
 */
export function refuseControlCharacters(value: string, label: string): string {
  const at = value.search(CONTROL);
  if (at >= 0) {
    throw inputError(
      'INPUT_INVALID',
      `${label}: expected no control characters (line breaks, tabs, escapes), got ${codePoint(value[at]!)} at ` +
        `character ${at + 1}. Give one value per line, without control characters.`,
    );
  }
  return value;
}

/** Text for a log line: every control character shown as `\u{…}`, so it cannot start a line or rewrite one. */
export function showControlCharacters(text: string): string {
  return text.replace(CONTROLS, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

/** Whether a line of log output would be taken by the Actions runner as a workflow command. */
export function looksLikeWorkflowCommand(line: string): boolean {
  const start = line.trimStart();
  return start.startsWith('::') || start.startsWith('##[');
}

/**
 * A message as it may be written to a log the Actions runner reads: control characters shown escaped, and, when a
 * line of it would pass for a workflow command, the whole message fenced by `stop-commands` with a fresh token, the
 * runner's own way to print untrusted text.
 */
export function guardLogMessage(message: string, newToken: () => string): string[] {
  const text = message.split('\n').map(showControlCharacters).join('\n');
  if (!text.split('\n').some(looksLikeWorkflowCommand)) return [text];
  const token = newToken();
  return [`::stop-commands::${token}`, text, `::${token}::`];
}
