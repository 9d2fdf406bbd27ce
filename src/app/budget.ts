/**
 * Every phase of a run has a budget of time: signing (identity tokens, certificates, log entries, timestamps) and
 * publishing (workflow artifact, release assets, attestation store). Each call to a service runs within what is left
 * of its phase's budget, so a service that answers slowly, trickles or hangs ends in a clear error naming it, never
 * in a step that runs until the job's own timeout. The budget also knows what the run is waiting for at any moment,
 * which is what a failure with nothing left to wait for reports.
 */
import { ProvenantError } from '../core/errors.js';

export type PhaseName = 'signing' | 'publishing';

export interface PhaseBudget {
  ms: number;
  /** The input that sets it, for the fix in messages. */
  input: string;
}

/** What one call is doing, and which service it waits for: "uploading the workflow artifact", "the results service". */
export interface Activity {
  doing: string;
  service: string;
}

export class Budgets {
  readonly #budgets: Record<PhaseName, PhaseBudget>;
  readonly #now: () => number;
  /** Per phase: time already spent waiting on its services, calls under way, and since when. */
  readonly #clock = new Map<PhaseName, { spent: number; active: number; since: number }>();
  #waiting: Activity | undefined;

  constructor(budgets: Record<PhaseName, PhaseBudget>, now: () => number = Date.now) {
    this.#budgets = budgets;
    this.#now = now;
  }

  /** The activity last started and not yet finished, if any. */
  get waitingFor(): Activity | undefined {
    return this.#waiting;
  }

  /**
   * Runs `fn` within what is left of `phase`'s budget. A phase spends its budget while at least one of its calls is
   * under way (calls side by side share the time), so local work between calls, or another phase, costs it nothing.
   */
  async within<T>(phase: PhaseName, activity: Activity, fn: () => Promise<T>): Promise<T> {
    const budget = this.#budgets[phase];
    const clock = this.#clock.get(phase) ?? { spent: 0, active: 0, since: 0 };
    this.#clock.set(phase, clock);
    const now = this.#now();
    if (clock.active === 0) clock.since = now;
    clock.active += 1;
    const left = budget.ms - clock.spent - (now - clock.since);
    this.#waiting = activity;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(overBudget(phase, budget, activity)), Math.max(0, left));
      // A timer must not keep the process alive: with nothing else left, the run is stranded, and says so at once.
      timer.unref?.();
    });
    try {
      return await Promise.race([fn(), expired]);
    } finally {
      clearTimeout(timer);
      clock.active -= 1;
      if (clock.active === 0) clock.spent += this.#now() - clock.since;
      if (this.#waiting === activity) this.#waiting = undefined;
    }
  }
}

function overBudget(phase: PhaseName, budget: PhaseBudget, activity: Activity): ProvenantError {
  const seconds = Math.round(budget.ms / 1000);
  return new ProvenantError(
    'SERVICE_UNAVAILABLE',
    `expected ${phase} to finish within its budget of ${seconds} s (${budget.input}), got ${activity.service} ` +
      `still busy ${activity.doing} when it ran out; fix: rerun the job, or raise ${budget.input} if the service is ` +
      'known to be slow',
  );
}

/** The failure of a run that can no longer settle: what it was waiting for when the event loop ran empty. */
export function strandedError(waiting: Activity | undefined): ProvenantError {
  const what = waiting ? `an answer from ${waiting.service} while ${waiting.doing}` : 'the run to finish';
  return new ProvenantError(
    'SERVICE_UNAVAILABLE',
    `expected ${what}, got a connection that ended without one (a response cut short or lost) and nothing left to ` +
      'wait for; fix: rerun the job',
  );
}
