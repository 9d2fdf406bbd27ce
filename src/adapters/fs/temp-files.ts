/**
 * Temporary files in flight (a bundle written under a temporary name before its rename, a download before it is
 * checked). An interrupt (Ctrl-C, a cancelled job's SIGTERM) would otherwise leave them behind beside the user's files:
 * on the first such signal they are removed, then the signal takes its usual course.
 */
// Taken like builtins.ts does (see why there), without importing it: this module stands alone so a test can run it
// in a process of its own.
const { unlinkSync } = process.getBuiltinModule('node:fs');

const inFlight = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let installed = false;

function onSignal(signal: NodeJS.Signals): void {
  for (const file of inFlight) {
    try {
      unlinkSync(file);
    } catch {
      // Already renamed into place or removed: nothing left behind.
    }
  }
  inFlight.clear();
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  installed = false;
  // With our listener gone, the same signal ends the process as it would have, with the status a shell expects.
  process.kill(process.pid, signal);
}

/** Registers `file` until the returned function is called (after the rename, or once the file was removed). */
export function trackTemporaryFile(file: string): () => void {
  if (!installed) {
    for (const s of SIGNALS) process.on(s, onSignal);
    installed = true;
  }
  inFlight.add(file);
  return () => {
    inFlight.delete(file);
  };
}
