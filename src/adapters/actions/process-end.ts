/**
 * How the action's process ends. Three things must never happen: a promise that can no longer settle (a library
 * waiting on a response that was cut short, with nothing left on the event loop) ending the process silently or with
 * Node's exit code 13; a failure that reported its error but never exits because a library left a socket or a timer
 * open; and a crash in a library that prints a stack but no `::error::`.
 */

/** How long a settled run waits for what is still open before the process ends anyway. */
export const EXIT_GRACE_MS = 1000;

export interface RunEnd {
  /** Reports that the run can no longer settle (what it was waiting for, what is kept), as a failed step. */
  stranded(): void;
  /** Reports an error no part of the run caught (a library's stray rejection or exception). */
  crashed(error: unknown): void;
}

/**
 * Runs `run` to its end: once it settles, the process ends within EXIT_GRACE_MS whatever a library left open; if the
 * event loop empties before it settles, `end.stranded()` reports it and the process exits 1.
 */
export function runToEnd(run: () => Promise<void>, end: RunEnd): void {
  let settled = false;
  const finish = (): void => {
    settled = true;
    // Unreferenced: a process with nothing left open ends at once, and this only ends one that is held open.
    setTimeout(() => process.exit(), EXIT_GRACE_MS).unref();
  };
  process.once('beforeExit', () => {
    if (settled) return;
    settled = true;
    end.stranded();
    process.exit(1);
  });
  const crash = (error: unknown): void => {
    if (settled) return;
    settled = true;
    end.crashed(error);
    process.exit(1);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  run().then(finish, (error: unknown) => {
    if (!settled) end.crashed(error);
    finish();
  });
}
