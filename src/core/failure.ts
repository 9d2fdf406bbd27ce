import { exitCodeOf, isProvenantError, type ErrorCode } from './errors.js';

/** A failure as every entry point reports it: Provenant's own errors by code, anything else as unexpected. */
export interface Failure {
  code: ErrorCode;
  message: string;
  /** 1: a check failed or an operation could not complete; 2: malformed input. */
  exitCode: 1 | 2;
  /** True for errors Provenant did not anticipate: the stack is the message, so a report can say where. */
  unexpected: boolean;
}

export function describeFailure(e: unknown): Failure {
  if (isProvenantError(e))
    return { code: e.code, message: e.message, exitCode: e.exitCode, unexpected: false };
  const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
  return { code: 'INTERNAL', message, exitCode: exitCodeOf('INTERNAL'), unexpected: true };
}

/** `[CODE] message` for known failures, the bare stack for unexpected ones: the form logs and summaries show. */
export function failureLine(e: unknown): string {
  const f = describeFailure(e);
  return f.unexpected ? f.message : `[${f.code}] ${f.message}`;
}
